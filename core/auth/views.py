"""Login, logout, password change and the tenant switcher."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from core import db
from core.errors import Invalid, Throttled

from .access import memberships, resolve_tenant
from .forms import LoginForm, PasswordForm
from .operations import authenticate, change_password

bp = Blueprint("auth", __name__, template_folder="../templates")


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect a user off the platform after login."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("core.home")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        config = current_app.config["QINGDAN"]
        sess = db.session()
        try:
            with db.system_scope(sess):
                user = authenticate(
                    sess,
                    form.username.data,
                    form.password.data,
                    request.remote_addr or "-",
                    max_failures=config.login_max_failures,
                    window_minutes=config.login_window_minutes,
                )
            sess.commit()
        except Throttled as exc:
            sess.rollback()
            form.form_errors.append(exc.message)
            status = 429
        except Invalid as exc:
            sess.commit()  # keep the recorded failure
            form.form_errors.append(exc.message)
            status = 401
        else:
            session.clear()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    session.clear()
    flash(_("您已退出登录。"), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        sess = db.session()
        user = current_user._get_current_object()  # noqa: SLF001
        try:
            change_password(sess, user, form.old_password.data, form.new_password.data)
        except Invalid as exc:
            sess.rollback()
            form.old_password.errors = [*form.old_password.errors, exc.message]
        else:
            sess.commit()
            login_user(user)  # the session id includes the password stamp
            flash(_("密码已修改，其他设备上的登录已失效。"), "success")
            return redirect(url_for("core.home"))
    return render_template("auth/password.html", form=form), 400 if form.errors else 200


@bp.post("/switch/<slug>")
@login_required
def switch(slug: str):
    """The tenant switcher, for people who hold roles in several tenants."""
    tenant = resolve_tenant(current_user, slug)
    session["tenant"] = tenant.slug
    return redirect(url_for("core.tenant_home", slug=tenant.slug))


def my_memberships():
    return memberships(current_user) if current_user.is_authenticated else []
