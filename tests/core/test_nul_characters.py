"""A NUL character in a path, a query or a form never reaches the database (PostgreSQL
refuses it with an error that would be a 500): the path names nothing, the rest is malformed."""

import pytest

from core.testing import csrf_token


@pytest.fixture
def signed_in(client, login, world):
    login(world.users.a1_admin)
    return client


def test_a_nul_in_a_query_answers_400(signed_in):
    response = signed_in.get("/t/town-a1/warnings?village=%00&rule=x")
    assert response.status_code == 400
    assert "请求格式不正确" in response.get_data(as_text=True)


def test_a_nul_in_a_path_answers_404(signed_in):
    assert signed_in.get("/t/town-a1/items/local.a%00b").status_code == 404
    assert signed_in.get("/api/v1/t/town%00-a1/items").status_code in (401, 404)


def test_a_nul_in_a_form_answers_400_and_saves_nothing(signed_in):
    token = csrf_token(signed_in, "/t/town-a1/")
    response = signed_in.post(
        "/t/town-a1/villages", data={"csrf_token": token, "code": "1\x00", "name": "新村\x00"}
    )
    assert response.status_code == 400


def test_the_api_answers_json(client):
    response = client.get("/api/v1/openapi.json?x=%00")
    assert response.status_code == 400
    assert response.json["error"]["message"]
