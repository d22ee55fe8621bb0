"""``/t/<slug>/cases`` (办件列表): the cases in view, newest first, filtered by status, village
and item, a page at a time. A county sees its townships' cases here; it reads, it does not act.
"""

from __future__ import annotations

import math

from flask import render_template, request
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from core import db
from core.auth.access import resolve_tenant
from core.catalog.models import Item, ItemVersion
from tenants.models import Village

from .. import process
from ..models import CASE_STATUS_LABELS, Case
from .blueprint import bp

PER_PAGE = 20


@bp.get("/t/<slug>/cases")
@login_required
def cases(slug: str):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    chosen = {key: request.args.get(key, "") for key in ("status", "village", "item")}
    query = select(Case)
    if chosen["status"] in CASE_STATUS_LABELS:
        query = query.where(Case.status == chosen["status"])
    if chosen["village"]:
        query = query.join(Case.village).where(Village.code == chosen["village"])
    if chosen["item"]:
        query = query.join(Case.item).where(Item.key == chosen["item"])
    total = sess.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    rows = sess.scalars(
        query.options(
            joinedload(Case.village), joinedload(Case.item_version), selectinload(Case.runs)
        )
        .order_by(Case.created_at.desc(), Case.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    return render_template(
        "cases/list.html",
        tenant=tenant,
        rows=rows,
        chosen=chosen,
        kept={key: value for key, value in chosen.items() if value},
        step_names=process.step_names,
        page=page,
        pages=pages,
        total=total,
        statuses=CASE_STATUS_LABELS,
        villages=sess.scalars(select(Village).order_by(Village.code)).all(),
        items=_items_with_cases(),
    )


def _items_with_cases() -> list[tuple[str, str]]:
    """``(key, name)`` of the items that have cases in view, for the item filter."""
    rows = db.session().execute(
        select(Item.key, ItemVersion.name)
        .join(Case, Case.item_version_id == ItemVersion.id)
        .join(Item, Item.id == Case.item_id)
        .distinct()
    )
    return sorted(dict(rows.all()).items(), key=lambda pair: pair[1])
