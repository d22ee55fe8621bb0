"""``/t/<slug>/reports``: the inspectors' queue of villagers' reports (码上举报) and one
report's page with its photos, history, links and the actions the viewer may take. Reach and
rules are ``handling``'s; these views parse the form, call one operation and render.

A refused action (a missing answer, someone else answering first) shows the report page
again with the message and whatever the person typed, so nothing is lost.
"""

from __future__ import annotations

import math

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import func, select

from core import db
from core.attachments.views import file_response
from core.auth.access import resolve_tenant
from core.db import utcnow
from core.errors import DomainError, Forbidden, NotFound
from core.workflow.views.blueprint import local_time
from tenants.models import Tenant, Village

from . import handling as ops
from . import report_access as access
from .models import STATUS_LABELS, Complaint
from .report_models import KIND_LABELS

bp = Blueprint("reports", __name__, template_folder="templates")

REPORT = f"/t/<slug>/reports/<int(max={ops.MAX_ID}):report_id>"
PER_PAGE = 20
STATUS_CHOICES = {ops.OPEN: _l("待答复"), **STATUS_LABELS, "all": _l("全部")}
#: what each action's form sends, and the operation it calls
ACTIONS = {
    "assign": lambda sess, c, user, form: ops.assign(sess, c, user, form.get("to_user", "")),
    "note": lambda sess, c, user, form: ops.note(sess, c, user, form.get("text", "")),
    "answer": lambda sess, c, user, form: ops.answer(sess, c, user, form.get("text", "")),
    "link": lambda sess, c, user, form: ops.link(
        sess, c, user, form.get("kind", ""), form.get("ref", "")
    ),
    "close": lambda sess, c, user, form: ops.close(sess, c, user),
}
DONE = {
    "assign": _l("已指派。"),
    "note": _l("已添加内部备注。"),
    "answer": _l("已答复，举报人可凭跟踪码查看。"),
    "link": _l("已关联。"),
    "close": _l("已办结。"),
}


@bp.get("/t/<slug>/reports")
@login_required
def queue(slug: str):
    tenant = resolve_tenant(current_user, slug)
    reach = _reach(tenant)
    village = request.args.get("village", "")
    chosen = {
        "status": request.args.get("status", ops.OPEN),
        "village": village
        if len(village) == 12 and village.isascii() and village.isdigit()
        else "",
        "overdue": "1" if request.args.get("overdue") == "1" else "",
    }
    status = chosen["status"] if chosen["status"] in STATUS_CHOICES else ops.OPEN
    sess = db.session()
    query = ops.queue_query(
        reach,
        status=None if status == "all" else status,
        village=chosen["village"] or None,
        overdue=bool(chosen["overdue"]),
    )
    total = sess.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    rows = sess.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).unique().all()
    return render_template(
        "supervision/reports.html",
        tenant=tenant,
        rows=rows,
        chosen=chosen,
        kept={key: value for key, value in chosen.items() if value},
        page=page,
        pages=pages,
        total=total,
        statuses=STATUS_CHOICES,
        villages=_villages(sess, reach),
        now=utcnow(),
    )


@bp.get(REPORT)
@login_required
def report(slug: str, report_id: int):
    tenant = resolve_tenant(current_user, slug)
    found = ops.report_in_reach(db.session(), access.reach_of(current_user, tenant), report_id)
    return _page(tenant, found)


@bp.get(f"{REPORT}/photos/<int(max=99):number>")
@login_required
def report_photo(slug: str, report_id: int, number: int):
    """A photo of the report, for those who may see the report, as a download."""
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    found = ops.report_in_reach(sess, access.reach_of(current_user, tenant), report_id)
    return file_response(ops.photo(sess, found, number))


def _act(name: str):
    def act(slug: str, report_id: int):
        tenant = resolve_tenant(current_user, slug)
        sess = db.session()
        reach = access.reach_of(current_user, tenant)
        found = ops.report_in_reach(sess, reach, report_id)
        try:
            ACTIONS[name](sess, found, current_user, request.form)
        except NotFound:
            raise
        except DomainError as exc:
            sess.rollback()
            found = ops.report_in_reach(sess, reach, report_id)
            return _page(tenant, found, refused=name, error=exc), exc.status
        sess.commit()
        flash(str(DONE[name]), "success")
        return redirect(url_for(".report", slug=tenant.slug, report_id=found.id))

    act.__name__ = f"{name}_report"
    act.__doc__ = f"POST {name}: one inspector action on the report."
    return login_required(act)


for _name in ACTIONS:
    bp.add_url_rule(f"{REPORT}/{_name}", view_func=_act(_name), methods=["POST"])


def _page(tenant: Tenant, found: Complaint, refused=None, error: DomainError | None = None):
    sess = db.session()
    events = ops.history(sess, found)
    return render_template(
        "supervision/report.html",
        tenant=tenant,
        report=found,
        home=found.village.tenant,
        phone=access.reporter_phone(current_user, found),
        overdue=ops.is_overdue(found),
        late=ops.answered_late(found),
        events=events,
        links=ops.links(events),
        link_kinds=ops.LINK_KINDS,
        allowed=ops.allowed_actions(current_user, found),
        refused=refused,
        error=error,
        typed=request.form if refused else {},
    )


def _reach(tenant: Tenant) -> access.Reach:
    """The viewer's reach for the queue; one report outside it is simply not found."""
    reach = access.reach_of(current_user, tenant)
    if not reach:
        raise Forbidden(_("只有纪检监察人员和村务监督委员会可以查看村民举报。"))
    return reach


def _villages(sess, reach: access.Reach) -> list[Village]:
    """The villages whose reports the reach covers, for the village filter."""
    return sess.scalars(
        select(Village)
        .where(
            Village.tenant_id.in_(sorted(reach.tenant_ids))
            | Village.id.in_(sorted(reach.village_ids))
        )
        .order_by(Village.code)
    ).all()


@bp.context_processor
def _helpers() -> dict:
    return {"local_time": local_time, "kind_labels": KIND_LABELS}


@bp.app_context_processor
def _home_link() -> dict:
    """``may_see_reports(tenant)`` for the tenant home page's link to the queue."""

    def may_see_reports(tenant: Tenant) -> bool:
        return current_user.is_authenticated and bool(access.reach_of(current_user, tenant))

    return {"may_see_reports": may_see_reports}
