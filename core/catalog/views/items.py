"""Catalog pages: the list in force, an item with its flowchart, versions and their diff."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core import db, plugins
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.documents import wording

from .. import operations as ops
from .. import present
from ..diff import diff_definitions
from ..models import ORIGIN_LABELS
from .blueprint import bp


@bp.get("/t/<slug>/items")
@login_required
def index(slug: str):
    tenant = resolve_tenant(current_user, slug)
    host = plugins.host()
    sess = db.session()
    domain = request.args.get("domain", "")
    query = request.args.get("q", "").strip()
    entries = [
        (item, version)
        for item, version in ops.items_in_force(sess, host, tenant)
        if (not domain or item.domain == domain) and (not query or query in version.name)
    ]
    off = ops.switched_off(sess, tenant) if tenant.kind == "township" else []
    sess.commit()  # plugin defaults may have been synced
    return render_template(
        "catalog/index.html",
        tenant=tenant,
        entries=entries,
        switched_off=off,
        domains=present.domain_names(host),
        domain=domain,
        query=query,
        origin_labels=ORIGIN_LABELS,
    )


@bp.get("/t/<slug>/items/<key>")
@login_required
def item(slug: str, key: str):
    tenant, item = _item(slug, key)
    sess = db.session()
    number = request.args.get("version", type=int)
    version = ops.version(item, number) if number else (item.published or item.draft)
    steps = present.steps_of(version, tenant)
    return render_template(
        "catalog/item.html",
        tenant=tenant,
        item=item,
        version=version,
        definition=ops.definition_of(version),
        steps=steps,
        roles=present.role_names(sess),
        domains=present.domain_names(plugins.host()),
        wording=wording,
        origin_labels=ORIGIN_LABELS,
        can_switch=_can_switch(tenant, item),
        in_force=any(i.id == item.id for i, _ in ops.items_in_force(sess, plugins.host(), tenant)),
    )


@bp.post("/t/<slug>/items/<key>/switch")
@login_required
def switch(slug: str, key: str):
    """A township takes a county item out of its villages' list, or puts it back."""
    tenant, item = _item(slug, key)
    require_admin(current_user, tenant)
    enabled = request.form.get("enabled") == "1"
    sess = db.session()
    ops.switch_item(sess, tenant, item, enabled)
    sess.commit()
    flash(
        "已在本乡镇启用该事项。" if enabled else "已在本乡镇停用该事项，各村不再看到它。", "success"
    )
    return redirect(url_for(".item", slug=tenant.slug, key=item.key))


def _can_switch(tenant, item) -> bool:
    return (
        tenant.kind == "township"
        and item.tenant_id == tenant.parent_id
        and is_admin_of(current_user, tenant)
    )


@bp.get("/t/<slug>/items/<key>/flowchart.svg")
@login_required
def flowchart(slug: str, key: str):
    tenant, item = _item(slug, key)
    number = request.args.get("version", type=int)
    version = ops.version(item, number) if number else (item.published or item.draft)
    svg = present.flowchart(db.session(), version, tenant)
    return Response(svg, mimetype="image/svg+xml")


@bp.get("/t/<slug>/items/<key>/diff")
@login_required
def diff(slug: str, key: str):
    tenant, item = _item(slug, key)
    numbers = [v.number for v in item.versions]
    a = request.args.get("a", type=int) or (numbers[-2] if len(numbers) > 1 else numbers[0])
    b = request.args.get("b", type=int) or numbers[-1]
    old, new = ops.version(item, a), ops.version(item, b)
    changes = diff_definitions(ops.definition_of(old), ops.definition_of(new))
    return render_template(
        "catalog/diff.html", tenant=tenant, item=item, old=old, new=new, changes=changes
    )


def _item(slug: str, key: str):
    tenant = resolve_tenant(current_user, slug)
    return tenant, ops.visible_item(db.session(), plugins.host(), tenant, key)
