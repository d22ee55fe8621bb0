"""Local 四议两公开 rules: set by counties and townships, laid over the defaults."""

from core.catalog.present import steps_of
from core.testing import csrf_token


def review_step(tenant, item):
    return next(s for s in steps_of(item.published, tenant) if s["key"] == "deliberate.review")


def test_a_countys_rule_reaches_its_townships_and_a_township_can_override(
    client, login, world, sess, make_item, definition
):
    item = make_item(world.a, definition)
    login(world.users.county_admin)
    token = csrf_token(client, "/t/county-a/admin/rules")
    response = client.post(
        "/t/county-a/admin/rules",
        data={"csrf_token": token, "review.quorum": "3/4", "publish_resolution.notice_days": "7"},
    )
    assert response.status_code == 302
    sess.expire_all()
    assert review_step(world.a1, item)["quorum"] == "3/4"
    login(world.users.a1_admin)
    token = csrf_token(client, "/t/town-a1/admin/rules")
    client.post("/t/town-a1/admin/rules", data={"csrf_token": token, "review.majority": "2/3"})
    sess.expire_all()
    review = review_step(world.a1, item)
    assert (review["quorum"], review["majority"]) == ("3/4", "2/3")
    assert review_step(world.a2, item)["majority"] == "1/2"
    notices = [s for s in steps_of(item.published, world.a1) if s["kind"] == "notice"]
    assert notices[0]["notice_days"] == 7


def test_a_bad_fraction_is_refused_next_to_its_input(client, login, world):
    login(world.users.a1_admin)
    token = csrf_token(client, "/t/town-a1/admin/rules")
    response = client.post(
        "/t/town-a1/admin/rules", data={"csrf_token": token, "review.quorum": "3/2"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="3/2"' in page  # nothing typed is lost
    assert "规则设置有误" in page


def test_only_admins_change_rules(client, login, world):
    login(world.users.a1_secretary)
    token = csrf_token(client, "/t/town-a1/admin/rules")
    response = client.post(
        "/t/town-a1/admin/rules", data={"csrf_token": token, "review.quorum": "3/4"}
    )
    assert response.status_code == 403
