"""The warning pages: the inbox with its filters, a warning's page with its history and the
viewer's actions, and a refused action that keeps what the person typed."""

import pytest

from core.testing import csrf_token
from tests.core.supervision.warning_world import events, people, reload, stored, xy

__all__ = ["people", "stored", "xy"]  # fixtures


@pytest.fixture
def as_user(client, login):
    def sign_in(user):
        login(user)
        return client

    return sign_in


def post(client, warning, action, **form):
    token = csrf_token(client, f"/t/town-a1/warnings/{warning.id}")
    return client.post(
        f"/t/town-a1/warnings/{warning.id}/{action}", data={**form, "csrf_token": token}
    )


def test_the_inbox_filters_by_severity_and_village(as_user, people, xy, world):
    client = as_user(people.inspector)
    red = client.get("/t/town-a1/warnings?severity=red").get_data(as_text=True)
    assert "甲二村的预警" in red and "甲一村的预警" not in red
    village = client.get(f"/t/town-a1/warnings?village={world.villages.a1x.code}")
    assert "甲二村的预警" not in village.get_data(as_text=True)


def test_the_inbox_shows_work_in_hand_by_default(as_user, people, stored, world):
    stored(world.villages.a1x, message="已经处理的", status="resolved")
    stored(world.villages.a1x, message="还没处理的")
    page = as_user(people.inspector).get("/t/town-a1/warnings").get_data(as_text=True)
    assert "还没处理的" in page and "已经处理的" not in page


def test_the_age_filter_leaves_out_younger_warnings(as_user, people, stored, world):
    stored(world.villages.a1x, message="十天前的", days_ago=10)
    stored(world.villages.a1x, message="昨天的", days_ago=1)
    page = as_user(people.inspector).get("/t/town-a1/warnings?age=7").get_data(as_text=True)
    assert "十天前的" in page and "昨天的" not in page


def test_a_bad_filter_is_ignored_not_an_error(as_user, people, xy):
    response = as_user(people.inspector).get("/t/town-a1/warnings?severity=x&age=abc&page=-3")
    assert response.status_code == 200


def test_the_warning_page_offers_the_viewers_actions_and_records_them(as_user, people, xy, sess):
    client = as_user(people.sup_x)
    page = client.get(f"/t/town-a1/warnings/{xy.x.id}").get_data(as_text=True)
    assert "签收" in page and "排除理由" in page
    response = post(client, xy.x, "dismiss", reason="村里已线下补办")
    assert response.status_code == 302
    page = client.get(f"/t/town-a1/warnings/{xy.x.id}").get_data(as_text=True)
    assert "村里已线下补办" in page and "待乡镇纪委复核" in page
    assert events(sess, xy.x) == ["dismissed"]


def test_a_missing_reason_shows_the_page_again_in_chinese(as_user, people, xy, sess):
    client = as_user(people.sup_x)
    response = post(client, xy.x, "resolve", reason="  ")
    assert response.status_code == 422
    assert "请填写处理结果" in response.get_data(as_text=True)
    assert reload(sess, xy.x).status == "open"


def test_a_refused_action_keeps_what_was_typed(as_user, people, xy, sess):
    client = as_user(people.sup_x)
    token = csrf_token(client, f"/t/town-a1/warnings/{xy.x.id}")
    xy.x.status = "resolved"  # someone else finished it meanwhile
    sess.commit()
    response = client.post(
        f"/t/town-a1/warnings/{xy.x.id}/resolve",
        data={"reason": "我写了很长的处理说明", "csrf_token": token},
    )
    assert response.status_code == 409
    assert "我写了很长的处理说明" in response.get_data(as_text=True)


def test_an_admin_sees_the_page_without_actions(as_user, people, xy):
    page = as_user(people.admin).get(f"/t/town-a1/warnings/{xy.x.id}").get_data(as_text=True)
    assert "甲一村的预警" in page and "csrf_token" not in page.split("处理记录")[1]


def test_a_role_without_reach_is_refused_the_inbox(as_user, people):
    assert as_user(people.secretary).get("/t/town-a1/warnings").status_code == 403


def test_the_tenant_home_links_the_inbox_for_supervisors_only(client, login, people):
    login(people.sup_x)
    assert "/t/town-a1/warnings" in client.get("/t/town-a1/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/t/town-a1/")})
    login(people.secretary)
    assert "/t/town-a1/warnings" not in client.get("/t/town-a1/").get_data(as_text=True)
