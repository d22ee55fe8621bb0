"""Must show 3 for warnings: a village supervisor of village X sees and acts on X's warnings
only. Y's ids answer 404 on every warning page and API endpoint, exactly as a missing id,
and no list or filter ever includes Y's. Township and county inspectors see their whole
township or county."""

import pytest

from core.supervision.warnings import reach_of
from core.testing import csrf_token
from tests.core.supervision.warning_world import events, people, stored, wapi, xy

__all__ = ["people", "stored", "wapi", "xy"]  # fixtures

MISSING = 2_000_000_000
ACTIONS = {
    "acknowledge": {},
    "assign": {"to_user": "sup-x"},
    "comment": {"text": "看看"},
    "resolve": {"reason": "已处理"},
    "dismiss": {"reason": "误报"},
    "review": {"decision": "uphold"},
}


@pytest.fixture
def in_app(app):
    with app.app_context():
        yield


def test_a_village_supervisor_reaches_their_village_only(people, world, in_app):
    reach = reach_of(people.sup_x, world.a1)
    assert (reach.tenant_ids, reach.village_ids) == (frozenset(), {world.villages.a1x.id})


def test_a_township_inspector_reaches_the_township(people, world, in_app):
    assert reach_of(people.inspector, world.a1).tenant_ids == {world.a1.id}


def test_a_county_inspector_reaches_the_countys_townships(people, world, in_app):
    assert reach_of(people.county, world.a).tenant_ids == {world.a.id, world.a1.id, world.a2.id}
    assert reach_of(people.county, world.a1).tenant_ids == {world.a1.id}


def test_other_village_roles_reach_nothing(people, world, in_app):
    assert not reach_of(people.secretary, world.a1)


def test_the_list_of_a_village_supervisor_holds_their_villages_only(wapi, people, xy, world):
    assert [w["message"] for w in wapi(people.sup_x).get().json] == ["甲一村的预警"]
    y_code = world.villages.a1y.code
    for query in (
        f"?village={y_code}",
        "?severity=red",
        "?status=open",
        "?age=1",
        "?rule=test.watch",
    ):
        assert "甲二村的预警" not in {w["message"] for w in wapi(people.sup_x).get(query).json}
    assert wapi(people.sup_x).get(f"?village={y_code}").json == []


def test_inspectors_list_every_village_of_theirs(wapi, people, xy, stored, world):
    stored(world.villages.a2x, message="乙一村的预警")
    township = {w["message"] for w in wapi(people.inspector).get().json}
    assert township == {"甲一村的预警", "甲二村的预警"}
    county = {w["message"] for w in wapi(people.county, "county-a").get().json}
    assert county == {"甲一村的预警", "甲二村的预警", "乙一村的预警"}


def test_a_role_without_reach_is_refused_the_list(wapi, people, xy):
    response = wapi(people.secretary).get()
    assert response.status_code == 403
    assert "预警" in response.json["error"]["message"]


def test_the_api_answers_y_s_id_exactly_like_a_missing_one(wapi, people, xy, sess):
    caller = wapi(people.sup_x)
    foreign, missing = caller.get(f"/{xy.y.id}"), caller.get(f"/{MISSING}")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json == missing.json
    for action, body in ACTIONS.items():
        foreign, missing = caller.post(xy.y.id, action, body), caller.post(MISSING, action, body)
        assert foreign.status_code == missing.status_code == 404, action
        assert foreign.json == missing.json, action
    assert events(sess, xy.y) == []


def test_a_sibling_townships_inspector_cannot_address_a1s_warning(wapi, people, xy):
    caller = wapi(people.inspector_a2, "town-a2")
    assert caller.get(f"/{xy.x.id}").status_code == 404
    assert caller.post(xy.x.id, "resolve", {"reason": "x"}).status_code == 404


@pytest.fixture
def sup_x_pages(client, login, people):
    login(people.sup_x)
    return client


def test_the_pages_answer_y_s_id_exactly_like_a_missing_one(sup_x_pages, xy, sess):
    token = csrf_token(sup_x_pages, f"/t/town-a1/warnings/{xy.x.id}")
    for warning_id in (xy.y.id, MISSING):
        assert sup_x_pages.get(f"/t/town-a1/warnings/{warning_id}").status_code == 404
        for action, form in ACTIONS.items():
            response = sup_x_pages.post(
                f"/t/town-a1/warnings/{warning_id}/{action}", data={**form, "csrf_token": token}
            )
            assert response.status_code == 404, (warning_id, action)
    assert events(sess, xy.y) == []


def test_the_inbox_page_of_a_village_supervisor_shows_their_village_only(sup_x_pages, xy, world):
    page = sup_x_pages.get("/t/town-a1/warnings?status=all").get_data(as_text=True)
    assert "甲一村的预警" in page and "甲二村的预警" not in page
    filtered = sup_x_pages.get(f"/t/town-a1/warnings?village={world.villages.a1y.code}&status=all")
    assert "甲二村的预警" not in filtered.get_data(as_text=True)


def test_to_a_role_without_reach_a_warning_is_as_missing(wapi, people, xy):
    caller = wapi(people.secretary)
    foreign, missing = caller.get(f"/{xy.x.id}"), caller.get(f"/{MISSING}")
    assert foreign.status_code == missing.status_code == 404
    assert caller.post(xy.x.id, "resolve", {"reason": "x"}).json == missing.json
