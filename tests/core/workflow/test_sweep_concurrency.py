"""Two sweeps at once (PostgreSQL): no step completed twice, no warning written twice."""

import threading

import pytest
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.rules.models import Warning
from core.workflow.sweep import sweep
from tests.core.workflow import test_sweep
from tests.core.workflow.test_sweep import completions, overdue_step, state

notice_running = test_sweep.notice_running  # a fixture, shared


@pytest.mark.postgres
def test_two_sweeps_at_once_do_everything_exactly_once(app, notice_running, api, works, sess):
    created = [notice_running() for _ in range(3)]
    overdue_step(sess, api, works)
    barrier = threading.Barrier(2)
    reports, errors = [], []

    def run():
        with app.app_context():
            barrier.wait()
            try:
                reports.append(sweep(app.extensions["qingdan.sessionmaker"]))
            except Exception as exc:  # surfaced by the assertion below
                errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [r.failed for r in reports] == [[], []]
    assert sum(r.notices_closed for r in reports) == 3
    assert sum(r.warnings_opened for r in reports) == 1
    for case in created:
        assert state(sess, case["id"])[0].status == "completed"
        assert completions(sess, case["id"]) == 1
    assert sess.scalar(select(func.count(Warning.id)).where(Warning.rule == "overdue_step")) == 1
    opened = select(func.count(AuditEvent.id)).where(AuditEvent.action == "warning.opened")
    assert sess.scalar(opened.where(AuditEvent.payload["rule"].as_string() == "overdue_step")) == 1
