"""Whatever a client sends, the answer is a 4xx JSON error naming the bad fields, never a 500."""

import pytest

TOWNSHIP = {"slug": "town-a3", "name": "甲三镇", "kind": "township", "parent": "county-a"}


def post_tenant(client, auth, **kwargs):
    return client.post("/api/v1/tenants", headers=auth("county_admin"), **kwargs)


def test_broken_json_answers_400(client, auth, error_of):
    response = post_tenant(client, auth, data='{"slug": ', content_type="application/json")
    assert error_of(response, 400)["code"] == "bad_json"


def test_empty_body_answers_400(client, auth, error_of):
    assert error_of(post_tenant(client, auth), 400)["code"] == "bad_json"


def test_json_that_is_not_an_object_answers_400(client, auth, error_of):
    assert error_of(post_tenant(client, auth, json=[TOWNSHIP]), 400)["code"] == "bad_json"


def test_body_that_is_not_utf8_answers_400(client, auth, error_of):
    response = post_tenant(client, auth, data=b'{"name": "\xff"}', content_type="application/json")
    assert error_of(response, 400)["code"] == "bad_json"


def test_absurdly_nested_json_answers_400(client, auth, error_of):
    response = post_tenant(client, auth, data="[" * 100_000, content_type="application/json")
    assert error_of(response, 400)["code"] == "bad_json"


def test_missing_fields_are_each_named(client, auth, error_of):
    error = error_of(post_tenant(client, auth, json={}), 422)
    assert error["fields"] == {"slug": "必填", "name": "必填", "kind": "必填"}
    assert error["message"] == "提交的内容有误，请按字段提示修改。"


def test_wrong_types_are_each_named(client, auth, error_of):
    body = {**TOWNSHIP, "slug": 12, "name": ["甲"], "parent": {"slug": "county-a"}}
    error = error_of(post_tenant(client, auth, json=body), 422)
    assert error["fields"] == {"slug": "应为文本", "name": "应为文本", "parent": "应为文本"}


def test_null_for_a_required_field_is_named(client, auth, error_of):
    error = error_of(post_tenant(client, auth, json={**TOWNSHIP, "name": None}), 422)
    assert error["fields"] == {"name": "不能为空"}


def test_unknown_fields_are_each_named(client, auth, error_of):
    body = {**TOWNSHIP, "id": 1, "owner": "root"}
    error = error_of(post_tenant(client, auth, json=body), 422)
    assert error["fields"] == {"id": "未知字段", "owner": "未知字段"}


def test_text_longer_than_its_column_is_refused(client, auth, error_of):
    error = error_of(post_tenant(client, auth, json={**TOWNSHIP, "name": "镇" * 101}), 422)
    assert error["fields"] == {"name": "最多 100 个字符"}


def test_control_characters_are_refused(client, auth, error_of):
    error = error_of(post_tenant(client, auth, json={**TOWNSHIP, "name": "甲\x00镇"}), 422)
    assert error["fields"] == {"name": "不能包含控制字符（如换行、制表符）"}


def test_form_encoded_body_is_not_json(client, auth, error_of):
    error_of(post_tenant(client, auth, data={"slug": "town-a3"}), 400)


GARBAGE = [
    b"",
    b"null",
    b"42",
    b'"text"',
    b"{",
    b"\xff\xfe",
    b'{"enabled": null, "code": null, "name": null, "username": null, "password": null}',
    b'{"enabled": "relief", "code": 1, "name": true, "username": [], "password": {}}',
    b'{"enabled": [null, {}, []], "slug": "' + b"a" * 10_000 + b'"}',
    b'{"name": "\\u0000", "code": "\\u0000", "slug": "\\u0000", "username": "\\u0000"}',
    b'{"name": NaN, "code": Infinity, "kind": -Infinity}',
]
WRITES = [
    ("POST", "/api/v1/auth/token"),
    ("POST", "/api/v1/tenants"),
    ("PUT", "/api/v1/tenants/county-a/plugins"),
    ("POST", "/api/v1/t/town-a1/villages"),
]


@pytest.mark.parametrize(("method", "path"), WRITES)
@pytest.mark.parametrize("body", GARBAGE)
def test_garbage_never_causes_a_server_error(client, auth, error_of, method, path, body):
    response = client.open(
        path,
        method=method,
        data=body,
        content_type="application/json",
        headers=auth("county_admin"),
    )
    assert response.status_code in (400, 422), response.get_data(as_text=True)
    error_of(response, response.status_code)
