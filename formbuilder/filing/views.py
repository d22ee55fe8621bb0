"""Filing pages: a township's drafts and filing history, the county's review queue, one
filing with its diff, and the transitions as form posts."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core import db
from core.auth.access import resolve_tenant
from core.catalog import operations as catalog
from core.catalog.diff import diff_definitions
from core.catalog.models import Item
from core.errors import Invalid
from tenants.models import Tenant

from . import operations as ops
from .permissions import may_file, may_review, require_filer, require_reviewer

bp = Blueprint("filing", __name__, template_folder="templates")


@bp.get("/t/<slug>/filings")
@login_required
def index(slug: str):
    """A county sees what waits for its review; a township its drafts and its history."""
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    if tenant.kind == "county":
        townships = sess.scalars(select(Tenant).where(Tenant.parent_id == tenant.id))
        return render_template(
            "filing/queue.html",
            tenant=tenant,
            queue=ops.queue(sess, tenant),
            townships={t.id: t for t in townships},
        )
    drafts = _unfiled_drafts(sess, tenant)
    return render_template(
        "filing/history.html",
        tenant=tenant,
        drafts=drafts,
        filings=ops.history(sess, tenant),
        can_file=may_file(current_user, tenant),
    )


@bp.get("/t/<slug>/filings/<int:filing_id>")
@login_required
def show(slug: str, filing_id: int):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    filing = ops.filing_by_id(sess, tenant, filing_id)
    submitted = filing.definition
    published = filing.item.published
    baseline = published if published and published.id != filing.version_id else None
    changes = diff_definitions(catalog.definition_of(baseline), submitted) if baseline else None
    return render_template(
        "filing/show.html",
        tenant=tenant,
        filing=filing,
        definition=submitted,
        baseline=baseline,
        changes=changes,
        history=ops.filings_of(sess, filing.item),
        can_file=may_file(current_user, tenant),
        can_review=may_review(current_user, tenant),
    )


@bp.post("/t/<slug>/items/<key>/submit")
@login_required
def submit(slug: str, key: str):
    return _file(slug, key, ops.submit, "已提交县级备案，请等待审核。")


@bp.post("/t/<slug>/items/<key>/withdraw")
@login_required
def withdraw(slug: str, key: str):
    return _file(slug, key, ops.withdraw, "已撤回备案，可以继续修改草稿。")


@bp.post("/t/<slug>/items/<key>/publish")
@login_required
def publish(slug: str, key: str):
    return _file(slug, key, ops.publish, "已发布，各村现在可以按新版本发起办件。")


@bp.post("/t/<slug>/items/<key>/approve")
@login_required
def approve(slug: str, key: str):
    tenant = resolve_tenant(current_user, slug)
    require_reviewer(current_user, tenant)
    sess = db.session()
    filing = ops.approve(sess, tenant, ops.local_item(sess, tenant, key), current_user)
    sess.commit()
    flash("已通过备案，乡镇可以发布。", "success")
    return redirect(url_for(".show", slug=tenant.slug, filing_id=filing.id))


@bp.post("/t/<slug>/items/<key>/return")
@login_required
def return_draft(slug: str, key: str):
    tenant = resolve_tenant(current_user, slug)
    require_reviewer(current_user, tenant)
    sess = db.session()
    item = ops.local_item(sess, tenant, key)
    comment = request.form.get("comment", "")
    try:
        filing = ops.return_draft(sess, tenant, item, current_user, comment)
    except Invalid as exc:
        sess.rollback()
        flash(exc.message, "error")
        current = ops.open_filing(sess, item)
        target = url_for(".show", slug=tenant.slug, filing_id=current.id) if current else None
        return redirect(target or url_for(".index", slug=tenant.slug))
    sess.commit()
    flash("已退回，乡镇会收到您的意见。", "success")
    return redirect(url_for(".show", slug=tenant.slug, filing_id=filing.id))


def _file(slug: str, key: str, action, message: str):
    """A township admin's transition of its own item's filing."""
    tenant = resolve_tenant(current_user, slug)
    require_filer(current_user, tenant)
    sess = db.session()
    item = ops.local_item(sess, tenant, key)
    action(sess, tenant, item, current_user)
    filing = ops.filings_of(sess, item)[0]
    sess.commit()
    flash(message, "success")
    return redirect(url_for(".show", slug=tenant.slug, filing_id=filing.id))


def _unfiled_drafts(sess, township) -> list[Item]:
    """The township's local items whose draft is not under review or approved."""
    items = sess.scalars(
        select(Item)
        .where(Item.tenant_id == township.id, Item.origin == "township")
        .options(selectinload(Item.versions))
        .order_by(Item.key)
    ).all()
    return [i for i in items if i.draft is not None and ops.open_filing(sess, i) is None]
