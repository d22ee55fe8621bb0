"""``/t/<slug>/admin/calendar``: coverage, a county's entered days, and who may change them."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.testing import csrf_token
from core.workflow.calendar import official_years
from core.workflow.holidays import HolidayOverride, calendar_for, enter_days

COUNTY = "/t/county-a/admin/calendar"
TOWNSHIP = "/t/town-a1/admin/calendar"


@pytest.fixture
def post(client):
    def submit(page, data, action=None):
        return client.post(action or page, data={"csrf_token": csrf_token(client, page), **data})

    return submit


@pytest.fixture
def stored(app):
    def read(statement):
        with app.app_context(), db.system_scope() as sess:
            return sess.execute(statement).all()

    return read


def test_page_says_which_years_the_official_calendar_covers(client, world, login):
    login(world.users.county_admin)
    page = client.get(COUNTY).get_data(as_text=True)
    first, last = official_years()
    assert f"官方节假日数据覆盖 {first}–{last} 年" in page
    assert f"{last + 1} 年及以后" in page


def test_county_admin_enters_a_run_of_holidays(client, world, login, post, stored):
    login(world.users.county_admin)
    response = post(
        COUNTY, {"first": "2099-10-01", "last": "2099-10-07", "kind": "holiday", "note": "国庆节"}
    )
    assert response.status_code == 302
    assert "已录入 7 天放假" in client.get(COUNTY).get_data(as_text=True)
    days = stored(select(HolidayOverride.day).where(HolidayOverride.tenant_id == world.a.id))
    assert len(days) == 7
    actions = stored(select(AuditEvent.action, AuditEvent.actor_id))
    assert ("calendar.days_entered", world.users.county_admin.id) in actions


def test_a_make_up_day_is_entered_alone(client, world, login, post):
    login(world.users.county_admin)
    assert post(COUNTY, {"first": "2099-10-10", "kind": "workday"}).status_code == 302
    page = client.get(COUNTY).get_data(as_text=True)
    assert "2099-10-10（星期六）" in page and "调休上班" in page


def test_bad_input_is_answered_in_chinese(client, world, login, post):
    login(world.users.county_admin)
    response = post(COUNTY, {"first": "2099-13-01", "kind": "holiday"})
    assert response.status_code == 400
    assert "日期格式应为“年-月-日”" in response.get_data(as_text=True)
    response = post(COUNTY, {"first": "", "kind": "holiday"})
    assert "请填写日期。" in response.get_data(as_text=True)
    response = post(COUNTY, {"first": "2099-10-07", "last": "2099-10-01", "kind": "holiday"})
    assert response.status_code == 422
    assert "结束日期不能早于开始日期" in response.get_data(as_text=True)


def test_a_day_that_changes_nothing_is_refused(client, world, login, post):
    login(world.users.county_admin)
    response = post(COUNTY, {"first": "2099-10-17", "kind": "holiday"})  # a Saturday
    assert response.status_code == 422
    assert "本来就是休息日" in response.get_data(as_text=True)


def test_a_day_entered_twice_is_refused(client, world, login, post):
    login(world.users.county_admin)
    post(COUNTY, {"first": "2099-10-01", "kind": "holiday"})
    response = post(COUNTY, {"first": "2099-09-30", "last": "2099-10-02", "kind": "holiday"})
    assert response.status_code == 422
    assert "2099-10-01 已经录入过" in response.get_data(as_text=True)


def test_county_admin_removes_a_day(client, world, login, post, stored):
    login(world.users.county_admin)
    post(COUNTY, {"first": "2099-10-01", "kind": "holiday"})
    (day_id,) = stored(select(HolidayOverride.id))[0]
    response = post(COUNTY, {}, action=f"{COUNTY}/{day_id}/remove")
    assert response.status_code == 302
    assert stored(select(HolidayOverride.id)) == []


def test_township_sees_its_countys_days_read_only(client, world, login, post, sess):
    enter_days(sess, world.a, date(2099, 10, 1), None, "holiday", "国庆节")
    sess.commit()
    login(world.users.a1_admin)
    page = client.get(TOWNSHIP).get_data(as_text=True)
    assert "2099-10-01" in page and "国庆节" in page
    assert "删除" not in page and 'name="first"' not in page
    response = client.post(
        TOWNSHIP,
        data={"csrf_token": csrf_token(client, TOWNSHIP), "first": "2099-10-02", "kind": "holiday"},
    )
    assert response.status_code == 403


def test_county_admin_edits_only_on_the_county_page(client, world, login):
    login(world.users.county_admin)
    page = client.get(TOWNSHIP)
    assert page.status_code == 200 and 'name="first"' not in page.get_data(as_text=True)
    response = client.post(
        TOWNSHIP,
        data={"csrf_token": csrf_token(client, COUNTY), "first": "2099-10-02", "kind": "holiday"},
    )
    assert response.status_code == 403


def test_township_admin_cannot_post_to_the_county_page(client, world, login):
    login(world.users.a1_admin)
    assert client.get(COUNTY).status_code == 404  # the county is not among its tenants
    response = client.post(COUNTY, data={"csrf_token": csrf_token(client, TOWNSHIP)})
    assert response.status_code == 404


def test_foreign_tenants_answer_404(client, world, login, sess):
    (row,) = enter_days(sess, world.a, date(2099, 10, 1), None, "holiday")
    sess.commit()
    login(world.users.county_b_admin)
    assert client.get(COUNTY).status_code == 404
    assert client.get(TOWNSHIP).status_code == 404
    token = csrf_token(client, "/t/county-b/admin/calendar")
    response = client.post(f"{COUNTY}/{row.id}/remove", data={"csrf_token": token})
    assert response.status_code == 404
    response = client.post(
        f"/t/county-b/admin/calendar/{row.id}/remove", data={"csrf_token": token}
    )
    assert response.status_code == 404


def test_posting_without_a_csrf_token_is_refused(client, world, login):
    login(world.users.county_admin)
    response = client.post(COUNTY, data={"first": "2099-10-01", "kind": "holiday"})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_a_townships_deadlines_count_by_its_countys_days(sess, world):
    enter_days(sess, world.a, date(2099, 10, 1), date(2099, 10, 7), "holiday")
    sess.commit()
    start = datetime(2099, 9, 30, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, the eve
    assert calendar_for(sess, world.a1).due(start, 1).date() == date(2099, 10, 8)
    assert calendar_for(sess, world.b1).due(start, 1).date() == date(2099, 10, 1)
