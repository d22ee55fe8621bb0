"""``/t/<slug>/admin/rules``: the local figures of the 四议两公开 procedure.

Each input left blank follows the county (for a township) or the published default.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core import db
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.errors import Invalid

from ..rules import block_figures, save_block_rules
from .blueprint import bp


@bp.route("/t/<slug>/admin/rules", methods=["GET", "POST"])
@login_required
def rules(slug: str):
    tenant = resolve_tenant(current_user, slug)
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        require_admin(current_user, tenant)
        typed = {k: v.strip() for k, v in request.form.items() if k != "csrf_token"}
        sess = db.session()
        try:
            save_block_rules(sess, tenant, _rules_from(typed))
        except Invalid as exc:
            sess.rollback()
            errors = {path.removeprefix("four_deliberations."): m for path, m in exc.fields.items()}
        else:
            sess.commit()
            flash("已保存本单位的四议两公开规则。", "success")
            return redirect(url_for(".rules", slug=tenant.slug))
    return render_template(
        "catalog/rules.html",
        tenant=tenant,
        steps=block_figures(tenant),
        errors=errors,
        typed=typed,
        can_edit=is_admin_of(current_user, tenant),
    ), (422 if errors else 200)


def _rules_from(form: dict[str, str]) -> dict:
    """``{"review.quorum": "3/4", "publish_resolution.notice_days": "5"}`` as block rules."""
    rules: dict[str, dict] = {}
    for name, value in form.items():
        step, _, figure = name.partition(".")
        if not value or not figure:
            continue
        rules.setdefault(step, {})[figure] = int(value) if value.isdigit() else value
    return rules
