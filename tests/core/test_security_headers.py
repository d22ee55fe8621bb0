"""Every answer carries a strict Content-Security-Policy (no inline or eval'd script) and the
usual headers; the session cookie is HttpOnly and SameSite, and Secure behind HTTPS; and no
template holds an inline script or event handler that such a policy would block."""

import re
from pathlib import Path

import pytest

from core.app import create_app
from core.testing import PASSWORD

ROOT = Path(__file__).parents[2]
PAGES = [
    "/login",
    "/healthz",
    "/livez",
    "/api/v1/openapi.json",
    "/no-such-page",
    "/static/css/app.css",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_carries_the_headers(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain http: HSTS would lock the demo out


def session_cookie(client, user, base_url="http://localhost") -> str:
    """The ``Set-Cookie`` of the session after signing in as ``user``."""
    page = client.get("/login", base_url=base_url).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/login",
        base_url=base_url,
        data={"username": user.username, "password": PASSWORD, "csrf_token": token},
    )
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_the_session_cookie_is_httponly_and_samesite(client, world):
    cookie = session_cookie(client, world.users.a1_admin)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_behind_https_the_cookie_is_secure_and_hsts_is_sent(qingdan_config, world):
    qingdan_config.https = True
    app = create_app(qingdan_config)
    client = app.test_client()
    cookie = session_cookie(client, world.users.a1_admin, "https://localhost")
    assert "Secure" in cookie and "HttpOnly" in cookie
    assert (
        client.get("/login", base_url="https://localhost")
        .headers["Strict-Transport-Security"]
        .startswith("max-age=")
    )


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def templates():
    for folder in ("core", "formbuilder", "tenants", "plugins"):
        yield from (ROOT / folder).rglob("templates/**/*.html")


@pytest.mark.parametrize("template", list(templates()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_holds_what_the_policy_blocks(template):
    text = template.read_text("utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script> (put it in a static file)"
    assert not HANDLER.search(text), "inline event handler (bind it from a static script)"
    if "print" not in template.parts:  # documents for WeasyPrint, never served to a browser
        assert not STYLE_ATTRIBUTE.search(text), "style attribute (style-src 'self' blocks it)"
