"""``/t/<slug>/ratings``: the villages of a township (or a county's townships) by grade."""

from __future__ import annotations

import re

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from core import db
from core.auth.access import resolve_tenant, subtree_ids
from core.db import utcnow
from tenants.models import Tenant

from .order_access import reached_villages
from .rating_models import GRADE_LABELS
from .ratings import Month, points_in_force, ratings_of

bp = Blueprint("ratings", __name__, template_folder="templates")
PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
DETAIL_LABELS = {
    "warning.blue": "蓝色预警",
    "warning.yellow": "黄色预警",
    "warning.red": "红色预警",
    "order.blue": "蓝色督查令",
    "order.yellow": "黄色督查令",
    "order.red": "红色督查令",
    "late_answer": "逾期答复的举报",
    "overdue_step": "逾期环节",
}


def period_asked(tenant: Tenant, raw: str | None) -> str:
    """The month asked for (``2026-12``), or the current one when none or a bad one is."""
    return raw if raw and PERIOD.fullmatch(raw) else Month.of(tenant, utcnow()).key


@bp.get("/t/<slug>/ratings")
@login_required
def ratings(slug: str):
    tenant = resolve_tenant(current_user, slug)
    period = period_asked(tenant, request.args.get("period"))
    rows = ratings_of(
        db.session(), subtree_ids(tenant), period, reached_villages(current_user, tenant)
    )
    names = dict(
        db.session()
        .execute(select(Tenant.id, Tenant.name).where(Tenant.id.in_(subtree_ids(tenant))))
        .all()
    )
    return render_template(
        "supervision/ratings.html",
        tenant=tenant,
        period=period,
        rows=rows,
        township_names=names,
        grades=GRADE_LABELS,
        detail_labels=DETAIL_LABELS,
        points=points_in_force(tenant),
    )
