"""Appends from many transactions at once still make one gapless chain."""

import threading

from sqlalchemy import func, select

from core import db
from core.audit import record, verify
from core.audit.models import AuditEvent

THREADS, EACH = 10, 5


def test_concurrent_appends_make_one_gapless_verifying_chain(app, sess, world):
    """Runs on whichever database the suite uses; on PostgreSQL it is the advisory lock that
    keeps ten truly parallel transactions from reading the same chain head."""
    tenant_id = world.a1.id
    before = sess.scalar(select(func.max(AuditEvent.seq)).where(AuditEvent.tenant_id == tenant_id))
    sess.commit()
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []

    def append(worker: int) -> None:
        session = app.extensions["qingdan.sessionmaker"]()
        try:
            db.set_scope(session, [tenant_id])
            start.wait()
            for n in range(EACH):
                record(
                    session,
                    tenant_id=tenant_id,
                    action="test.parallel",
                    subject_type="worker",
                    subject_id=worker,
                    payload={"n": n},
                )
                session.commit()
        except BaseException as exc:  # reported below, in the test's own thread
            failures.append(exc)
        finally:
            session.close()

    threads = [threading.Thread(target=append, args=(w,)) for w in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    seqs = sess.scalars(
        select(AuditEvent.seq).where(AuditEvent.tenant_id == tenant_id).order_by(AuditEvent.seq)
    ).all()
    assert seqs == list(range(1, (before or 0) + THREADS * EACH + 1))
    assert verify(sess, tenant_id) == []
