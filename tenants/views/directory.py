"""``/admin/tenants``: the tenants a user may see, as a tree, and creating new ones.

County admins add townships to their counties; only platform operators (superusers) add
counties.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from core import db
from core.auth.access import is_county_admin_of, require_county_admin, visible_tenant_ids
from core.errors import Forbidden, Invalid
from tenants.forms import CountyForm, TownshipForm
from tenants.models import Tenant
from tenants.operations import create_tenant

from .blueprint import bp, show_refusal


def _visible_tenants() -> list[Tenant]:
    ids = visible_tenant_ids(current_user)
    return list(
        db.session().scalars(select(Tenant).where(Tenant.id.in_(ids)).order_by(Tenant.slug))
    )


def _tree(tenants: list[Tenant]) -> list[tuple[Tenant, list[Tenant]]]:
    """Counties with their townships; a township whose county is not visible stands alone."""
    ids = {t.id for t in tenants}
    roots = [t for t in tenants if t.parent_id not in ids]
    return [(root, [t for t in tenants if t.parent_id == root.id]) for root in roots]


def _render(township_form: TownshipForm, county_form: CountyForm, status: int = 200):
    tenants = _visible_tenants()
    return render_template(
        "tenants/index.html",
        tree=_tree(tenants),
        township_form=township_form if township_form.parent.choices else None,
        county_form=county_form if current_user.superuser else None,
    ), status


def _administered_counties() -> list[Tenant]:
    return [
        t for t in _visible_tenants() if t.kind == "county" and is_county_admin_of(current_user, t)
    ]


@bp.route("/admin/tenants", methods=["GET", "POST"])
@login_required
def index():
    counties = _administered_counties()
    form = TownshipForm(counties)
    if not form.is_submitted():
        return _render(form, CountyForm())
    if not counties:
        raise Forbidden("只有县（区）管理员可以新建乡镇（街道）。")
    if not form.validate():
        return _render(form, CountyForm(formdata=None), 400)
    sess = db.session()
    parent = sess.get(Tenant, form.parent.data)
    require_county_admin(current_user, parent)
    try:
        township = create_tenant(sess, form.slug.data, form.name.data, "township", parent)
    except Invalid as exc:
        sess.rollback()
        return _render(form, CountyForm(formdata=None), show_refusal(form, exc))
    sess.commit()
    flash(f"已在{parent.name}下新建{township.name}。", "success")
    return redirect(url_for(".index"))


@bp.post("/admin/tenants/counties")
@login_required
def create_county():
    if not current_user.superuser:
        raise Forbidden("只有平台管理员可以新建县（区）。")
    form = CountyForm()
    township_form = TownshipForm(_administered_counties(), formdata=None)
    if not form.validate():
        return _render(township_form, form, 400)
    sess = db.session()
    try:
        county = create_tenant(sess, form.slug.data, form.name.data, "county")
    except Invalid as exc:
        sess.rollback()
        return _render(township_form, form, show_refusal(form, exc))
    sess.commit()
    flash(f"已新建{county.name}。下一步：在该县的“用户与角色”中添加县级管理员。", "success")
    return redirect(url_for(".index"))
