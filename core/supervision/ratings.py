"""Village ratings (政治生态评级): A–D per village and month, from configurable points.

A village starts each month at 100 and loses points for what weighed on it that month: the
warnings open at any time in it (by severity), the supervision orders not yet accepted (by
colour), the villagers' reports answered late, the case steps finished late or still overdue.
The points per thing and the grade bounds are local figures
(``core.supervision.rating_settings``) a county or township sets on its settings page.

The sweep recomputes every village of a tenant (:func:`rate_tenant`); a row is written only
when its figures change, and a C or D tells the township's admins and inspectors once per
village and month — so running the sweep again, or twice at once, changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from core import settings
from core.audit import SYSTEM, record
from core.auth.models import Membership
from core.db import utcnow
from core.notifications.operations import notify
from core.rules.models import CLOSED, DISMISSED, RESOLVED, Warning
from core.workflow.models import Case, StepRun
from tenants.models import Tenant, Village

from .handling import late_answer_terms
from .models import Complaint
from .order_models import SupervisionOrder
from .rating_models import ALARMING, GRADES, VillageRating
from .rating_settings import PREFIX, SETTINGS

FULL = 100


#: when a warning stopped weighing: its cause gone, or a supervisor's resolution
_warning_ended = case(
    (Warning.status == CLOSED, Warning.closed_at),
    (Warning.status == RESOLVED, Warning.decided_at),
    else_=None,
)


@dataclass(frozen=True)
class Month:
    """A rating period: ``2026-12``, with its bounds in UTC for the tenant's time zone."""

    key: str
    starts: datetime
    ends: datetime

    @classmethod
    def of(cls, tenant: Tenant, moment: datetime) -> Month:
        zone = ZoneInfo(tenant.timezone)
        local = moment.astimezone(zone)
        starts = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        ends = starts.replace(year=starts.year + starts.month // 12, month=starts.month % 12 + 1)
        return cls(f"{starts:%Y-%m}", starts, ends)


def points_in_force(tenant: Tenant) -> dict[str, int]:
    """The rating points in force for ``tenant``, keyed without their ``ratings.`` prefix."""
    found = settings.values(tenant)
    return {key.removeprefix(PREFIX): int(found[key]) for key in (s["key"] for s in SETTINGS)}


def grade_for(points: int, table: dict[str, int]) -> str:
    return next((g for g in GRADES[:3] if points >= table[f"grade.{g}"]), GRADES[-1])


def assess(sess: Session, tenant: Tenant, month: Month, now: datetime) -> dict[int, dict]:
    """What weighs on each village of ``tenant`` in ``month``, as ``{village_id: details}``
    where details map ``"warning.red"`` etc. to ``{"count", "points"}``."""
    table = points_in_force(tenant)
    counts: dict[int, dict[str, int]] = {}

    def add(rows, prefix: str | None = None) -> None:
        for village_id, kind, count in rows:
            key = f"{prefix}.{kind}" if prefix else kind
            counts.setdefault(village_id, {})[key] = count

    #: answers and steps count as late only once their due time has passed
    due_by = min(month.ends, now)
    add(
        sess.execute(
            select(Warning.village_id, Warning.severity, func.count(Warning.id))
            .where(
                Warning.tenant_id == tenant.id,
                Warning.village_id.is_not(None),
                Warning.status != DISMISSED,  # the supervisors ruled it out
                Warning.opened_at < month.ends,
                or_(_warning_ended.is_(None), _warning_ended >= month.starts),
            )
            .group_by(Warning.village_id, Warning.severity)
        ),
        "warning",
    )
    add(
        sess.execute(
            select(SupervisionOrder.village_id, SupervisionOrder.colour, func.count())
            .where(
                SupervisionOrder.tenant_id == tenant.id,
                SupervisionOrder.issued_at < month.ends,
                or_(
                    SupervisionOrder.accepted_at.is_(None),
                    SupervisionOrder.accepted_at >= month.starts,
                ),
            )
            .group_by(SupervisionOrder.village_id, SupervisionOrder.colour)
        ),
        "order",
    )
    add(
        sess.execute(
            select(Complaint.village_id, literal("late_answer"), func.count(Complaint.id))
            .where(*late_answer_terms(tenant.id, month, now))
            .group_by(Complaint.village_id)
        )
    )
    add(
        sess.execute(
            select(Case.village_id, literal("overdue_step"), func.count(StepRun.id))
            .join(Case, Case.id == StepRun.case_id)
            .where(
                StepRun.tenant_id == tenant.id,
                StepRun.due_at >= month.starts,
                StepRun.due_at < due_by,
                or_(
                    and_(StepRun.completed_at.is_(None), StepRun.due_at < now),
                    StepRun.completed_at > StepRun.due_at,
                ),
            )
            .group_by(Case.village_id)
        )
    )
    return {
        village_id: {
            key: {"count": count, "points": count * table[key]} for key, count in found.items()
        }
        for village_id, found in counts.items()
    }


def rate_tenant(sess: Session, tenant: Tenant, now: datetime) -> int:
    """Bring every village's rating for the current month up to date; how many changed."""
    if tenant.kind != "township":
        return 0
    month = Month.of(tenant, now)
    table = points_in_force(tenant)
    found = assess(sess, tenant, month, now)
    existing = {
        r.village_id: r
        for r in sess.scalars(
            select(VillageRating).where(
                VillageRating.tenant_id == tenant.id, VillageRating.period == month.key
            )
        )
    }
    changed = 0
    for village in sess.scalars(select(Village).where(Village.tenant_id == tenant.id)):
        details = found.get(village.id, {})
        points = max(0, FULL - sum(d["points"] for d in details.values()))
        row = existing.get(village.id) or _new_row(sess, tenant, village, month, points, table)
        if (row.points, row.grade, row.details) != (points, grade_for(points, table), details):
            row.points, row.grade, row.details = points, grade_for(points, table), details
            row.computed_at = now
            _audit(sess, row, "rating.changed")
            changed += 1
        if row.grade in ALARMING and row.notified_at is None:
            row.notified_at = now
            _alarm(sess, tenant, row)
        sess.flush()
    return changed


def ratings_of(
    sess: Session, tenant_ids, period: str, reached: set[int] | None
) -> list[VillageRating]:
    """The ratings of ``period``, worst grade first, then fewest points."""
    query = (
        select(VillageRating)
        .where(VillageRating.tenant_id.in_(list(tenant_ids)), VillageRating.period == period)
        .options(selectinload(VillageRating.village))
        .order_by(VillageRating.grade.desc(), VillageRating.points, VillageRating.id)
    )
    if reached is not None:
        query = query.where(VillageRating.village_id.in_(reached))
    return list(sess.scalars(query))


def _new_row(sess, tenant, village, month, points, table) -> VillageRating:
    """A village's first rating of the month; if another sweep wrote it meanwhile, theirs."""
    row = VillageRating(
        tenant_id=tenant.id,
        village_id=village.id,
        period=month.key,
        points=-1,  # unequal to anything computed, so the caller records the first figures
        grade=grade_for(points, table),
        details={},
        computed_at=utcnow(),
    )
    try:
        with sess.begin_nested():
            sess.add(row)
    except IntegrityError:
        return sess.scalar(
            select(VillageRating).where(
                VillageRating.tenant_id == tenant.id,
                VillageRating.village_id == village.id,
                VillageRating.period == month.key,
            )
        )
    return row


def _audit(sess: Session, row: VillageRating, action: str) -> None:
    record(
        sess,
        tenant_id=row.tenant_id,
        action=action,
        subject_type="village_rating",
        subject_id=row.id,
        payload={
            "village_id": row.village_id,
            "period": row.period,
            "points": row.points,
            "grade": row.grade,
        },
        actor=SYSTEM,
    )


def _alarm(sess: Session, tenant: Tenant, row: VillageRating) -> None:
    """Tell the township's admins and inspectors of a C or D (once per village and month)."""
    text = (
        f"{row.village.name} {row.period} 政治生态评级为 {row.grade} 级（{row.points} 分），"
        "请关注。"
    )
    link = f"/t/{tenant.slug}/ratings?period={row.period}"
    told = sess.scalars(
        select(Membership.user_id).where(
            Membership.tenant_id == tenant.id,
            Membership.role_key.in_(("township_admin", "township_inspector")),
        )
    )
    notify(sess, tenant, set(told), text, link)
    _audit(sess, row, "rating.notice")
