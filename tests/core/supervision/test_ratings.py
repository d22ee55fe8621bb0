"""Village ratings: computed by the sweep from configurable points, written once per change,
and a C or D tells the township once per village and month (must show 2)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core import settings
from core.audit.models import AuditEvent
from core.notifications.models import Notification
from core.supervision.rating_models import VillageRating
from core.supervision.ratings import Month, grade_for, points_in_force
from tenants.models import Tenant
from tests.core.supervision import test_orders, test_orders_sweep
from tests.core.supervision.test_orders import count, red_warning

inspection, orders_api, issued = (
    test_orders.inspection,
    test_orders.orders_api,
    test_orders.issued,
)  # fixtures, shared
run_sweep = test_orders_sweep.run_sweep


def rating(sess, village):
    sess.expire_all()
    return sess.scalar(select(VillageRating).where(VillageRating.village_id == village.id))


def test_a_village_with_nothing_against_it_rates_a(run_sweep, inspection, sess):
    run_sweep()
    found = rating(sess, inspection.village)
    assert (found.points, found.grade, found.details) == (100, "A", {})


def test_a_red_order_and_a_red_warning_cost_their_points(run_sweep, inspection, issued, sess):
    red_warning(sess, inspection.world.a1, inspection.village)
    issued(colour="red")
    run_sweep()
    found = rating(sess, inspection.village)
    assert found.details == {
        "warning.red": {"count": 1, "points": 10},
        "order.red": {"count": 1, "points": 20},
    }
    assert (found.points, found.grade) == (70, "C")


def test_the_rating_is_rewritten_only_when_it_changes(run_sweep, inspection, issued, sess):
    reports = [run_sweep() for _ in range(3)]
    assert [r.ratings_changed for r in reports] == [4, 0, 0]  # every village, the first time
    issued(colour="blue")
    assert run_sweep().ratings_changed == 1
    assert run_sweep().ratings_changed == 0
    changed = AuditEvent.action == "rating.changed"
    assert count(sess, AuditEvent, changed) == 5
    assert rating(sess, inspection.village).points == 95


def test_a_c_grade_tells_the_township_once_per_village_and_month(
    run_sweep, inspection, issued, sess
):
    issued(colour="red")
    issued(colour="red")
    run_sweep()
    issued(colour="blue")  # worse still: 55 points, D, but the township was told this month
    run_sweep()
    run_sweep()
    assert rating(sess, inspection.village).grade == "D"
    for user in (inspection.people.inspector, inspection.people.admin):
        told = Notification.user_id == user.id, Notification.text.contains("政治生态评级")
        assert count(sess, Notification, *told) == 1
    assert count(sess, AuditEvent, AuditEvent.action == "rating.notice") == 1


def test_the_points_are_local_settings(app, run_sweep, inspection, issued, sess):
    with app.app_context():
        township = sess.get(Tenant, inspection.world.a1.id)
        settings.save_values(sess, township, {"ratings.order.yellow": "30"})
        sess.commit()
        assert points_in_force(township)["order.yellow"] == 30
    issued(colour="yellow")
    run_sweep()
    assert rating(sess, inspection.village).points == 70


def test_grades_follow_the_bounds():
    bounds = {"grade.A": 90, "grade.B": 75, "grade.C": 60}
    assert [grade_for(p, bounds) for p in (100, 90, 89, 75, 74, 60, 59, 0)] == list("AABBCCDD")


def test_a_month_is_the_tenants_local_month(inspection):
    late_utc = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 1 December, 01:00 in Shanghai
    month = Month.of(inspection.world.a1, late_utc)
    assert month.key == "2026-12"
    assert month.ends - month.starts == timedelta(days=31)


def test_the_ratings_page_lists_villages_worst_first(client, login, run_sweep, inspection, issued):
    issued(village=inspection.other.code, colour="red")
    run_sweep()
    login(inspection.people.inspector)
    page = client.get("/t/town-a1/ratings").get_data(as_text=True)
    assert page.index(inspection.other.code) < page.index(inspection.village.code)
    assert "红色督查令 1 项，扣 20 分" in page


def test_a_village_supervisor_sees_only_its_own_villages_rating(
    client, login, run_sweep, inspection, orders_api
):
    run_sweep()
    login(inspection.people.supervisor_y)
    page = client.get("/t/town-a1/ratings").get_data(as_text=True)
    assert inspection.other.code in page and inspection.village.code not in page
    listed = orders_api(inspection.people.supervisor_y).get("/ratings").json
    assert [r["village"] for r in listed] == [inspection.other.code]


def test_the_county_reads_its_townships_ratings(run_sweep, inspection, orders_api):
    run_sweep()
    listed = orders_api(inspection.people.county_inspector, slug="county-a").get("/ratings").json
    assert {r["township"] for r in listed} == {"town-a1", "town-a2"}


@pytest.mark.parametrize("period", ["2026-13", "12-2026", "x"])
def test_a_bad_period_is_refused(orders_api, inspection, period):
    response = orders_api(inspection.people.inspector).get(f"/ratings?period={period}")
    assert response.status_code == 422
    assert "period" in response.json["error"]["fields"]
