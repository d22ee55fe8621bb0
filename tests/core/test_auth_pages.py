"""The sign-in pages and the forms every page shares: CSRF, login, logout, password, switcher."""

import re
from datetime import timedelta

import pytest

from core.db import utcnow
from core.testing import PASSWORD, csrf_token

CSRF_MESSAGE = "缺少 CSRF 令牌"
#: CSRF tokens carry a timestamp: blank them to compare two pages
_TOKEN = re.compile(r'(name="[\w-]*csrf_token"[^>]*value=)"[^"]*"')


def _page(response) -> str:
    return _TOKEN.sub(r'\1""', response.get_data(as_text=True))


def _post_login(client, username, password, query=""):
    token = csrf_token(client, "/login")
    return client.post(
        f"/login{query}", data={"username": username, "password": password, "csrf_token": token}
    )


# --- CSRF ----------------------------------------------------------------------------------


def _form_routes(app):
    """Every route that changes state from a browser. The JSON API is left out: it takes
    bearer tokens, not cookies, so a forged cross-site request carries no credentials."""
    for rule in app.url_map.iter_rules():
        methods = rule.methods & {"POST", "PUT", "PATCH", "DELETE"}
        if methods and not rule.rule.startswith("/api/"):
            url = app.url_map.bind("localhost").build(
                rule.endpoint, dict.fromkeys(rule.arguments, "1")
            )
            for method in sorted(methods):
                yield method, url


def test_the_csrf_check_covers_every_known_form(app):
    urls = {url for _method, url in _form_routes(app)}
    assert {
        "/login",
        "/logout",
        "/account/password",
        "/switch/1",
        "/admin/tenants",
        "/admin/tenants/counties",
        "/t/1/admin/villages",
        "/t/1/admin/users",
        "/t/1/admin/users/roles",
        "/t/1/admin/users/1/remove",
        "/t/1/admin/plugins",
    } <= urls


def test_every_form_rejects_a_post_without_a_csrf_token(app, client, world, login):
    login(world.users.superuser)
    for method, url in _form_routes(app):
        response = client.open(url, method=method, data={"anything": "1"})
        assert response.status_code == 400, (method, url, response.status_code)
        assert CSRF_MESSAGE in response.get_data(as_text=True), (method, url)


# --- login ---------------------------------------------------------------------------------


def test_good_credentials_sign_in_and_redirect(client, world):
    response = _post_login(client, "a1-admin", PASSWORD)
    assert response.status_code == 302
    assert response.location == "/"
    assert client.get("/t/town-a1/").status_code == 200


def test_bad_password_is_refused_in_chinese(client, world):
    response = _post_login(client, "a1-admin", "wrong-password")
    assert response.status_code == 401
    assert "用户名或密码不正确" in response.get_data(as_text=True)
    assert client.get("/t/town-a1/").status_code == 302


def test_unknown_user_gets_the_same_answer_as_a_bad_password(client, world):
    unknown = _post_login(client, "nobody", "wrong-password")
    assert unknown.status_code == 401
    assert "用户名或密码不正确" in unknown.get_data(as_text=True)


def test_repeated_failures_lock_out_even_the_right_password(app, client, world):
    for _ in range(app.config["QINGDAN"].login_max_failures):
        assert _post_login(client, "a1-admin", "wrong-password").status_code == 401
    response = _post_login(client, "a1-admin", PASSWORD)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "target", ["https://evil.example", "//evil.example/", "https:/evil.example"]
)
def test_login_does_not_follow_an_offsite_next(client, world, target):
    response = _post_login(client, "a1-admin", PASSWORD, f"?next={target}")
    assert response.status_code == 302
    assert response.location == "/"


def test_login_follows_a_local_next(client, world):
    response = _post_login(client, "a1-admin", PASSWORD, "?next=/t/town-a1/admin/villages")
    assert response.location == "/t/town-a1/admin/villages"


def test_logout_signs_out(client, world, login):
    login(world.users.a1_admin)
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/t/town-a1/")})
    assert response.status_code == 302
    assert client.get("/t/town-a1/").status_code == 302


# --- password change -----------------------------------------------------------------------


@pytest.fixture
def user(world, sess):
    """A1's admin, whose password was last set a minute ago (the session stamp counts
    seconds, so a change in the same second as the last one would not show)."""
    user = world.users.a1_admin
    sess.merge(user).password_changed_at = utcnow() - timedelta(minutes=1)
    sess.commit()
    return user


def _change_password(client, old, new, confirm=None):
    token = csrf_token(client, "/account/password")
    return client.post(
        "/account/password",
        data={
            "old_password": old,
            "new_password": new,
            "confirm": confirm or new,
            "csrf_token": token,
        },
    )


def test_password_change_takes_effect(app, client, user, login):
    login(user)
    assert _change_password(client, PASSWORD, "new-password-9").status_code == 302
    assert client.get("/t/town-a1/").status_code == 200
    assert _post_login(app.test_client(), user.username, PASSWORD).status_code == 401
    login(user, "new-password-9", app.test_client())


def test_password_change_rejects_a_wrong_old_password(app, client, user, login):
    login(user)
    response = _change_password(client, "not-my-password", "new-password-9")
    assert response.status_code == 400
    assert "原密码不正确" in response.get_data(as_text=True)
    login(user, PASSWORD, app.test_client())


def test_password_change_rejects_a_mismatched_confirmation(client, user, login):
    login(user)
    response = _change_password(client, PASSWORD, "new-password-9", "new-password-8")
    assert response.status_code == 400
    assert "两次输入的新密码不一致" in response.get_data(as_text=True)


def test_password_change_signs_out_other_sessions(app, client, user, login):
    other_device = login(user, test_client=app.test_client())
    login(user)
    assert other_device.get("/t/town-a1/").status_code == 200
    assert _change_password(client, PASSWORD, "new-password-9").status_code == 302
    assert other_device.get("/t/town-a1/").status_code == 302
    assert client.get("/t/town-a1/").status_code == 200


# --- tenant switcher -----------------------------------------------------------------------


def test_switcher_opens_the_chosen_tenant(client, world, login):
    login(world.users.county_admin)
    token = csrf_token(client, "/t/county-a/")
    response = client.post("/switch/town-a2", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.location == "/t/town-a2/"
    assert client.get("/").location == "/t/town-a2/"


def test_switcher_refuses_a_foreign_tenant_like_a_missing_one(client, world, login):
    login(world.users.county_admin)
    token = csrf_token(client, "/t/county-a/")
    foreign = client.post("/switch/town-b1", data={"csrf_token": token})
    missing = client.post("/switch/no-such-town", data={"csrf_token": token})
    assert foreign.status_code == missing.status_code == 404
    assert _page(foreign) == _page(missing)
