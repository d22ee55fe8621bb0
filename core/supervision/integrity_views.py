"""``/t/<slug>/integrity``: the inspectors' index of cadres and each cadre's integrity file
(廉情档案), with the annual evaluations an inspector enters there."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core import db
from core.auth.access import resolve_tenant
from core.errors import Invalid
from core.rules.models import SEVERITY_LABELS
from core.workflow.views.blueprint import local_time

from . import integrity as ops
from .integrity_models import RESULTS
from .order_access import is_inspector_of
from .order_views import MAX_ID

bp = Blueprint("integrity", __name__, template_folder="templates")
FILE = f"/t/<slug>/integrity/<int(max={MAX_ID}):user_id>"


@bp.get("/t/<slug>/integrity")
@login_required
def cadres(slug: str):
    tenant = resolve_tenant(current_user, slug)
    posts = ops.cadres_of(db.session(), current_user, tenant)
    return render_template("supervision/integrity_index.html", tenant=tenant, posts=posts)


@bp.get(FILE)
@login_required
def cadre_file(slug: str, user_id: int):
    tenant = resolve_tenant(current_user, slug)
    return _file_page(tenant, user_id)


@bp.post(f"{FILE}/evaluations")
@login_required
def enter_evaluation(slug: str, user_id: int):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    typed = {key: request.form.get(key, "") for key in ("year", "result", "note")}
    try:
        ops.enter_evaluation(sess, current_user, tenant, user_id, **typed)
    except Invalid as exc:
        sess.rollback()
        return _file_page(tenant, user_id, typed=typed, error=exc)
    sess.commit()
    flash("已录入年度考核结果。", "success")
    return redirect(url_for(".cadre_file", slug=tenant.slug, user_id=user_id))


def _file_page(tenant, user_id: int, *, typed=None, error: Invalid | None = None):
    found = ops.open_file(db.session(), current_user, tenant, user_id)
    page = render_template(
        "supervision/integrity.html",
        tenant=tenant,
        file=found,
        results=RESULTS,
        severities=SEVERITY_LABELS,
        may_evaluate=is_inspector_of(current_user, tenant),
        typed=typed or {},
        error=error,
    )
    return page, (error.status if error else 200)


@bp.context_processor
def _times() -> dict:
    """Moments as the tenant's clock shows them."""
    return {"local_time": local_time}
