"""``create_app(config)`` — the Flask app factory."""

from __future__ import annotations

import logging
from importlib import import_module

from flask import Blueprint, Flask, abort, current_app, g, jsonify, render_template, request
from flask_babel import Babel, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from core import audit, db, plugins
from core.auth import session_login
from core.config import Config
from core.errors import DomainError
from core.public import page_cache
from core.workflow import sweep_clock

#: modules exposing a ``bp`` blueprint, in registration order
BLUEPRINTS = (
    "core.health",
    "core.views",
    "core.auth.views",
    "tenants.views",
    "core.catalog.views",
    "core.attachments.views",
    "core.audit.views",
    "core.workflow.calendar_views",
    "core.workflow.views",
    "formbuilder.designer.views",
    "core.notifications.views",
    "formbuilder.filing.views",
    "formbuilder.library.views",
    "core.supervision.order_views",
    "core.supervision.integrity_views",
    "core.supervision.rating_views",
    "core.supervision.warning_views",
    "core.supervision.report_views",
    "core.supervision.dashboard_views",
    "core.api.blueprint",
    "core.public.views",
    "core.printing.views",
)

log = logging.getLogger(__name__)
LOCALES = ("zh_Hans_CN", "en")
#: what a client is told to wait when the database is away (a restart takes a few seconds)
RETRY_AFTER_SECONDS = 5
csrf = CSRFProtect()


def create_app(config: Config | dict | None = None) -> Flask:
    if config is None:
        config = Config.from_env()
    elif isinstance(config, dict):
        config = Config.from_env(**config)
    app = Flask(__name__, instance_path=str(config.instance_path))
    app.config.update(
        QINGDAN=config,
        SECRET_KEY=config.secret_key,
        TESTING=config.testing,
        WTF_CSRF_ENABLED=config.csrf_enabled,
        WTF_CSRF_TIME_LIMIT=None,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.https,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SECURE=config.https,
        PREFERRED_URL_SCHEME="https" if config.https else "http",
        BABEL_DEFAULT_LOCALE=config.locale,
        BABEL_DEFAULT_TIMEZONE=config.timezone,
        # the largest attachment plus room for the rest of the form
        MAX_CONTENT_LENGTH=(config.attachment_max_mb + 1) * 1024 * 1024,
    )
    logging.basicConfig(level=logging.INFO)
    db.init_app(app)
    Babel(app, locale_selector=_select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    csrf.init_app(app)
    session_login.init_app(app)
    plugins.init_app(app)
    page_cache.init_app(app)
    for name in BLUEPRINTS:
        app.register_blueprint(import_module(name).bp)
    app.register_blueprint(_formbuilder_static())
    _register_error_handlers(app)
    app.before_request(_refuse_nul_characters)
    app.before_request(_scope_request)
    app.after_request(_security_headers)
    app.after_request(_remember_locale)
    sweep_clock.init_app(app)  # without Redis the web process sweeps, from its first request
    if config.proxies:
        n = config.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)
    return app


def _formbuilder_static() -> Blueprint:
    """The form builder's vendored scripts (json-logic-js) at ``/static/formbuilder/``, for
    pages that evaluate conditions in the browser."""
    return Blueprint(
        "formbuilder_static",
        "formbuilder",
        static_folder="static",
        static_url_path="/static/formbuilder",
    )


def _select_locale() -> str:
    """``?lang=`` (remembered in a cookie), else the cookie, else Simplified Chinese.

    The browser's Accept-Language is not consulted: the platform is Chinese first, and a
    clerk whose phone is set to English should still see the interface the county chose.
    """
    chosen = request.args.get("lang") or request.cookies.get("lang")
    return chosen if chosen in LOCALES else LOCALES[0]


def _remember_locale(response):
    chosen = request.args.get("lang")
    if chosen in LOCALES:
        response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def _refuse_nul_characters() -> None:
    """No name, code or text ever holds a NUL character, and PostgreSQL refuses one in a
    query: a path holding one names nothing (404), a query or form holding one is malformed
    (400) — answered here, before any view could pass it to the database."""
    if any("\x00" in str(v) for v in (request.view_args or {}).values()):
        abort(404)
    for values in (request.args, request.form):
        if any("\x00" in k or "\x00" in v for k, v in values.items(multi=True)):
            abort(400)


def _scope_request() -> None:
    """Every request starts scoped to the tenants its user may see, and no wider."""
    from core.auth.access import data_scope, visible_tenant_ids

    user = current_user if current_user.is_authenticated else None
    db.set_scope(db.session(), data_scope(visible_tenant_ids(user)))
    audit.set_actor(db.session(), user)


def _security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault(
        "Permissions-Policy", "camera=(self), geolocation=(), microphone=()"
    )
    if current_app.config["QINGDAN"].https:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    )
    return response


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session().rollback()
        if wants_json():
            return jsonify(exc.to_dict()), exc.status
        return render_template("error.html", status=exc.status, message=exc.message), exc.status

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        message = _("页面已过期或请求来源无法验证（缺少 CSRF 令牌），请刷新页面后重试。")
        if wants_json():
            return jsonify({"error": {"code": "csrf", "message": message}}), 400
        return render_template("error.html", status=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            400: _("请求格式不正确。"),
            401: _("请先登录。"),
            403: _("您没有执行此操作的权限。"),
            404: _("找不到该页面或对象，或您无权查看。"),
            405: _("不支持该请求方法。"),
            413: _("上传的内容太大。"),
            429: _("请求过于频繁，请稍后再试。"),
        }
        message = messages.get(exc.code or 500, _("服务暂时不可用，请稍后再试。"))
        if wants_json():
            return jsonify(
                {"error": {"code": exc.name.lower().replace(" ", "_"), "message": message}}
            ), exc.code
        return render_template("error.html", status=exc.code, message=message), exc.code

    @app.errorhandler(OperationalError)
    def database_unavailable(exc: OperationalError):
        """The database went away or could not serve (a restart, a failover, a lock held too
        long): the transaction was not committed, so the client may simply try again. Other
        database errors are bugs and stay 500s."""
        log.warning("database unavailable: %s", exc.orig)
        try:
            db.session().rollback()
        except SQLAlchemyError:
            db.session().invalidate()
        message = _("数据库暂时无法连接，请稍后再试；您提交的内容没有保存。")
        g._login_user = app.login_manager.anonymous_user()  # the page must not ask the database
        if wants_json():
            response = jsonify({"error": {"code": "unavailable", "message": message}})
        else:
            response = app.make_response(render_template("error.html", status=503, message=message))
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
