"""Appending to the audit log, and who the actor is.

:func:`record` is called by operations, inside their own transaction, for every change
worth answering for later: it commits or rolls back with the change it describes.

The actor of a request is kept in ``sess.info["qingdan_actor"]`` as ``(user_id, label)``:
the app sets it from the signed-in user (pages) or the bearer token's user (API) before any
operation runs, so operations need not pass it along. Code outside a request (the CLI, the
sweep, plugin defaults) records as :data:`SYSTEM`.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from core.db import utcnow

from .chain import GENESIS, event_hash, plain_payload
from .models import AuditEvent

#: ``(user_id, label)`` of whoever acts
Actor = tuple[int | None, str]
ACTOR = "qingdan_actor"
SYSTEM: Actor = (None, "system")


def actor_of(user) -> Actor:
    """A user as the log names them: "姓名（用户名）", or the user name alone."""
    name = f"{user.display_name}（{user.username}）" if user.display_name else user.username
    return user.id, name


def set_actor(sess: Session, user) -> None:
    """Make ``user`` (``None``: the platform) the actor of what ``sess`` records from now."""
    sess.info[ACTOR] = actor_of(user) if user is not None else SYSTEM


def record(
    sess: Session,
    *,
    tenant_id: int,
    action: str,
    subject_type: str,
    subject_id: int | str,
    payload: dict,
    actor: Actor | None = None,
) -> AuditEvent:
    """Append an event to ``tenant_id``'s chain, in the caller's transaction.

    ``actor`` defaults to the session's (see the module docstring). The tenant must be in
    the session's scope, as it must be for any write to its rows. Concurrent appends to one
    chain are serialized (see :func:`_lock_chain`), and ``(tenant_id, seq)`` is unique, so
    the chain can neither fork nor skip a number.
    """
    actor_id, actor_label = actor or sess.info.get(ACTOR, SYSTEM)
    _lock_chain(sess, tenant_id)
    head = sess.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(AuditEvent.tenant_id == tenant_id)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    event = AuditEvent(
        tenant_id=tenant_id,
        seq=head.seq + 1 if head else 1,
        at=utcnow(),
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        payload=plain_payload(payload),
        prev_hash=head.hash if head else GENESIS,
    )
    event.hash = event_hash(event)
    sess.add(event)
    sess.flush()
    return event


def _lock_chain(sess: Session, tenant_id: int) -> None:
    """Hold the tenant's chain until the transaction ends, so the head read next is final.

    PostgreSQL: a transaction-scoped advisory lock per tenant; a second appender waits for
    the first to commit, then reads the head the first one wrote. SQLite: take the database's
    write lock now (an update of no rows), for the same effect; it serializes writers anyway,
    but a transaction that has not written yet would otherwise read the head before waiting.
    """
    dialect = sess.get_bind().dialect.name
    if dialect == "postgresql":
        sess.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('qingdan.audit'), :tenant)"),
            {"tenant": tenant_id},
        )
    elif dialect == "sqlite":
        sess.execute(text("UPDATE audit_events SET seq = seq WHERE 0"))


def events_page(
    sess: Session, tenant_id: int, *, action: str = "", page: int = 1, per_page: int = 50
) -> tuple[list[AuditEvent], int]:
    """One page of a tenant's events, newest first, and how many match in all."""
    where = [AuditEvent.tenant_id == tenant_id]
    if action:
        where.append(AuditEvent.action == action)
    total = sess.scalar(select(func.count(AuditEvent.id)).where(*where)) or 0
    events = sess.scalars(
        select(AuditEvent)
        .where(*where)
        .order_by(AuditEvent.seq.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return list(events), total


def actions_of(sess: Session, tenant_id: int) -> list[str]:
    """The actions a tenant's log holds, for the page's filter."""
    stmt = select(AuditEvent.action).where(AuditEvent.tenant_id == tenant_id).distinct()
    return sorted(sess.scalars(stmt))
