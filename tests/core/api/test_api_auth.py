from datetime import datetime, timedelta

from sqlalchemy import select

from core.auth.models import ApiToken
from core.auth.operations import issue_token
from core.db import utcnow
from core.testing import PASSWORD

TOKEN = "/api/v1/auth/token"


def test_token_is_issued_for_good_credentials_and_opens_the_api(client, world):
    response = client.post(TOKEN, json={"username": "a1-admin", "password": PASSWORD})
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    assert set(response.json) == {"token", "expires_at"}
    headers = {"Authorization": f"Bearer {response.json['token']}"}
    assert client.get("/api/v1/tenants", headers=headers).status_code == 200


def test_token_expires_after_the_configured_days(app, client, world):
    lifetime = timedelta(days=app.config["QINGDAN"].token_days)
    before = utcnow()
    response = client.post(TOKEN, json={"username": "a1-admin", "password": PASSWORD})
    expires_at = datetime.fromisoformat(response.json["expires_at"])
    assert before + lifetime <= expires_at <= utcnow() + lifetime


def test_wrong_password_answers_401(client, world, error_of):
    response = client.post(TOKEN, json={"username": "a1-admin", "password": "wrong-password"})
    assert error_of(response, 401)["code"] == "bad_credentials"
    assert response.json["error"]["message"] == "用户名或密码不正确。"


def test_unknown_user_answers_like_a_wrong_password(client, world, error_of):
    response = client.post(TOKEN, json={"username": "nobody", "password": PASSWORD})
    assert error_of(response, 401)["code"] == "bad_credentials"


def test_repeated_failures_throttle_even_the_right_password(app, client, world, error_of):
    max_failures = app.config["QINGDAN"].login_max_failures
    for _ in range(max_failures):
        response = client.post(TOKEN, json={"username": "a1-admin", "password": "wrong-pass"})
        assert response.status_code == 401
    response = client.post(TOKEN, json={"username": "a1-admin", "password": PASSWORD})
    assert error_of(response, 429)["code"] == "throttled"


def test_request_without_token_answers_401_with_a_bearer_challenge(client, world, error_of):
    response = client.get("/api/v1/tenants")
    assert error_of(response, 401)["code"] == "missing_token"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_other_authorization_schemes_are_not_tokens(client, world, error_of):
    response = client.get("/api/v1/tenants", headers={"Authorization": "Basic YTpi"})
    assert error_of(response, 401)["code"] == "missing_token"


def test_unknown_token_answers_401(client, world, error_of):
    response = client.get("/api/v1/tenants", headers={"Authorization": "Bearer not-a-token"})
    assert error_of(response, 401)["code"] == "invalid_token"


def test_expired_token_answers_401(client, sess, world, error_of):
    token, _ = issue_token(sess, world.users.a1_admin, days=-1)
    sess.commit()
    response = client.get("/api/v1/tenants", headers={"Authorization": f"Bearer {token}"})
    assert error_of(response, 401)["code"] == "invalid_token"


def test_token_of_a_deactivated_user_answers_401(client, sess, world, auth, error_of):
    headers = auth("a1_admin")
    world.users.a1_admin.active = False
    sess.commit()
    assert error_of(client.get("/api/v1/tenants", headers=headers), 401)


def test_using_a_token_records_when(client, sess, world, auth):
    headers = auth("a1_admin")
    client.get("/api/v1/tenants", headers=headers)
    sess.expire_all()
    token = sess.scalar(select(ApiToken))
    assert token.last_used_at is not None


def test_page_session_does_not_authenticate_the_api(client, world, error_of):
    with client.session_transaction() as page_session:  # what Flask-Login keeps after login
        page_session["_user_id"] = world.users.a1_admin.get_id()
        page_session["_fresh"] = True
    assert error_of(client.get("/api/v1/tenants"), 401)["code"] == "missing_token"
