"""``/t/<slug>/admin/villages``: a township's villages (村/社区), and adding one.

A county sees the villages of all its townships, grouped by township, read-only: villages
belong to townships and are added there.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from core import db
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.errors import Invalid
from tenants.forms import VillageForm
from tenants.models import Tenant, Village
from tenants.operations import create_village

from .blueprint import bp, show_refusal


def _villages_by_township(tenant: Tenant) -> list[tuple[Tenant, list[Village]]]:
    townships = [tenant] if tenant.kind == "township" else list(tenant.children)
    villages = db.session().scalars(
        select(Village)
        .where(Village.tenant_id.in_([t.id for t in townships]))
        .order_by(Village.code)
    )
    grouped: dict[int, list[Village]] = {t.id: [] for t in townships}
    for village in villages:
        grouped[village.tenant_id].append(village)
    return [(t, grouped[t.id]) for t in townships]


@bp.route("/t/<slug>/admin/villages", methods=["GET", "POST"])
@login_required
def villages(slug: str):
    tenant = resolve_tenant(current_user, slug)
    form = VillageForm()
    status = 200
    if form.is_submitted():
        require_admin(current_user, tenant)
        status = 400
        if form.validate():
            sess = db.session()
            try:
                village = create_village(sess, tenant, form.code.data, form.name.data)
            except Invalid as exc:
                sess.rollback()
                status = show_refusal(form, exc)
            else:
                sess.commit()
                flash(f"已添加{village.name}（{village.code}）。", "success")
                return redirect(url_for(".villages", slug=tenant.slug))
    can_add = tenant.kind == "township" and is_admin_of(current_user, tenant)
    return render_template(
        "tenants/villages.html",
        tenant=tenant,
        groups=_villages_by_township(tenant),
        form=form if can_add or form.errors else None,
    ), status
