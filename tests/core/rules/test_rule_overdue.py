"""overdue_step: yellow past the time limit, red at twice it, closed once the step is done."""

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from core.audit.models import AuditEvent
from core.rules.models import Warning


@pytest.fixture
def waiting(api, works, run_of):
    """A case started without its first step done: ``apply`` (5 working days) is running."""
    response = api(works.people.committee).post(
        "/cases", {"item": "local.street_lights", "village": works.village.code, "data": {}}
    )
    assert response.status_code == 201, response.json
    return response.json, run_of(response.json["id"], "apply")


def test_a_step_within_its_limit_raises_nothing(waiting, run_sweep, warnings):
    _case, run = waiting
    run_sweep(run.due_at - timedelta(hours=1))
    assert warnings("overdue_step") == []


def test_a_step_past_its_limit_raises_a_yellow_warning(waiting, run_sweep, warnings):
    case, run = waiting
    run_sweep(run.due_at + timedelta(hours=1))
    [warning] = warnings("overdue_step")
    assert (warning.severity, warning.status) == ("yellow", "open")
    assert warning.subject == f"case:{case['id']}:step:apply"
    assert warning.case_id == case["id"]
    assert case["code"] in warning.message
    assert "“提出申请”环节超过办理时限" in warning.message
    assert "时限 5 个工作日" in warning.message


def test_twice_the_limit_turns_the_same_warning_red(waiting, run_sweep, warnings, sess):
    _case, run = waiting
    run_sweep(run.due_at + timedelta(hours=1))
    [yellow] = warnings("overdue_step")
    report = run_sweep(run.started_at + 2 * (run.due_at - run.started_at))
    [red] = warnings("overdue_step")
    assert red.id == yellow.id
    assert red.severity == "red"
    assert "两倍以上" in red.message
    assert report.warnings_escalated == 1
    escalated = sess.scalars(
        select(AuditEvent).where(AuditEvent.action == "warning.escalated")
    ).all()
    assert [(e.subject_id, e.actor_label) for e in escalated] == [(str(red.id), "system")]


def test_just_short_of_twice_the_limit_stays_yellow(waiting, run_sweep, warnings):
    _case, run = waiting
    run_sweep(run.started_at + 2 * (run.due_at - run.started_at) - timedelta(seconds=1))
    assert [w.severity for w in warnings("overdue_step")] == ["yellow"]


def test_it_closes_when_the_step_is_completed(waiting, run_sweep, warnings, works, complete):
    case, run = waiting
    run_sweep(run.due_at + timedelta(hours=1))
    complete(works.people.committee, case["id"], "apply", {"amount": "12000.00"})
    report = run_sweep(run.due_at + timedelta(hours=2))
    [warning] = warnings("overdue_step")
    assert warning.status == "closed"
    assert warning.closed_reason == "预警原因已消除，系统自动解除"
    assert report.warnings_closed == 1


def test_it_is_one_row_however_often_the_sweep_runs(waiting, run_sweep, warnings, sess):
    _case, run = waiting
    late = run.due_at + timedelta(hours=1)
    reports = [run_sweep(late) for _ in range(3)]
    assert len(warnings("overdue_step")) == 1
    assert [r.warnings_opened for r in reports] == [1, 0, 0]
    opened = sess.scalars(select(AuditEvent).where(AuditEvent.action == "warning.opened")).all()
    assert len(opened) == 1


def test_it_reopens_the_same_row_when_the_step_runs_late_again(
    waiting, run_sweep, warnings, works, complete, run_of
):
    case, run = waiting
    run_sweep(run.due_at + timedelta(hours=1))
    complete(works.people.committee, case["id"], "apply", {"amount": "12000.00"})
    run_sweep(run.due_at + timedelta(hours=2))
    complete(
        works.people.reviewer, case["id"], "review", {"decision": "return", "comment": "补材料"}
    )
    again = run_of(case["id"], "apply")
    report = run_sweep(again.due_at + timedelta(hours=1))
    [warning] = warnings("overdue_step")
    assert (warning.status, warning.closed_at) == ("open", None)
    assert report.warnings_opened == 1


def test_a_sweep_that_finds_nothing_new_loads_no_warning(waiting, run_sweep):
    """Rows are compared as columns; only a warning that changes is loaded, to change it."""
    _case, run = waiting
    run_sweep(run.due_at + timedelta(hours=1))
    loaded = []

    def seen(target, _context):
        loaded.append(target.id)

    event.listen(Warning, "load", seen)
    try:
        run_sweep(run.due_at + timedelta(hours=2))
        assert loaded == []
        run_sweep(run.started_at + 2 * (run.due_at - run.started_at))
        assert len(loaded) == 1
    finally:
        event.remove(Warning, "load", seen)
