"""``/t/<slug>/admin/settings``: the local figures plugins declare, and this tenant's values."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core import db, settings
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.errors import Invalid

from .blueprint import bp


@bp.route("/t/<slug>/admin/settings", methods=["GET", "POST"])
@login_required
def local_settings(slug: str):
    tenant = resolve_tenant(current_user, slug)
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        require_admin(current_user, tenant)
        typed = {k: v for k, v in request.form.items() if k != "csrf_token"}
        sess = db.session()
        try:
            settings.save_values(sess, tenant, typed)
        except Invalid as exc:
            sess.rollback()
            errors = exc.fields
        else:
            sess.commit()
            flash("已保存本单位的本地规定。", "success")
            return redirect(url_for(".local_settings", slug=tenant.slug))
    own = (tenant.settings or {}).get(settings.VALUES, {})
    page = render_template(
        "catalog/settings.html",
        tenant=tenant,
        declared=settings.declared(tenant),
        values=settings.values(tenant),
        own=own,
        typed=typed,
        errors=errors,
        types=settings.TYPES,
        can_edit=is_admin_of(current_user, tenant),
    )
    return page, (422 if errors else 200)
