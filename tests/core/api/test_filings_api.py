"""The form builder's API: local item drafts and their filing, driven by script alone."""

import copy
import json
from pathlib import Path

import pytest

LOCAL_ITEM = json.loads(
    (Path(__file__).parents[2] / "formbuilder" / "filing" / "local_item.json").read_text("utf-8")
)
ITEM = "/api/v1/t/town-a1/items/local.street_lights"


@pytest.fixture
def definition():
    return copy.deepcopy(LOCAL_ITEM)


@pytest.fixture
def created(client, auth, definition):
    response = client.post("/api/v1/t/town-a1/items", json=definition, headers=auth("a1_admin"))
    assert response.status_code == 201, response.json
    return response


def test_a_township_admin_creates_a_local_draft(created):
    assert created.json["key"] == "local.street_lights"
    assert created.json["versions"][0]["status"] == "draft"
    assert created.headers["Location"].endswith("/items/local.street_lights")


def test_an_invalid_definition_names_its_faults(client, auth, definition, error_of):
    del definition["steps"][0]["role"]
    definition["steps"][0]["fields"][0]["type"] = "nonsense"
    response = client.post("/api/v1/t/town-a1/items", json=definition, headers=auth("a1_admin"))
    error = error_of(response, 422)
    assert error["fields"]


def test_must_show_2_an_item_made_by_api_alone_is_published_and_runs(
    client, auth, created, make_user, world, api_token
):
    township, county = auth("a1_admin"), auth("county_admin")
    for path, headers in (("submit", township), ("approve", county), ("publish", township)):
        response = client.post(f"{ITEM}/{path}", headers=headers)
        assert response.status_code == 200, (path, response.json)
    assert response.json["status"] == "published"
    listed = client.get("/api/v1/t/town-a1/items?domain=local", headers=township).json
    assert [(i["key"], i["version"]) for i in listed] == [("local.street_lights", 1)]
    clerk = make_user("clerk", (world.a1, "village_committee", world.villages.a1x))
    started = client.post(
        "/api/v1/t/town-a1/cases",
        json={
            "item": "local.street_lights",
            "village": world.villages.a1x.code,
            "data": {"amount": "80000", "place": "村东路", "kind": "other", "other": "太阳能灯"},
        },
        headers=api_token(clerk),
    )
    assert started.status_code == 201, started.json
    assert started.json["active_steps"] == ["deliberate.propose"]


def test_a_return_carries_the_comment(client, auth, created):
    client.post(f"{ITEM}/submit", headers=auth("a1_admin"))
    response = client.post(
        f"{ITEM}/return", json={"comment": "请补充依据"}, headers=auth("county_admin")
    )
    assert (response.json["status"], response.json["comment"]) == ("returned", "请补充依据")


def test_a_return_without_a_comment_is_refused(client, auth, created, error_of):
    client.post(f"{ITEM}/submit", headers=auth("a1_admin"))
    response = client.post(f"{ITEM}/return", json={"comment": ""}, headers=auth("county_admin"))
    assert error_of(response, 422)["fields"]["comment"]


def test_saving_while_under_review_answers_409(client, auth, created, definition, error_of):
    client.post(f"{ITEM}/submit", headers=auth("a1_admin"))
    definition["name"] = "新名称"
    response = client.put(ITEM, json=definition, headers=auth("a1_admin"))
    assert "撤回" in error_of(response, 409)["message"]


def test_withdraw_then_save_a_new_draft(client, auth, created, definition):
    client.post(f"{ITEM}/submit", headers=auth("a1_admin"))
    assert client.post(f"{ITEM}/withdraw", headers=auth("a1_admin")).json["status"] == "withdrawn"
    definition["name"] = "新名称"
    response = client.put(ITEM, json=definition, headers=auth("a1_admin"))
    assert response.status_code == 200 and response.json["name"] == "新名称"


def test_publishing_without_approval_answers_409(client, auth, created, error_of):
    error_of(client.post(f"{ITEM}/publish", headers=auth("a1_admin")), 409)


def test_village_staff_cannot_submit(client, auth, created, error_of):
    error_of(client.post(f"{ITEM}/submit", headers=auth("a1_secretary")), 403)


def test_the_township_cannot_approve_itself(client, auth, created, error_of):
    client.post(f"{ITEM}/submit", headers=auth("a1_admin"))
    error_of(client.post(f"{ITEM}/approve", headers=auth("a1_admin")), 403)


def test_the_reviewer_role_is_checked_before_the_body(client, auth, created, error_of):
    response = client.post(f"{ITEM}/return", data="not json", headers=auth("a1_admin"))
    error_of(response, 403)


def test_another_county_gets_404(client, auth, created, error_of):
    client.post(f"{ITEM}/submit", headers=auth("a1_admin"))
    error_of(client.post(f"{ITEM}/approve", headers=auth("county_b_admin")), 404)


def test_a_sibling_township_gets_404(client, auth, created, error_of):
    error_of(client.post(f"{ITEM}/submit", headers=auth("a2_admin")), 404)
    error_of(
        client.post("/api/v1/t/town-a2/items/local.street_lights/submit", headers=auth("a2_admin")),
        404,
    )


@pytest.mark.parametrize("key", ["local.street%00lights", "LOCAL", "a..b", "x" * 300])
def test_a_key_that_is_no_item_key_answers_404(client, auth, key, error_of):
    error_of(client.post(f"/api/v1/t/town-a1/items/{key}/submit", headers=auth("a1_admin")), 404)


@pytest.mark.parametrize("key", ["local.street_lights", "local.no_such_item", "LOCAL"])
def test_who_may_not_file_gets_the_same_403_for_any_key(client, auth, created, key, error_of):
    """A refused caller learns nothing of which keys exist, nor of their form."""
    response = client.post(f"/api/v1/t/town-a1/items/{key}/submit", headers=auth("a1_secretary"))
    assert error_of(response, 403)["code"] == "forbidden"


def test_a_county_item_is_not_filed_by_the_township(client, auth, world, sess, error_of):
    from core.catalog.operations import create_item

    county_item = {**LOCAL_ITEM, "key": "county.lights"}
    create_item(sess, world.a, county_item, origin="county", actor_id=None)
    sess.commit()
    error_of(
        client.post("/api/v1/t/town-a1/items/county.lights/submit", headers=auth("a1_admin")), 404
    )


def test_the_filing_operations_are_documented(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "put" in paths["/api/v1/t/{slug}/items/{key}"]
    assert "post" in paths["/api/v1/t/{slug}/items"]
    for action in ("submit", "withdraw", "approve", "return", "publish"):
        responses = paths[f"/api/v1/t/{{slug}}/items/{{key}}/{action}"]["post"]["responses"]
        assert {"200", "403", "404", "409"} <= set(responses), action
