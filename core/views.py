"""The landing pages: home redirects to the user's tenant; the tenant overview."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from core import db, plugins
from core.auth.access import is_admin_of, memberships, resolve_tenant, visible_tenant_ids
from tenants.models import Tenant, Village
from tenants.operations import plugin_states

bp = Blueprint("core", __name__, template_folder="templates")


@bp.get("/")
def home():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    chosen = session.get("tenant")
    mine = memberships(current_user)
    slug = chosen or (mine[0].tenant.slug if mine else None)
    if slug is None and current_user.superuser:
        return redirect(url_for("tenants.index"))
    if slug is None:
        return render_template("core/no_membership.html")
    return redirect(url_for("core.tenant_home", slug=slug))


@bp.get("/t/<slug>/")
@login_required
def tenant_home(slug: str):
    tenant = resolve_tenant(current_user, slug)
    session["tenant"] = tenant.slug
    sess = db.session()
    village_count = sess.scalar(select(func.count(Village.id)))
    townships = (
        sess.scalars(
            select(Tenant).where(Tenant.parent_id == tenant.id).order_by(Tenant.slug)
        ).all()
        if tenant.kind == "county"
        else []
    )
    states = plugin_states(sess, plugins.host(), tenant)
    return render_template(
        "core/tenant_home.html",
        tenant=tenant,
        village_count=village_count,
        townships=townships,
        states=states,
        can_admin=is_admin_of(current_user, tenant),
    )


@bp.app_context_processor
def _layout_context():
    """What the base layout needs: the user's tenants, for the switcher."""
    if not current_user.is_authenticated:
        return {"switch_tenants": []}
    with db.system_scope() as sess:
        ids = visible_tenant_ids(current_user)
        tenants = sess.scalars(select(Tenant).where(Tenant.id.in_(ids)).order_by(Tenant.id)).all()
    return {"switch_tenants": tenants, "current_tenant_slug": session.get("tenant")}
