"""The supervision dashboards (监督看板) of a township or a county: the figures, and the lists
behind them.

Every figure is counted from the query that lists its rows: ``open_warnings`` feeds both the
count of red warnings and the inbox filtered to red, ``step_runs`` both an item's average
duration and the list of the runs averaged, and so on. So a number on the dashboard equals
the length of the list its link opens by construction, not by two queries kept in step.

Who sees a dashboard: the inspectors and admins of the township, and of its county (the
county's dashboard covers all its townships). A village supervision committee sees only its
own village's warnings and has no dashboard. Reports (码上举报) stay with the inspectors: an
admin's dashboard leaves them out (see ``core.supervision.report_access``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, contains_eager, joinedload

from core.auth.access import subtree_ids
from core.auth.models import User
from core.catalog.models import Item
from core.errors import Forbidden
from core.rules.models import Warning
from core.workflow.models import Case, StepRun
from tenants.models import Tenant

from . import handling, report_access, warnings
from .models import Complaint
from .rating_models import GRADES, VillageRating
from .ratings import Month
from .reach import Reach

#: how far back the trend, the step durations and the reports reach
MONTHS = 12
TOP_RULES = 10
#: a report's answer as the dashboard counts it
ON_TIME, LATE, OVERDUE, PENDING = "on_time", "late", "overdue", "pending"
OUTCOMES = (ON_TIME, LATE, OVERDUE, PENDING)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Scope:
    """What one viewer's dashboard of one tenant covers."""

    tenant: Tenant
    #: the tenant and, for a county, its townships
    tenant_ids: frozenset[int]
    #: the warnings the viewer reaches: the whole of ``tenant_ids``
    reach: Reach
    #: the reports, for inspectors; None for admins, whose dashboards leave reports out
    reports: Reach | None = field(default=None)


def scope_of(user: User, tenant: Tenant) -> Scope:
    """The viewer's dashboard of ``tenant``; refused unless they oversee all of it."""
    covered = frozenset(subtree_ids(tenant))
    reach = warnings.reach_of(user, tenant)
    if not covered <= reach.tenant_ids:
        raise Forbidden("只有本乡镇（街道）或上级县（区）的纪检监察人员和管理员可以查看监督看板。")
    reports = report_access.reach_of(user, tenant)
    return Scope(tenant, covered, reach, reports if covered <= reports.tenant_ids else None)


def count(sess: Session, query: Select) -> int:
    """The number of rows ``query`` lists."""
    return sess.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def months_back(tenant: Tenant, now: datetime, months: int = MONTHS) -> list[Month]:
    """The last ``months`` calendar months in the tenant's time zone, oldest first."""
    found = [Month.of(tenant, now)]
    while len(found) < months:
        found.append(Month.of(tenant, found[-1].starts - DAY))
    return found[::-1]


def month_named(tenant: Tenant, key: str, now: datetime) -> Month | None:
    """One of the dashboard's months by its key (``2026-05``), or None."""
    return next((m for m in months_back(tenant, now) if m.key == key), None)


# --- warnings ------------------------------------------------------------------------------


def open_warnings(scope: Scope, **filters) -> Select:
    """The warnings still waiting for a person (open or in hand): the inbox's own query."""
    return warnings.inbox_query(scope.reach, status=warnings.ACTIVE, **filters)


def top_rules(sess: Session, scope: Scope, limit: int = TOP_RULES) -> list[tuple[str, int]]:
    """The rules with the most open warnings, as ``(rule, count)``."""
    listed = open_warnings(scope).order_by(None).subquery()
    found = sess.execute(
        select(listed.c.rule, func.count())
        .group_by(listed.c.rule)
        .order_by(func.count().desc(), listed.c.rule)
        .limit(limit)
    )
    return [(rule, n) for rule, n in found]


def warnings_opened(scope: Scope, month: Month) -> Select:
    """The warnings that opened in ``month``, whatever became of them."""
    return (
        select(Warning)
        .where(
            scope.reach.condition(Warning),
            Warning.opened_at >= month.starts,
            Warning.opened_at < month.ends,
        )
        .options(joinedload(Warning.village))
        .order_by(Warning.opened_at.desc(), Warning.id.desc())
    )


# --- ratings -------------------------------------------------------------------------------


def village_ratings(scope: Scope, period: str, grade: str | None = None) -> Select:
    """The villages' ratings of ``period``, worst first (fewest points)."""
    query = select(VillageRating).where(
        VillageRating.tenant_id.in_(sorted(scope.tenant_ids)), VillageRating.period == period
    )
    if grade:
        query = query.where(VillageRating.grade == grade)
    return query.options(joinedload(VillageRating.village)).order_by(
        VillageRating.points, VillageRating.village_id
    )


def grade_counts(sess: Session, scope: Scope, period: str) -> dict[str, int]:
    return {g: count(sess, village_ratings(scope, period, g)) for g in GRADES}


# --- step durations ------------------------------------------------------------------------


def step_runs(
    scope: Scope, since: datetime, *, item: str | None = None, late: bool = False
) -> Select:
    """The steps with a time limit completed since ``since`` (of ``item``, a list item's
    key), the late ones only with ``late``; each with its case and the case's item."""
    query = (
        select(StepRun)
        .join(Case, Case.id == StepRun.case_id)
        .join(Item, Item.id == Case.item_id)
        .where(
            StepRun.tenant_id.in_(sorted(scope.tenant_ids)),
            StepRun.status == "completed",
            StepRun.due_at.is_not(None),
            StepRun.completed_at >= since,
        )
        .options(contains_eager(StepRun.case).contains_eager(Case.item))
        .order_by(StepRun.completed_at.desc(), StepRun.id.desc())
    )
    if item:
        query = query.where(Item.key == item)
    if late:
        query = query.where(StepRun.completed_at > StepRun.due_at)
    return query


def days_taken(run: StepRun) -> float:
    return (run.completed_at - run.started_at) / DAY


def days_allowed(run: StepRun) -> float:
    """The time limit as calendar days: working days stretch over weekends and holidays."""
    return (run.due_at - run.started_at) / DAY


@dataclass
class ItemDurations:
    """How long an item's steps took against their limits."""

    key: str
    name: str
    runs: int = 0
    late: int = 0
    taken: float = 0.0
    allowed: float = 0.0

    @property
    def average_taken(self) -> float:
        return round(self.taken / self.runs, 1)

    @property
    def average_allowed(self) -> float:
        return round(self.allowed / self.runs, 1)


def durations_by_item(sess: Session, scope: Scope, since: datetime) -> list[ItemDurations]:
    """Per item, from exactly the runs :func:`step_runs` lists; most often late first."""
    found: dict[str, ItemDurations] = {}
    for run in sess.scalars(step_runs(scope, since)):
        item = run.case.item
        entry = found.setdefault(item.key, ItemDurations(item.key, _item_name(item)))
        entry.runs += 1
        entry.late += run.completed_at > run.due_at
        entry.taken += days_taken(run)
        entry.allowed += days_allowed(run)
    return sorted(found.values(), key=lambda d: (-d.late / d.runs, d.key))


def _item_name(item: Item) -> str:
    version = item.published or (item.versions[-1] if item.versions else None)
    return version.name if version is not None else item.key


# --- reports -------------------------------------------------------------------------------


def reports_due(scope: Scope, since: datetime, now: datetime, outcome: str | None = None) -> Select:
    """The villagers' reports received since ``since``, by how their answer went:
    ``on_time``, ``late``, ``overdue`` (unanswered past the deadline) or ``pending``."""
    if scope.reports is None:
        raise Forbidden("村民举报的办理情况只对纪检监察人员开放。")
    query = select(Complaint).where(
        Complaint.kind == handling.REPORT,
        scope.reports.condition(Complaint),
        Complaint.created_at >= since,
    )
    answered = Complaint.answered_at.is_not(None)
    conditions = {
        ON_TIME: (answered, Complaint.answered_at <= Complaint.due_at),
        LATE: (answered, Complaint.answered_at > Complaint.due_at),
        OVERDUE: (Complaint.answered_at.is_(None), Complaint.due_at < now),
        PENDING: (Complaint.answered_at.is_(None), Complaint.due_at >= now),
    }
    if outcome:
        query = query.where(*conditions[outcome])
    return query.options(joinedload(Complaint.village)).order_by(
        Complaint.due_at.desc(), Complaint.id.desc()
    )


def report_outcomes(sess: Session, scope: Scope, since: datetime, now: datetime) -> dict[str, int]:
    return {o: count(sess, reports_due(scope, since, now, o)) for o in OUTCOMES}


def on_time_share(outcomes: dict[str, int]) -> int | None:
    """The percentage of the answers owed so far that came on time; None when none is owed."""
    owed = outcomes[ON_TIME] + outcomes[LATE] + outcomes[OVERDUE]
    return round(100 * outcomes[ON_TIME] / owed) if owed else None
