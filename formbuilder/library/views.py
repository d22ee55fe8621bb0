"""``/t/<slug>/library``: the county's template library; county admins fill it, township
admins copy from it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core import db, plugins
from core.auth.access import is_county_admin_of, resolve_tenant
from core.errors import Forbidden, Invalid
from formbuilder.filing.permissions import may_file, require_filer

from . import operations as ops

bp = Blueprint("library", __name__, template_folder="templates")


@bp.route("/t/<slug>/library", methods=["GET", "POST"])
@login_required
def index(slug: str):
    tenant = resolve_tenant(current_user, slug)
    if request.method == "GET":
        return _page(tenant)
    _require_manager(tenant)
    sess = db.session()
    typed = {k: request.form.get(k, "") for k in ("source", "description")}
    try:
        ops.add_entry(
            sess, plugins.host(), tenant, typed["source"], typed["description"], current_user
        )
    except Invalid as exc:
        sess.rollback()
        return _page(tenant, errors=exc.fields, typed=typed)
    sess.commit()
    flash("已加入模板库，各乡镇（街道）可以复制使用。", "success")
    return redirect(url_for(".index", slug=tenant.slug))


@bp.post("/t/<slug>/library/<int:entry_id>/remove")
@login_required
def remove(slug: str, entry_id: int):
    tenant = resolve_tenant(current_user, slug)
    _require_manager(tenant)
    sess = db.session()
    ops.remove_entry(sess, tenant, entry_id)
    sess.commit()
    flash("已从模板库移除。", "success")
    return redirect(url_for(".index", slug=tenant.slug))


@bp.post("/t/<slug>/library/<int:entry_id>/copy")
@login_required
def copy(slug: str, entry_id: int):
    """Start a local item draft from a template; a refused key is shown beside the entry."""
    tenant = resolve_tenant(current_user, slug)
    require_filer(current_user, tenant)
    sess = db.session()
    entry = ops.entry_by_id(sess, tenant.county, entry_id)
    key = request.form.get("key", "")
    try:
        item = ops.copy_entry(sess, tenant, entry, key, current_user)
    except Invalid as exc:
        sess.rollback()
        return _page(tenant, copy_error=(entry.id, exc.message, key))
    sess.commit()
    flash("已复制为本乡镇的特色事项草稿，可以修改后提交备案。", "success")
    return redirect(url_for("catalog.item", slug=tenant.slug, key=item.key, version=1))


def _page(tenant, errors=None, typed=None, copy_error=None):
    sess = db.session()
    county = tenant.county
    manage = _may_manage(tenant)
    page = render_template(
        "library/index.html",
        tenant=tenant,
        entries=ops.entries(sess, county),
        sources=ops.sources(sess, plugins.host(), county) if manage else {},
        manage=manage,
        can_copy=may_file(current_user, tenant),
        suggested_key=ops.suggested_key,
        errors=errors or {},
        typed=typed or {},
        copy_error=copy_error,
    )
    sess.commit()  # plugin defaults may have been synced
    return page, (422 if errors or copy_error else 200)


def _may_manage(tenant) -> bool:
    return tenant.kind == "county" and is_county_admin_of(current_user, tenant)


def _require_manager(tenant) -> None:
    if not _may_manage(tenant):
        raise Forbidden("只有县（区）管理员可以维护模板库。")
