"""Must show 2 for warnings: the sweep raises a yellow warning nobody dealt with to red after
the tenant's working days (default 5), exactly once however often and however concurrently
it runs, in-process and through the rq job."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.settings import save_values
from core.supervision.warning_models import WarningEvent
from core.workflow.sweep import sweep
from tests.core.supervision.warning_world import audited, events, reload, stored
from tests.core.workflow.test_sweep_scheduling import redis_env, sweep_through_rq

__all__ = ["redis_env", "stored"]  # fixtures

#: Monday 2025-03-03, 10:00 in Shanghai: the next five working days run to Monday 03-10
MONDAY = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


@pytest.fixture
def run_sweep(app):
    def run(now=None):
        with app.app_context():
            return sweep(app.extensions["qingdan.sessionmaker"], now)

    return run


def escalations(sess):
    sess.expire_all()
    return sess.scalar(select(func.count(WarningEvent.id)).where(WarningEvent.kind == "escalated"))


def test_a_yellow_warning_turns_red_after_five_working_days(stored, world, run_sweep, sess):
    warning = stored(world.villages.a1x, "yellow", opened_at=MONDAY)
    run_sweep(MONDAY + timedelta(days=4))  # Friday: four working days
    assert reload(sess, warning).severity == "yellow"
    report = run_sweep(MONDAY + timedelta(days=7))  # the next Monday: five
    warning = reload(sess, warning)
    assert (warning.severity, warning.escalated_at) == ("red", MONDAY + timedelta(days=7))
    assert report.warnings_escalated == 1
    assert events(sess, warning) == ["escalated"]
    assert audited(sess, warning) == ["warning.escalated"]


def test_sweeping_again_escalates_nothing_more(stored, world, run_sweep, sess):
    warning = stored(world.villages.a1x, "yellow", opened_at=MONDAY)
    for days in (7, 8, 30):
        run_sweep(MONDAY + timedelta(days=days))
    assert events(sess, warning) == ["escalated"]


def test_the_working_days_are_a_tenant_setting(app, stored, world, run_sweep, sess):
    with app.app_context():
        save_values(sess, world.a1, {"supervision.escalate_after_days": "2"})
    sess.commit()
    warning = stored(world.villages.a1x, "yellow", opened_at=MONDAY)
    run_sweep(MONDAY + timedelta(days=2))  # Wednesday
    assert reload(sess, warning).severity == "red"


def test_warnings_a_person_decided_or_not_yellow_stay_as_they_are(stored, world, run_sweep, sess):
    kept = [
        stored(world.villages.a1x, "yellow", opened_at=MONDAY, status="resolved"),
        stored(world.villages.a1x, "yellow", opened_at=MONDAY, status="dismissed"),
        stored(world.villages.a1x, "blue", opened_at=MONDAY),
    ]
    run_sweep(MONDAY + timedelta(days=30))
    assert [reload(sess, w).severity for w in kept] == ["yellow", "yellow", "blue"]
    assert escalations(sess) == 0


def test_an_acknowledged_warning_still_escalates(stored, world, run_sweep, sess):
    warning = stored(world.villages.a1x, "yellow", opened_at=MONDAY, status="acknowledged")
    run_sweep(MONDAY + timedelta(days=7))
    assert reload(sess, warning).severity == "red"


@pytest.mark.postgres
def test_two_sweeps_at_once_escalate_once(app, stored, world, sess):
    warnings = [stored(world.villages.a1x, "yellow", opened_at=MONDAY) for _ in range(3)]
    barrier = threading.Barrier(2)
    errors = []

    def run():
        with app.app_context():
            barrier.wait()
            try:
                sweep(app.extensions["qingdan.sessionmaker"], MONDAY + timedelta(days=7))
            except Exception as exc:  # surfaced by the assertion below
                errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert escalations(sess) == 3
    assert [events(sess, w) for w in warnings] == [["escalated"]] * 3
    count = select(func.count(AuditEvent.id)).where(AuditEvent.action == "warning.escalated")
    assert sess.scalar(count) == 3


@pytest.mark.redis
@pytest.mark.postgres
def test_with_redis_the_rq_sweep_escalates_once_however_often_it_runs(
    app, redis_env, stored, world, sess
):
    warning = stored(world.villages.a1x, "yellow", days_ago=30)
    results = [sweep_through_rq(app, *redis_env)["warnings_escalated"] for _ in range(2)]
    assert results == [1, 0]
    assert reload(sess, warning).severity == "red"
    assert events(sess, warning) == ["escalated"]
