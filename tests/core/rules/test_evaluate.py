"""Evaluating rules: idempotent, audited as the system, and polite to supervision's states."""

from datetime import timedelta

from sqlalchemy import func, select

from core import rules
from core.audit.models import AuditEvent
from core.db import utcnow
from core.workflow.models import Notice


def audit_actions(sess):
    sess.expire_all()
    return sess.execute(
        select(AuditEvent.action, AuditEvent.actor_label)
        .where(AuditEvent.action.like("warning.%"))
        .order_by(AuditEvent.id)
    ).all()


def short_notice(sess, to_notice, works, complete):
    """A case whose notice was ended early: one notice_too_short warning."""
    case = to_notice()
    sess.expire_all()
    notice = sess.scalar(select(Notice).where(Notice.case_id == case["id"]))
    notice.ends_at = utcnow() - timedelta(seconds=1)
    sess.commit()
    complete(works.people.director, case["id"], "notice")
    return notice.case


def test_evaluating_a_case_again_changes_nothing(app, sess, to_notice, works, complete, warnings):
    case = short_notice(sess, to_notice, works, complete)
    state = lambda: (  # noqa: E731
        [(w.id, w.status, w.severity, w.message, w.updated_at) for w in warnings()],
        audit_actions(sess),
    )
    before = state()
    assert len(before[0]) == 1
    with app.app_context():
        outcome = rules.on_step_completed(sess, case, case.runs[-1])
        sess.commit()
    assert outcome == rules.Outcome()
    assert state() == before


def test_opening_and_closing_are_audited_as_the_system(
    api, works, run_of, run_sweep, complete, sess
):
    response = api(works.people.committee).post(
        "/cases", {"item": "local.street_lights", "village": works.village.code, "data": {}}
    )
    run = run_of(response.json["id"], "apply")
    run_sweep(run.due_at + timedelta(hours=1))
    complete(works.people.committee, response.json["id"], "apply", {"amount": "100.00"})
    run_sweep(run.due_at + timedelta(hours=2))
    assert audit_actions(sess) == [("warning.opened", "system"), ("warning.closed", "system")]


def test_supervisions_states_are_left_alone(
    api, works, run_of, run_sweep, complete, warnings, sess
):
    response = api(works.people.committee).post(
        "/cases", {"item": "local.street_lights", "village": works.village.code, "data": {}}
    )
    run = run_of(response.json["id"], "apply")
    run_sweep(run.due_at + timedelta(hours=1))
    [warning] = warnings("overdue_step")
    warning.status = "acknowledged"  # a supervisor took it up
    sess.commit()
    run_sweep(run.started_at + 2 * (run.due_at - run.started_at))
    assert [(w.status, w.severity) for w in warnings("overdue_step")] == [("acknowledged", "red")]
    complete(works.people.committee, response.json["id"], "apply", {"amount": "100.00"})
    run_sweep(run.due_at + timedelta(days=30))
    assert [w.status for w in warnings("overdue_step")] == ["acknowledged"]


def test_a_tenant_with_nothing_wrong_gets_no_warnings(start, run_sweep, sess):
    start()
    report = run_sweep()
    assert (report.warnings_opened, report.failed) == (0, [])
    assert sess.scalar(select(func.count()).select_from(rules.Warning)) == 0
