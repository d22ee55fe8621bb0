"""``/t/<slug>/lists``: the responsibility and negative lists, editable by admins."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from core import db, plugins
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.auth.models import Role
from core.errors import Invalid, NotFound

from .. import lists
from ..forms import ProhibitionForm, ResponsibilityForm
from ..models import Prohibition, Responsibility
from .blueprint import bp

ENTRY_MODELS = {"duty": Responsibility, "ban": Prohibition}


@bp.route("/t/<slug>/lists", methods=["GET", "POST"])
@login_required
def lists_page(slug: str):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    roles = sess.scalars(select(Role).order_by(Role.level, Role.key)).all()
    duty_form = ResponsibilityForm(prefix="duty")
    duty_form.role.choices = [(r.key, r.name) for r in roles]
    ban_form = ProhibitionForm(prefix="ban")
    status = 200
    if request.method == "POST":
        require_admin(current_user, tenant)
        form = duty_form if "duty-text" in request.form else ban_form
        status = 422
        if form.validate():
            try:
                if form is duty_form:
                    lists.add_responsibility(sess, tenant, form.role.data, form.text.data)
                else:
                    lists.add_prohibition(sess, tenant, form.text.data)
            except Invalid as exc:
                sess.rollback()
                form.text.errors = [exc.message]
            else:
                sess.commit()
                flash("已添加。", "success")
                return redirect(url_for(".lists_page", slug=tenant.slug))
    duties, bans = lists.lists_in_force(sess, plugins.host(), tenant)
    sess.commit()  # plugin entries may have been synced
    page = render_template(
        "catalog/lists.html",
        tenant=tenant,
        duties=duties,
        bans=bans,
        role_names={r.key: r.name for r in roles},
        duty_form=duty_form,
        ban_form=ban_form,
        can_edit=is_admin_of(current_user, tenant),
    )
    return page, status


@bp.post("/t/<slug>/lists/<kind>/<int:entry_id>/remove")
@login_required
def remove_entry(slug: str, kind: str, entry_id: int):
    tenant = resolve_tenant(current_user, slug)
    require_admin(current_user, tenant)
    if kind not in ENTRY_MODELS:
        raise NotFound()
    sess = db.session()
    lists.remove_entry(sess, tenant, ENTRY_MODELS[kind], entry_id)
    sess.commit()
    flash("已删除。", "success")
    return redirect(url_for(".lists_page", slug=tenant.slug))
