"""``/t/<slug>/dashboard``: the supervision dashboard (监督看板) of a township or a county, the
lists behind its figures, and each of its tables as an Excel file.

The figures come from ``dashboards`` through the tables of ``dashboard_tables``; every one
links to its list: the warnings inbox with filters, or one of the lists here. Each figure that
counts rows carries ``data-count`` on its link, so a test (and a sceptical inspector) can
check that the list holds that many rows.
"""

from __future__ import annotations

import io
import re

from flask import Blueprint, abort, render_template, request, send_file
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from core import db
from core.auth.access import resolve_tenant
from core.db import utcnow
from core.documents.xlsx import export_xlsx
from core.errors import Forbidden
from core.rules.models import SEVERITY_LABELS
from core.rules.registry import rule_names
from core.workflow.views.blueprint import local_time
from tenants.models import Tenant

from . import dashboards as ops
from .dashboard_tables import (
    OUTCOME_LABELS,
    TABLES,
    Context,
    Figure,
    domain_table,
    durations_table,
    grades_table,
    ranking_table,
    reports_table,
    rules_table,
    severity_table,
    tenant_names,
    trend_table,
)
from .rating_models import GRADES

bp = Blueprint("dashboards", __name__, template_folder="templates")

DASHBOARD = "/t/<slug>/dashboard"
PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _context(slug: str) -> Context:
    tenant = resolve_tenant(current_user, slug)
    return Context(db.session(), ops.scope_of(current_user, tenant), utcnow())


# --- pages ---------------------------------------------------------------------------------


@bp.get(DASHBOARD)
@login_required
def dashboard(slug: str):
    ctx = _context(slug)
    tables = [
        severity_table(ctx),
        domain_table(ctx),
        trend_table(ctx),
        rules_table(ctx),
        grades_table(ctx),
        ranking_table(ctx),
        durations_table(ctx),
    ]
    if ctx.scope.reports is not None:
        tables.append(reports_table(ctx))
    townships = []
    if ctx.scope.tenant.kind == "county":
        townships = ctx.sess.scalars(
            select(Tenant).where(Tenant.parent_id == ctx.scope.tenant.id).order_by(Tenant.name)
        ).all()
    return render_template(
        "supervision/dashboard.html",
        tenant=ctx.scope.tenant,
        tables=tables,
        townships=townships,
        figure=Figure,
    )


@bp.get(f"{DASHBOARD}/warnings")
@login_required
def warnings(slug: str):
    """The warnings that opened in one month of the trend (this month unless asked)."""
    ctx = _context(slug)
    asked = request.args.get("month") or ops.Month.of(ctx.scope.tenant, ctx.now).key
    month = ops.month_named(ctx.scope.tenant, asked, ctx.now)
    if month is None:
        abort(404)
    rows = ctx.sess.scalars(ops.warnings_opened(ctx.scope, month)).unique().all()
    return _list_page(
        ctx,
        "supervision/dashboard_warnings.html",
        _("%(month)s 新增的预警", month=month.key),
        rows,
        rules=rule_names(),
        severities=SEVERITY_LABELS,
    )


@bp.get(f"{DASHBOARD}/steps")
@login_required
def steps(slug: str):
    """The completed steps with a time limit behind an item's durations."""
    ctx = _context(slug)
    item = request.args.get("item", "")[:100] or None
    late = request.args.get("late") == "1"
    rows = (
        ctx.sess.scalars(ops.step_runs(ctx.scope, ctx.since, item=item, late=late)).unique().all()
    )
    title = _("超时完成的环节") if late else _("已完成的有时限环节")
    return _list_page(
        ctx,
        "supervision/dashboard_steps.html",
        title,
        rows,
        taken=ops.days_taken,
        allowed=ops.days_allowed,
        slugs=_slugs(ctx),
    )


@bp.get(f"{DASHBOARD}/reports")
@login_required
def reports(slug: str):
    """The villagers' reports behind the answers-on-time figures."""
    ctx = _context(slug)
    outcome = request.args.get("outcome") or None
    if outcome is not None and outcome not in ops.OUTCOMES:
        abort(404)
    rows = ctx.sess.scalars(ops.reports_due(ctx.scope, ctx.since, ctx.now, outcome)).unique().all()
    title = str(OUTCOME_LABELS[outcome]) if outcome else _("近 12 个月受理的举报")
    return _list_page(ctx, "supervision/dashboard_reports.html", title, rows, slugs=_slugs(ctx))


@bp.get(f"{DASHBOARD}/villages")
@login_required
def villages(slug: str):
    """The villages of one grade (or all rated villages) in a month, worst first."""
    ctx = _context(slug)
    raw = request.args.get("period", "")
    period = raw if PERIOD.fullmatch(raw) else ctx.period
    grade = request.args.get("grade") or None
    if grade is not None and grade not in GRADES:
        abort(404)
    rows = ctx.sess.scalars(ops.village_ratings(ctx.scope, period, grade)).unique().all()
    title = _("%(period)s 评级", period=period) + (f" · {grade}" if grade else "")
    return _list_page(
        ctx, "supervision/dashboard_villages.html", title, rows, townships=tenant_names(ctx)
    )


@bp.get(f"{DASHBOARD}/export.xlsx")
@login_required
def export(slug: str):
    """One table of the dashboard (``?table=``, the first unless asked) as an Excel workbook."""
    ctx = _context(slug)
    build = TABLES.get(request.args.get("table", "severity"))
    if build is None:
        abort(404)
    table = build(ctx)
    columns = [{"key": key, "label": label} for key, label in table.columns]
    rows = [
        {key: cell.value if isinstance(cell, Figure) else cell for key, cell in row.items()}
        for row in table.rows
    ]
    return send_file(
        io.BytesIO(export_xlsx(columns, rows, table.key)),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=f"{ctx.scope.tenant.name}-{table.title}.xlsx",
    )


def _list_page(ctx: Context, template: str, title: str, rows, **extra):
    return render_template(
        template, tenant=ctx.scope.tenant, title=title, rows=rows, local_time=local_time, **extra
    )


def _slugs(ctx: Context) -> dict[int, str]:
    return dict(
        ctx.sess.execute(
            select(Tenant.id, Tenant.slug).where(Tenant.id.in_(sorted(ctx.scope.tenant_ids)))
        ).all()
    )


@bp.app_context_processor
def _home_link() -> dict:
    """``may_see_dashboard(tenant)`` for the tenant home page's link to the dashboard."""

    def may_see_dashboard(tenant: Tenant) -> bool:
        if not current_user.is_authenticated:
            return False
        try:
            ops.scope_of(current_user, tenant)
        except Forbidden:
            return False
        return True

    return {"may_see_dashboard": may_see_dashboard}
