"""``/t/<slug>/orders``: supervision orders (督查令) as pages — the list, issuing one, and an
order's page where the village submits its rectification and the inspector judges it.

Views parse the form, call one operation of :mod:`core.supervision.orders` and render; a
refusal shows the same page again with the message and everything typed (files already
chosen are kept as stored attachments, not asked for twice).
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from core import db
from core.attachments.models import Attachment
from core.attachments.operations import store_upload
from core.auth.access import resolve_tenant, subtree_ids
from core.auth.models import Membership
from core.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from core.rules.models import OPEN, Warning
from core.workflow.views.blueprint import local_time
from tenants.models import Tenant, Village

from . import orders as ops
from .order_access import holds_village_post, is_inspector_of, may_rectify
from .order_models import COLOUR_LABELS, ISSUED, SENT_BACK, STATUS_LABELS, SUBMITTED

bp = Blueprint("orders", __name__, template_folder="templates")

#: the largest id a URL may name (PostgreSQL's ``integer``)
MAX_ID = 2**31 - 1
ORDER = f"/t/<slug>/orders/<int(max={MAX_ID}):order_id>"
REFUSALS = (Invalid, Forbidden, Conflict)


@bp.get("/t/<slug>/orders")
@login_required
def orders(slug: str):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    status = request.args.get("status", "")
    rows = ops.orders_of(
        sess,
        current_user,
        subtree_ids(tenant),
        tenant,
        status=status if status in STATUS_LABELS else None,
    )
    return render_template(
        "supervision/orders.html",
        tenant=tenant,
        rows=rows,
        statuses=STATUS_LABELS,
        chosen=status,
        slugs=_slugs(tenant),
        may_issue=tenant.kind == "township" and is_inspector_of(current_user, tenant),
    )


@bp.get("/t/<slug>/orders/new")
@login_required
def new_order(slug: str):
    tenant = _issuing_tenant(slug)
    typed = {"warnings": request.args.getlist("warning"), "colour": "yellow"}
    return _issue_page(tenant, typed)


@bp.post("/t/<slug>/orders")
@login_required
def issue_order(slug: str):
    tenant = _issuing_tenant(slug)
    sess = db.session()
    form = request.form
    typed = {
        "village": form.get("village", ""),
        "colour": form.get("colour", ""),
        "failing": form.get("failing", ""),
        "deadline": form.get("deadline", ""),
        "people": form.getlist("people"),
        "names": form.get("names", ""),
        "warnings": form.getlist("warnings"),
    }
    try:
        order = ops.issue(
            sess,
            tenant,
            current_user,
            village=_village(sess, tenant, typed["village"]),
            colour=typed["colour"],
            failing=typed["failing"],
            deadline=_date(typed["deadline"]),
            responsible=_responsible(typed["people"], typed["names"]),
            warning_ids=_ids(typed["warnings"]),
        )
    except REFUSALS as exc:
        sess.rollback()
        return _issue_page(tenant, typed, exc)
    sess.commit()
    flash("督查令已下发。", "success")
    return redirect(url_for(".order", slug=tenant.slug, order_id=order.id))


@bp.get(ORDER)
@login_required
def order(slug: str, order_id: int):
    tenant = resolve_tenant(current_user, slug)
    return _order_page(tenant, ops.order_for(db.session(), current_user, tenant, order_id))


@bp.post(f"{ORDER}/rectifications")
@login_required
def submit_rectification(slug: str, order_id: int):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    found = ops.order_for(sess, current_user, tenant, order_id)
    tokens = [t for t in request.form.getlist("attachments") if t]
    typed = {"text": request.form.get("text", ""), "attachments": tokens}
    try:
        tokens += _store_files(sess, tenant, found)
        ops.submit(sess, tenant, current_user, found, text=typed["text"], attachment_tokens=tokens)
    except REFUSALS as exc:
        sess.rollback()
        found = ops.order_for(sess, current_user, tenant, order_id)
        return _order_page(tenant, found, typed=typed, error=exc)
    sess.commit()
    flash("整改情况已提交，等待验收。", "success")
    return redirect(url_for(".order", slug=tenant.slug, order_id=order_id))


@bp.post(f"{ORDER}/accept")
@login_required
def accept_order(slug: str, order_id: int):
    return _judge(slug, order_id, ops.accept, "整改已验收通过。")


@bp.post(f"{ORDER}/send-back")
@login_required
def send_back_order(slug: str, order_id: int):
    return _judge(slug, order_id, ops.send_back, "整改已退回，村里将重新整改。")


# --- helpers ---------------------------------------------------------------------------------


def _judge(slug: str, order_id: int, action, done: str):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    found = ops.order_for(sess, current_user, tenant, order_id)
    comment = request.form.get("comment", "")
    try:
        action(sess, tenant, current_user, found, comment)
    except REFUSALS as exc:
        sess.rollback()
        found = ops.order_for(sess, current_user, tenant, order_id)
        return _order_page(tenant, found, typed={"comment": comment}, error=exc)
    sess.commit()
    flash(done, "success")
    return redirect(url_for(".order", slug=tenant.slug, order_id=order_id))


def _slugs(tenant: Tenant) -> dict[int, str]:
    """The slugs of ``tenant`` and its townships, for links to each order's own tenant."""
    rows = db.session().execute(
        select(Tenant.id, Tenant.slug).where(Tenant.id.in_(subtree_ids(tenant)))
    )
    return dict(rows.all())


def _issuing_tenant(slug: str) -> Tenant:
    tenant = resolve_tenant(current_user, slug)
    if tenant.kind != "township":
        raise NotFound("督查令下发到乡镇（街道）的村：请先进入该乡镇。")
    if not is_inspector_of(current_user, tenant):
        raise Forbidden("只有乡镇或县（区）纪委监察人员可以下发督查令。")
    return tenant


def _issue_page(tenant: Tenant, typed: dict, error: DomainError | None = None):
    sess = db.session()
    villages = sess.scalars(
        select(Village).where(Village.tenant_id == tenant.id).order_by(Village.code)
    ).all()
    cadres = sess.scalars(
        select(Membership)
        .where(Membership.tenant_id == tenant.id, Membership.village_id.is_not(None))
        .order_by(Membership.village_id, Membership.role_key)
    ).all()
    open_warnings = sess.scalars(
        select(Warning)
        .where(Warning.tenant_id == tenant.id, Warning.status == OPEN)
        .order_by(Warning.village_id, Warning.id.desc())
    ).all()
    page = render_template(
        "supervision/order_new.html",
        tenant=tenant,
        villages=villages,
        cadres=cadres,
        open_warnings=open_warnings,
        colours=COLOUR_LABELS,
        typed=typed,
        error=error,
        today=ops.today_in(tenant),
    )
    return page, (error.status if error else 200)


def _order_page(tenant, found, *, typed=None, error: DomainError | None = None):
    sess = db.session()
    files = {
        a.id: a
        for a in sess.scalars(
            select(Attachment).where(
                Attachment.id.in_([i for r in found.rectifications for i in r.attachment_ids])
            )
        )
    }
    page = render_template(
        "supervision/order.html",
        tenant=tenant,
        order=found,
        files=files,
        colours=COLOUR_LABELS,
        typed=typed or {},
        error=error,
        may_submit=found.status in (ISSUED, SENT_BACK)
        and may_rectify(current_user, found.village_id),
        may_judge=found.status == SUBMITTED and is_inspector_of(current_user, tenant),
    )
    return page, (error.status if error else 200)


def _store_files(sess, tenant: Tenant, found) -> list[str]:
    """Store the chosen files and commit them, so a refusal does not ask for them again."""
    if not may_rectify(current_user, found.village_id):
        return []
    stored = [
        store_upload(
            sess,
            tenant,
            current_user,
            chosen,
            accept=None,
            max_size_mb=current_app.config["QINGDAN"].attachment_max_mb,
        ).token
        for chosen in request.files.getlist("files")
        if chosen.filename
    ]
    sess.commit()
    return stored


def _village(sess, tenant: Tenant, raw: str) -> Village:
    found = sess.get(Village, int(raw)) if raw.isdecimal() and int(raw) <= MAX_ID else None
    if found is None or found.tenant_id != tenant.id:
        raise Invalid("请选择村。", fields={"village": "请选择"})
    return found


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def _responsible(people: list[str], names: str) -> list[dict]:
    chosen = [{"user_id": user_id, "name": ""} for user_id in _ids(people)]
    typed = [{"user_id": None, "name": n.strip()[:50]} for n in names.splitlines() if n.strip()]
    return chosen + typed


def _ids(raw: list[str]) -> list[int]:
    return [int(v) for v in raw if v.isdecimal() and int(v) <= MAX_ID]


@bp.app_context_processor
def _supervision_links() -> dict:
    """What the tenant's home page asks to offer the supervision links."""
    return {"is_inspector_of": is_inspector_of, "holds_village_post": holds_village_post}


@bp.context_processor
def _times() -> dict:
    """Moments as the tenant's clock shows them."""
    return {"local_time": local_time}
