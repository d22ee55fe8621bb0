"""The tables of the supervision dashboard (监督看板): each figure with the list behind it.

A table is built once and shown three ways — as rows on the page, as a chart beside them,
and as an Excel sheet — so the page, the chart and the export never disagree. The figures
themselves come from ``dashboards``, where each is counted from the query that lists it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core import plugins
from core.catalog.present import domain_names
from core.rules.models import SEVERITIES, SEVERITY_LABELS
from core.rules.registry import rule_names
from tenants.models import Tenant

from . import charts
from . import dashboards as ops
from .rating_models import GRADE_LABELS

OUTCOME_LABELS = {
    ops.ON_TIME: _l("按时答复"),
    ops.LATE: _l("逾期答复"),
    ops.OVERDUE: _l("逾期未答复"),
    ops.PENDING: _l("未到期待答复"),
}
RANKED_ON_PAGE = 10


@dataclass(frozen=True)
class Figure:
    """A cell of a table: a value, and the list behind it. ``counted`` figures are row counts
    of that list; the others (averages, points) are computed from it."""

    value: float | str | None
    href: str | None = None
    counted: bool = True


@dataclass
class Table:
    key: str
    title: str
    #: ``(key, label)`` in order
    columns: list[tuple[str, str]]
    rows: list[dict] = field(default_factory=list)
    chart: object = None


@dataclass(frozen=True)
class Context:
    """What every table needs: the session, the viewer's scope, now, the 12 months' start."""

    sess: object
    scope: ops.Scope
    now: datetime

    @property
    def since(self) -> datetime:
        return ops.months_back(self.scope.tenant, self.now)[0].starts

    @property
    def period(self) -> str:
        return ops.Month.of(self.scope.tenant, self.now).key

    def link(self, endpoint: str, **args) -> str:
        return url_for(endpoint, slug=self.scope.tenant.slug, **args)


# --- the tables ----------------------------------------------------------------------------


def severity_table(ctx: Context) -> Table:
    table = Table(
        "severity", _("未处理预警（按等级）"), [("label", _("等级")), ("count", _("预警数"))]
    )
    for severity in SEVERITIES:
        n = ops.count(ctx.sess, ops.open_warnings(ctx.scope, severity=severity))
        href = ctx.link("warnings.inbox", status="active", severity=severity)
        table.rows.append({"label": SEVERITY_LABELS[severity], "count": Figure(n, href)})
    total = ops.count(ctx.sess, ops.open_warnings(ctx.scope))
    table.rows.append(
        {"label": _("合计"), "count": Figure(total, ctx.link("warnings.inbox", status="active"))}
    )
    bars = [
        charts.Bar(r["label"], r["count"].value, r["count"].href, s)
        for r, s in zip(table.rows, SEVERITIES, strict=False)
    ]
    table.chart = charts.bar_chart(table.title, bars)
    return table


def domain_table(ctx: Context) -> Table:
    table = Table(
        "domains", _("未处理预警（按领域）"), [("label", _("领域")), ("count", _("预警数"))]
    )
    for key, name in domain_names(plugins.host()).items():
        n = ops.count(ctx.sess, ops.open_warnings(ctx.scope, domain=key))
        href = ctx.link("warnings.inbox", status="active", domain=key)
        table.rows.append({"label": name, "count": Figure(n, href)})
    table.chart = _bars(table, "count")
    return table


def trend_table(ctx: Context) -> Table:
    table = Table(
        "trend", _("预警趋势（近 12 个月新增）"), [("label", _("月份")), ("count", _("新增预警"))]
    )
    for month in ops.months_back(ctx.scope.tenant, ctx.now):
        n = ops.count(ctx.sess, ops.warnings_opened(ctx.scope, month))
        href = ctx.link("dashboards.warnings", month=month.key)
        table.rows.append({"label": month.key, "count": Figure(n, href)})
    table.chart = charts.line_chart(
        table.title,
        [charts.Bar(r["label"][2:], r["count"].value, r["count"].href) for r in table.rows],
    )
    return table


def rules_table(ctx: Context) -> Table:
    table = Table("rules", _("预警最多的规则"), [("label", _("规则")), ("count", _("未处理预警"))])
    names = rule_names()
    for rule, n in ops.top_rules(ctx.sess, ctx.scope):
        href = ctx.link("warnings.inbox", status="active", rule=rule)
        table.rows.append({"label": names.get(rule, rule), "count": Figure(n, href)})
    table.chart = charts.ranked_list(table.title, _bar_list(table, "count"))
    return table


def grades_table(ctx: Context) -> Table:
    table = Table(
        "grades",
        _("村级评级（%(period)s）", period=ctx.period),
        [("label", _("等级")), ("count", _("村数"))],
    )
    for grade, n in ops.grade_counts(ctx.sess, ctx.scope, ctx.period).items():
        href = ctx.link("dashboards.villages", grade=grade, period=ctx.period)
        table.rows.append({"label": f"{grade}（{GRADE_LABELS[grade]}）", "count": Figure(n, href)})
    return table


def ranking_table(ctx: Context, limit: int | None = RANKED_ON_PAGE) -> Table:
    """The villages ranked by points, worst first."""
    table = Table(
        "ranking",
        _("村级评级排名（由低到高）"),
        [
            ("rank", _("名次")),
            ("village", _("村")),
            ("township", _("乡镇")),
            ("grade", _("等级")),
            ("points", _("得分")),
        ],
    )
    townships = tenant_names(ctx)
    query = ops.village_ratings(ctx.scope, ctx.period)
    rows = ctx.sess.scalars(query.limit(limit) if limit else query).all()
    href = ctx.link("dashboards.villages", period=ctx.period)
    for rank, rating in enumerate(rows, 1):
        table.rows.append(
            {
                "rank": rank,
                "village": rating.village.name,
                "township": townships.get(rating.tenant_id, ""),
                "grade": rating.grade,
                "points": Figure(rating.points, href, counted=False),
            }
        )
    table.chart = charts.ranked_list(
        table.title,
        [
            charts.Bar(
                r["village"],
                r["points"].value,
                r["points"].href,
                text=f"{r['grade']} · {r['points'].value}",
            )
            for r in table.rows
        ],
    )
    return table


def durations_table(ctx: Context) -> Table:
    table = Table(
        "durations",
        _("环节平均用时与时限（近 12 个月，按事项）"),
        [
            ("label", _("事项")),
            ("runs", _("已办环节")),
            ("taken", _("平均用时（天）")),
            ("allowed", _("平均时限（天）")),
            ("late", _("超时环节")),
        ],
    )
    for entry in ops.durations_by_item(ctx.sess, ctx.scope, ctx.since):
        listed = ctx.link("dashboards.steps", item=entry.key)
        table.rows.append(
            {
                "label": entry.name,
                "runs": Figure(entry.runs, listed),
                "taken": Figure(entry.average_taken, listed, counted=False),
                "allowed": Figure(entry.average_allowed, listed, counted=False),
                "late": Figure(entry.late, ctx.link("dashboards.steps", item=entry.key, late=1)),
            }
        )
    table.chart = charts.bar_chart(
        table.title,
        [
            charts.Bar(
                r["label"],
                r["taken"].value,
                r["taken"].href,
                "red" if r["taken"].value > r["allowed"].value else None,
                text=_(
                    "%(taken)s / %(allowed)s 天", taken=r["taken"].value, allowed=r["allowed"].value
                ),
            )
            for r in table.rows
        ],
        label_width=170,
    )
    return table


def reports_table(ctx: Context) -> Table:
    table = Table(
        "reports",
        _("村民举报答复情况（近 12 个月受理）"),
        [("label", _("答复情况")), ("count", _("件数"))],
    )
    outcomes = ops.report_outcomes(ctx.sess, ctx.scope, ctx.since, ctx.now)
    for outcome, n in outcomes.items():
        href = ctx.link("dashboards.reports", outcome=outcome)
        table.rows.append({"label": str(OUTCOME_LABELS[outcome]), "count": Figure(n, href)})
    share = ops.on_time_share(outcomes)
    table.rows.append(
        {
            "label": _("按时答复率"),
            "count": Figure(
                "—" if share is None else f"{share}%", ctx.link("dashboards.reports"), counted=False
            ),
        }
    )
    return table


TABLES: dict[str, Callable[[Context], Table]] = {
    "severity": severity_table,
    "domains": domain_table,
    "trend": trend_table,
    "rules": rules_table,
    "grades": grades_table,
    "ranking": lambda ctx: ranking_table(ctx, limit=None),
    "durations": durations_table,
    "reports": reports_table,
}


def _bar_list(table: Table, column: str) -> list[charts.Bar]:
    return [charts.Bar(r["label"], r[column].value, r[column].href) for r in table.rows]


def _bars(table: Table, column: str):
    return charts.bar_chart(table.title, _bar_list(table, column))


def tenant_names(ctx: Context) -> dict[int, str]:
    return dict(
        ctx.sess.execute(
            select(Tenant.id, Tenant.name).where(Tenant.id.in_(sorted(ctx.scope.tenant_ids)))
        ).all()
    )
