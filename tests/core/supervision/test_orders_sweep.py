"""Overdue orders escalate in the sweep, once per order however often the sweep runs: in
process, by an rq worker with Redis, and with two sweeps at once (must show 2)."""

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.notifications.models import Notification
from core.supervision.order_models import SupervisionOrder
from core.workflow.sweep import sweep
from tests.core.supervision import test_orders
from tests.core.supervision.test_orders import count
from tests.core.workflow import test_sweep_scheduling

inspection, orders_api, issued = (
    test_orders.inspection,
    test_orders.orders_api,
    test_orders.issued,
)  # fixtures, shared
redis_env = test_sweep_scheduling.redis_env  # a fixture, shared


@pytest.fixture
def overdue(sess, issued):
    """``overdue(**changes)``: an order whose deadline passed two days ago."""

    def make(**changes):
        order = issued(**changes)
        row = sess.get(SupervisionOrder, order["id"])
        row.deadline = date.today() - timedelta(days=2)
        sess.commit()
        return order

    return make


@pytest.fixture
def run_sweep(app):
    def run():
        with app.app_context():
            return sweep(app.extensions["qingdan.sessionmaker"])

    return run


def escalations(sess):
    return count(sess, AuditEvent, AuditEvent.action == "order.escalated")


def test_an_overdue_order_rises_one_colour_once_however_often_the_sweep_runs(
    overdue, run_sweep, sess, inspection
):
    order = overdue(colour="yellow")
    reports = [run_sweep() for _ in range(3)]
    assert [r.orders_escalated for r in reports] == [1, 0, 0]
    sess.expire_all()
    row = sess.get(SupervisionOrder, order["id"])
    assert row.colour == "red" and row.overdue_at is not None
    assert escalations(sess) == 1
    told = (
        Notification.user_id == inspection.people.inspector.id,
        Notification.text.contains("逾期"),
    )
    assert count(sess, Notification, *told) == 1


def test_a_red_order_stays_red_but_is_marked_overdue(overdue, run_sweep, sess):
    order = overdue(colour="red")
    run_sweep()
    row = sess.get(SupervisionOrder, order["id"])
    assert (row.colour, row.overdue_at is not None) == ("red", True)


def test_an_accepted_or_timely_order_does_not_escalate(
    overdue, issued, orders_api, inspection, run_sweep, sess
):
    accepted = overdue()
    orders_api(inspection.people.secretary).post(f"/orders/{accepted['id']}/submit", {"text": "好"})
    orders_api(inspection.people.inspector).post(f"/orders/{accepted['id']}/accept", {})
    issued()  # its deadline is ahead
    assert run_sweep().orders_escalated == 0
    assert escalations(sess) == 0


@pytest.mark.redis
def test_with_redis_an_rq_worker_escalates_once_however_often_it_runs(
    app, redis_env, overdue, sess
):
    order = overdue()
    results = [test_sweep_scheduling.sweep_through_rq(app, *redis_env) for _ in range(2)]
    assert [r["orders_escalated"] for r in results] == [1, 0]
    assert sess.scalar(
        select(SupervisionOrder.colour).where(SupervisionOrder.id == order["id"])
    ) == ("red")
    assert escalations(sess) == 1


@pytest.mark.postgres
def test_two_sweeps_at_once_escalate_and_rate_exactly_once(app, overdue, sess):
    overdue()
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
    assert sum(r.orders_escalated for r in reports) == 1
    assert escalations(sess) == 1
    rated = count(sess, AuditEvent, AuditEvent.action == "rating.changed")
    assert rated == sum(r.ratings_changed for r in reports) == 4  # every village, once
