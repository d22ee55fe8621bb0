"""``/t/<slug>/admin/plugins``: the domain plugins, their health, and which are on here.

The page lists every plugin the host knows — also those that failed to load or were refused
— with its load error and its recent hook errors, so an admin sees a failing plugin while
the others keep working. County admins choose the plugins in force for the tenant.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from core import db, plugins
from core.auth.access import is_county_admin_of, require_county_admin, resolve_tenant
from core.errors import Invalid
from tenants.forms import PluginsForm
from tenants.operations import inherit_plugins, plugin_states, set_enabled_plugins

from .blueprint import bp, show_refusal

#: where a tenant's on/off comes from, as ``plugin_states`` names it
SOURCES = {"own": "本单位设置", "county": "沿用县（区）设置", "default": "默认设置"}


@bp.route("/t/<slug>/admin/plugins", methods=["GET", "POST"], endpoint="plugins")
@login_required
def plugins_page(slug: str):
    tenant = resolve_tenant(current_user, slug)
    host = plugins.host()
    states = {s["key"]: s for s in plugin_states(db.session(), host, tenant)}
    form = PluginsForm(enabled=[key for key, state in states.items() if state["enabled"]])
    status = 200
    if form.is_submitted():
        require_county_admin(current_user, tenant)
        status = 400
        if form.validate():
            sess = db.session()
            try:
                set_enabled_plugins(sess, host, tenant, form.enabled.data)
            except Invalid as exc:
                sess.rollback()
                status = show_refusal(form, exc)
            else:
                sess.commit()
                flash(f"已保存{tenant.name}启用的领域插件。", "success")
                return redirect(url_for(".plugins", slug=tenant.slug))
    return _page(tenant, host, states, form, status)


@bp.post("/t/<slug>/admin/plugins/inherit", endpoint="inherit_plugins")
@login_required
def inherit(slug: str):
    """A township follows its county's choice again."""
    tenant = resolve_tenant(current_user, slug)
    require_county_admin(current_user, tenant)
    sess = db.session()
    inherit_plugins(sess, plugins.host(), tenant)
    sess.commit()
    flash(f"{tenant.name}已恢复沿用县（区）的插件设置。", "success")
    return redirect(url_for(".plugins", slug=tenant.slug))


def _page(tenant, host, states, form, status):
    return render_template(
        "tenants/plugins.html",
        tenant=tenant,
        # failing plugins first: they are what an admin comes to this page for
        infos=sorted(host.infos.values(), key=lambda info: info.status == "loaded"),
        states=states,
        sources=SOURCES,
        form=form if is_county_admin_of(current_user, tenant) else None,
    ), status
