"""``/t/<slug>/warnings``: the supervisor's warning inbox (预警处置) and one warning's page with
its history and the actions the viewer may take. Reach and rules are ``warnings``'s; these
views parse the form, call one operation and render.

A refused action (a missing reason, someone else acting first) shows the warning page again
with the message and whatever the person typed, so nothing is lost.
"""

from __future__ import annotations

import math

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import func, select

from core import db, plugins
from core.auth.access import resolve_tenant
from core.catalog.present import domain_names
from core.errors import DomainError, Forbidden, NotFound
from core.rules.models import SEVERITY_LABELS, STATUS_LABELS
from core.rules.registry import rule_names
from core.workflow.views.blueprint import local_time
from tenants.models import Tenant, Village

from . import warnings as ops
from .warning_models import KIND_LABELS

bp = Blueprint("warnings", __name__, template_folder="templates")

MAX_ID = 2**31 - 1
WARNING = f"/t/<slug>/warnings/<int(max={MAX_ID}):warning_id>"
PER_PAGE = 20
AGES = (3, 7, 15, 30)
STATUS_CHOICES = {
    ops.ACTIVE: _l("待处理和处理中"),
    ops.AWAITING_REVIEW: _l("待复核的排除"),
    **STATUS_LABELS,
    "all": _l("全部"),
}
#: what each action's form sends, and the operation it calls
ACTIONS = {
    "acknowledge": lambda sess, w, user, form: ops.acknowledge(sess, w, user),
    "assign": lambda sess, w, user, form: ops.assign(sess, w, user, form.get("to_user", "")),
    "comment": lambda sess, w, user, form: ops.comment(sess, w, user, form.get("text", "")),
    "resolve": lambda sess, w, user, form: ops.resolve(sess, w, user, form.get("reason", "")),
    "dismiss": lambda sess, w, user, form: ops.dismiss(sess, w, user, form.get("reason", "")),
    "review": lambda sess, w, user, form: ops.review(
        sess, w, user, form.get("decision", ""), form.get("comment", "")
    ),
}
DONE = {
    "acknowledge": _l("已签收。"),
    "assign": _l("已指派。"),
    "comment": _l("已添加备注。"),
    "resolve": _l("已记录处理结果。"),
    "dismiss": _l("已排除，待上一级复核。"),
    "review": _l("已记录复核结论。"),
}


@bp.get("/t/<slug>/warnings")
@login_required
def inbox(slug: str):
    tenant = resolve_tenant(current_user, slug)
    reach = _reach(tenant)
    chosen = {key: request.args.get(key, "") for key in ("severity", "rule", "village", "domain")}
    chosen["status"] = request.args.get("status", ops.ACTIVE)
    chosen["age"] = request.args.get("age", "")
    filters = {
        "status": chosen["status"] if chosen["status"] in STATUS_CHOICES else ops.ACTIVE,
        "severity": chosen["severity"] if chosen["severity"] in SEVERITY_LABELS else None,
        "age": int(chosen["age"]) if chosen["age"] in map(str, AGES) else None,
        **{key: chosen[key][:100] or None for key in ("rule", "village", "domain")},
    }
    if filters["status"] == "all":
        filters["status"] = None
    sess = db.session()
    query = ops.inbox_query(reach, **filters)
    total = sess.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    rows = sess.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).unique().all()
    return render_template(
        "supervision/warnings.html",
        tenant=tenant,
        rows=rows,
        chosen=chosen,
        kept={key: value for key, value in chosen.items() if value},
        page=page,
        pages=pages,
        total=total,
        statuses=STATUS_CHOICES,
        severities=SEVERITY_LABELS,
        ages=AGES,
        rules=rule_names(),
        domains=domain_names(plugins.host()),
        villages=_villages(sess, reach),
    )


@bp.get(WARNING)
@login_required
def warning(slug: str, warning_id: int):
    tenant = resolve_tenant(current_user, slug)
    found = ops.warning_in_reach(db.session(), ops.reach_of(current_user, tenant), warning_id)
    return _page(tenant, found)


def _act(name: str):
    def act(slug: str, warning_id: int):
        tenant = resolve_tenant(current_user, slug)
        sess = db.session()
        reach = ops.reach_of(current_user, tenant)
        found = ops.warning_in_reach(sess, reach, warning_id)
        try:
            ACTIONS[name](sess, found, current_user, request.form)
        except NotFound:
            raise
        except DomainError as exc:
            sess.rollback()
            found = ops.warning_in_reach(sess, reach, warning_id)
            return _page(tenant, found, refused=name, error=exc), exc.status
        sess.commit()
        flash(str(DONE[name]), "success")
        return redirect(url_for(".warning", slug=tenant.slug, warning_id=found.id))

    act.__name__ = f"{name}_warning"
    act.__doc__ = f"POST {name}: one supervisor action on the warning."
    return login_required(act)


for _name in ACTIONS:
    bp.add_url_rule(f"{WARNING}/{_name}", view_func=_act(_name), methods=["POST"])


def _page(tenant: Tenant, found, refused: str | None = None, error: DomainError | None = None):
    sess = db.session()
    return render_template(
        "supervision/warning.html",
        tenant=tenant,
        warning=found,
        rule_name=rule_names().get(found.rule, found.rule),
        events=ops.history(sess, found),
        allowed=ops.allowed_actions(current_user, found),
        severities=SEVERITY_LABELS,
        levels=ops.LEVEL_LABELS,
        refused=refused,
        error=error,
        typed=request.form if refused else {},
    )


def _reach(tenant: Tenant) -> ops.Reach:
    """The viewer's reach for the inbox; one warning outside it is simply not found."""
    reach = ops.reach_of(current_user, tenant)
    if not reach:
        raise Forbidden(_("只有村务监督委员会、纪检监察人员和管理员可以查看预警。"))
    return reach


def _villages(sess, reach: ops.Reach) -> list[Village]:
    """The villages whose warnings the reach covers, for the village filter."""
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
    """``may_see_warnings(tenant)`` for the tenant home page's link to the inbox."""

    def may_see_warnings(tenant: Tenant) -> bool:
        return current_user.is_authenticated and bool(ops.reach_of(current_user, tenant))

    return {"may_see_warnings": may_see_warnings}
