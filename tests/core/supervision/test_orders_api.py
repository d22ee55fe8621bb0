"""``/api/v1/t/<slug>/orders``: the order's life through the API, bad input, and must show 3 —
a village supervisor of one village can neither see nor act on another village's orders."""

from datetime import date, timedelta

import pytest

from core.testing import csrf_token
from tests.core.supervision import test_orders

inspection, orders_api, issued = (
    test_orders.inspection,
    test_orders.orders_api,
    test_orders.issued,
)  # fixtures, shared


def test_an_order_runs_issue_submit_send_back_submit_accept(orders_api, inspection, issued):
    order = issued()
    assert order["status"] == "issued"
    village = orders_api(inspection.people.secretary)
    inspector = orders_api(inspection.people.inspector)
    path = f"/orders/{order['id']}"
    assert village.post(f"{path}/submit", {"text": "已整改"}).json["status"] == (
        "rectification_submitted"
    )
    assert inspector.post(f"{path}/send-back", {"comment": "不到位"}).json["status"] == "sent_back"
    assert village.post(f"{path}/submit", {"text": "已重新整改"}).json["status"] == (
        "rectification_submitted"
    )
    done = inspector.post(f"{path}/accept", {}).json
    assert done["status"] == "accepted"
    assert [r["verdict"] for r in done["rectifications"]] == ["sent_back", "accepted"]
    assert inspector.get(path).json == done


def test_a_second_submission_while_one_waits_is_a_conflict(orders_api, inspection, issued):
    order = issued()
    village = orders_api(inspection.people.secretary)
    village.post(f"/orders/{order['id']}/submit", {"text": "已整改"})
    response = village.post(f"/orders/{order['id']}/submit", {"text": "再交一次"})
    assert response.status_code == 409
    assert "不能提交整改" in response.json["error"]["message"]


def test_an_uploaded_attachment_travels_with_the_rectification(
    client, orders_api, inspection, issued, api_token
):
    order = issued()
    uploaded = client.post(
        "/api/v1/t/town-a1/attachments",
        data={"file": (test_orders.BytesIO(test_orders.PNG), "照片.png")},
        headers=api_token(inspection.people.secretary),
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 201, uploaded.json
    token = uploaded.json["token"]
    result = orders_api(inspection.people.secretary).post(
        f"/orders/{order['id']}/submit", {"text": "已整改", "attachments": [token]}
    )
    assert result.json["rectifications"][0]["attachments"] == [token]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"deadline": "2000-01-01"}, "deadline"),
        ({"deadline": "明天"}, "deadline"),
        ({"colour": "green"}, "colour"),
        ({"responsible": []}, "responsible"),
        ({"responsible": [{"user_id": 2_000_000}]}, "responsible"),
        ({"failing": ""}, "failing"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_input_is_refused_field_by_field(orders_api, inspection, changes, field):
    body = {
        "village": inspection.village.code,
        "colour": "red",
        "failing": "越级审批",
        "deadline": (date.today() + timedelta(days=5)).isoformat(),
        "responsible": [{"name": "王会计"}],
        **changes,
    }
    response = orders_api(inspection.people.inspector).post("/orders", body)
    assert response.status_code == 422, response.json
    assert field in response.json["error"]["fields"]


def test_the_list_filters_by_status_and_village(orders_api, inspection, issued):
    first = issued()
    issued(village=inspection.other.code)
    inspector = orders_api(inspection.people.inspector)
    by_village = inspector.get(f"/orders?village={inspection.village.code}").json
    assert [o["id"] for o in by_village] == [first["id"]]
    assert inspector.get("/orders?status=accepted").json == []
    assert inspector.get("/orders?status=nonsense").status_code == 422


def test_the_county_lists_its_townships_orders(orders_api, inspection, issued):
    order = issued()
    listed = orders_api(inspection.people.county_inspector, slug="county-a").get("/orders").json
    assert [(o["id"], o["township"]) for o in listed] == [(order["id"], "town-a1")]


# --- must show 3: village X's supervisor and village Y ----------------------------------------


def api_calls(order_id):
    """Every order operation of the API, on ``order_id``."""
    path = f"/orders/{order_id}"
    return [
        ("get", path, None),
        ("post", f"{path}/submit", {"text": "整改"}),
        ("post", f"{path}/accept", {}),
        ("post", f"{path}/send-back", {"comment": "不行"}),
    ]


def page_calls(order_id):
    path = f"/t/town-a1/orders/{order_id}"
    return [
        ("get", path, None),
        ("post", f"{path}/rectifications", {"text": "整改"}),
        ("post", f"{path}/accept", {}),
        ("post", f"{path}/send-back", {"comment": "不行"}),
    ]


def test_another_villages_supervisor_gets_404_from_every_order_api_call(
    orders_api, inspection, issued
):
    order = issued()
    stranger = orders_api(inspection.people.supervisor_y)
    for method, path, body in api_calls(order["id"]):
        response = stranger.get(path) if method == "get" else stranger.post(path, body)
        missing = (
            stranger.get(path.replace(str(order["id"]), "2000000000", 1))
            if (method == "get")
            else stranger.post(path.replace(str(order["id"]), "2000000000", 1), body)
        )
        assert response.status_code == missing.status_code == 404, path
        assert response.json == missing.json, path
    assert stranger.get("/orders").json == []


def test_another_villages_secretary_cannot_submit_for_it(orders_api, inspection, issued):
    order = issued()
    response = orders_api(inspection.people.secretary_y).post(
        f"/orders/{order['id']}/submit", {"text": "替别村整改"}
    )
    assert response.status_code == 404


def test_another_villages_supervisor_gets_404_from_every_order_page(
    client, login, inspection, issued
):
    order = issued()
    login(inspection.people.supervisor_y)
    token = csrf_token(client, "/t/town-a1/orders")
    for method, path, data in page_calls(order["id"]):
        if method == "get":
            response = client.get(path)
        else:
            response = client.post(path, data={**data, "csrf_token": token})
        assert response.status_code == 404, path


def test_the_own_villages_supervisor_reads_but_does_not_act(orders_api, inspection, issued):
    order = issued()
    own = orders_api(inspection.people.supervisor_x)
    assert own.get(f"/orders/{order['id']}").status_code == 200
    assert own.post(f"/orders/{order['id']}/submit", {"text": "整改"}).status_code == 403


def test_another_townships_inspector_finds_nothing(orders_api, inspection, issued):
    order = issued()
    other = orders_api(inspection.people.a2_inspector)
    assert other.get(f"/orders/{order['id']}").status_code == 404
    assert other.get("/orders").status_code == 404


def test_the_openapi_document_describes_every_order_operation(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    order = "/api/v1/t/{slug}/orders/{order_id}"
    assert {"get", "post"} <= set(paths["/api/v1/t/{slug}/orders"])
    assert "get" in paths[order]
    for action in ("submit", "accept", "send-back"):
        assert "requestBody" in paths[f"{order}/{action}"]["post"]
    assert "get" in paths["/api/v1/t/{slug}/ratings"]


def test_who_may_act_is_checked_before_what_they_sent(orders_api, inspection, issued):
    order = issued()
    village = orders_api(inspection.people.supervisor_x)
    assert village.post("/orders", {}).status_code == 403
    assert village.post(f"/orders/{order['id']}/submit", {}).status_code == 403
    assert village.post(f"/orders/{order['id']}/accept", {}).status_code == 403
    assert orders_api(inspection.people.inspector).post("/orders", {}).status_code == 422
