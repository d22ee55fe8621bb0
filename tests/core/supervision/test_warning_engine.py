"""The rule engine and a person's decision: a warning a supervisor resolved or dismissed is
never closed or reopened by the engine — its facts are refreshed while the finding holds,
and the decision, its reason and a pending review stay when the cause goes."""

from datetime import timedelta

from tests.core.rules.conftest import complete, run_of, run_sweep, warnings
from tests.core.supervision.warning_world import people, wapi
from tests.core.workflow.conftest import api, works

__all__ = ["api", "complete", "people", "run_of", "run_sweep", "wapi", "warnings", "works"]


def overdue(api, works, run_of, run_sweep, warnings):
    """A case whose first step is overdue, and its warning (yellow, open)."""
    response = api(works.people.committee).post(
        "/cases", {"item": "local.street_lights", "village": works.village.code, "data": {}}
    )
    run = run_of(response.json["id"], "apply")
    run_sweep(run.due_at + timedelta(hours=1))
    [warning] = warnings("overdue_step")
    return response.json["id"], run, warning


def test_a_resolved_warning_whose_finding_holds_stays_resolved(
    api, works, run_of, run_sweep, warnings, wapi, people
):
    _case_id, run, warning = overdue(api, works, run_of, run_sweep, warnings)
    wapi(people.sup_x).post(warning.id, "resolve", {"reason": "已约谈，限期补办"})
    run_sweep(run.started_at + 2 * (run.due_at - run.started_at))
    [after] = warnings("overdue_step")
    assert (after.status, after.decision_reason) == ("resolved", "已约谈，限期补办")
    assert after.severity == "red"  # the facts are still the engine's


def test_a_dismissal_awaiting_review_survives_the_cause_going(
    api, works, run_of, run_sweep, warnings, wapi, people, complete
):
    case_id, run, warning = overdue(api, works, run_of, run_sweep, warnings)
    wapi(people.sup_x).post(warning.id, "dismiss", {"reason": "申请人外出，已说明"})
    complete(works.people.committee, case_id, "apply", {"amount": "100.00"})
    run_sweep(run.due_at + timedelta(days=30))
    [after] = warnings("overdue_step")
    assert (after.status, after.review_level, after.closed_at) == ("dismissed", "township", None)
    assert after.decision_reason == "申请人外出，已说明"


def test_an_open_warning_whose_cause_goes_is_still_closed_by_the_engine(
    api, works, run_of, run_sweep, warnings, complete
):
    case_id, run, _warning = overdue(api, works, run_of, run_sweep, warnings)
    complete(works.people.committee, case_id, "apply", {"amount": "100.00"})
    run_sweep(run.due_at + timedelta(days=1))
    assert [w.status for w in warnings("overdue_step")] == ["closed"]
