"""Bearer-token authentication for ``/api/v1``, and the endpoint that issues tokens.

The API never looks at the session cookie (nor at Flask-Login's ``current_user``): a token
is the only credential, so a page session cannot be used by a script and a token never
becomes a page session. Once the token names a user, the session's tenant scope is set to
what that user may read, exactly as a page request's is (``core.app._scope_request``).
"""

from __future__ import annotations

from flask import current_app, g, jsonify, request

from core import audit, db
from core.auth.access import data_scope, visible_tenant_ids
from core.auth.models import User
from core.auth.operations import authenticate, issue_token, user_for_token
from core.errors import Invalid, Unauthorized

from .body import parse_body
from .openapi import documented
from .schemas import TokenRequestSchema, TokenSchema


def current_api_user() -> User:
    """The user the request's bearer token belongs to (set by :func:`authenticate_request`)."""
    return g.api_user


def authenticate_request() -> None:
    """Refuse every request of the blueprint without a valid token, except public operations."""
    view = current_app.view_functions.get(request.endpoint or "")
    operation = getattr(view, "api_operation", None)
    if operation is not None and operation.public:
        return
    g.pop("api_user", None)
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized(
            "请在请求头 Authorization: Bearer <令牌> 中提供访问令牌。", code="missing_token"
        )
    sess = db.session()
    user = user_for_token(sess, token)
    if user is None:
        raise Unauthorized("访问令牌无效或已过期，请重新获取。", code="invalid_token")
    sess.commit()  # keep the token's last_used_at
    db.set_scope(sess, data_scope(visible_tenant_ids(user)))
    audit.set_actor(sess, user)
    g.api_user = user


def challenge_unauthenticated(response):
    """Tell a client answered 401 how to authenticate (RFC 6750)."""
    if response.status_code == 401:
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="qingdan"')
    return response


@documented(
    "用用户名和密码换取访问令牌",
    body=TokenRequestSchema,
    response=TokenSchema,
    status=201,
    errors=(401, 429),
    public=True,
)
def create_token():
    """Failed attempts count towards the same throttle as the login page."""
    data = parse_body(TokenRequestSchema())
    config = current_app.config["QINGDAN"]
    sess = db.session()
    try:
        with db.system_scope(sess):
            user = authenticate(
                sess,
                data["username"],
                data["password"],
                request.remote_addr or "-",
                max_failures=config.login_max_failures,
                window_minutes=config.login_window_minutes,
            )
    except Invalid as exc:
        sess.commit()  # keep the recorded failure: it counts towards throttling
        raise Unauthorized(exc.message, code=exc.code) from exc
    token, expires_at = issue_token(sess, user, config.token_days)
    sess.commit()
    response = jsonify(TokenSchema().dump({"token": token, "expires_at": expires_at}))
    response.headers["Cache-Control"] = "no-store"
    return response, 201
