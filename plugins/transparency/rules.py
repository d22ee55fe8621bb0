"""Warning rules of 阳光村务, both run by the sweep over a whole township.

``missing_publicity`` (未按时公开): a village with no finance posting in the current month
(or quarter) once the local deadline day has passed is yellow, and red once its last finance
posting is more than the local maximum gap (3 months) old; a village with no village-affairs
posting in the current quarter after the deadline day of the quarter's first month is yellow.

``query_unanswered`` (质询超期未答复): a villager's query still unanswered past the local time
limit (10 days from receipt) is yellow, red at twice the limit.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import settings
from core.workflow.models import Case, StepRun
from tenants.models import Tenant, Village

from .models import Posting

AFFAIRS_DAY = "transparency.affairs_deadline_day"
FINANCE_DAY = "transparency.finance_deadline_day"
FINANCE_CYCLE = "transparency.finance_cycle_months"
MAX_GAP = "transparency.max_gap_months"
ANSWER_DAYS = "transparency.query_answer_days"
QUERY_ITEM = "transparency.query_answer"
FINANCE, AFFAIRS = "财务", "村务"


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept within the target month (1-31 + 1 month = 2-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def period_start(today: date, months: int) -> date:
    """The first day of the publicity period of ``months`` months that holds ``today``."""
    months = min(max(int(months), 1), 12)
    return date(today.year, (today.month - 1) // months * months + 1, 1)


def deadline(start: date, day: int) -> date:
    """Day ``day`` of ``start``'s month, within the month."""
    return start.replace(day=min(max(int(day), 1), calendar.monthrange(start.year, start.month)[1]))


def missing_publicity(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    figures = settings.values(tenant)
    today = now.astimezone(ZoneInfo(tenant.timezone)).date()
    last = _last_postings(sess, tenant)
    found = []
    for village in sess.scalars(
        select(Village).where(Village.tenant_id == tenant.id).order_by(Village.code)
    ):
        since = village.created_at.astimezone(ZoneInfo(tenant.timezone)).date()
        finance = _finance(village, today, since, last.get((village.id, FINANCE)), figures)
        affairs = _affairs(village, today, since, last.get((village.id, AFFAIRS)), figures)
        found += [f for f in (finance, affairs) if f]
    return found


def _last_postings(sess: Session, tenant: Tenant) -> dict[tuple[int, str], date]:
    rows = sess.execute(
        select(Posting.village_id, Posting.category, func.max(Posting.posted_on))
        .where(Posting.tenant_id == tenant.id, Posting.category.in_((FINANCE, AFFAIRS)))
        .group_by(Posting.village_id, Posting.category)
    )
    return {(village_id, category): day for village_id, category, day in rows}


def _finance(village, today: date, since: date, last: date | None, figures) -> dict | None:
    cycle = figures[FINANCE_CYCLE]
    start = period_start(today, cycle)
    due = deadline(start, figures[FINANCE_DAY])
    gap = figures[MAX_GAP]
    reference = last or since
    if today > add_months(reference, gap):
        when = f"最近一次财务公开是 {last:%Y-%m-%d}" if last else "至今没有财务公开记录"
        return _finding(
            village,
            FINANCE,
            "red",
            f"{village.name}{when}，已超过 {gap} 个月未公开财务收支。",
            {"last_posted_on": last.isoformat() if last else None, "max_gap_months": gap},
        )
    late = today > due and since < start and (last is None or last < start)
    if not late:
        return None
    period = "本月" if cycle <= 1 else "本期"
    return _finding(
        village,
        FINANCE,
        "yellow",
        f"{village.name}{period}财务收支未按时公开：应于 {due:%Y-%m-%d} 前张贴（{start:%Y-%m-%d} 起未见财务公开）。",
        {"period_start": start.isoformat(), "deadline": due.isoformat()},
    )


def _affairs(village, today: date, since: date, last: date | None, figures) -> dict | None:
    start = period_start(today, 3)
    due = deadline(start, figures[AFFAIRS_DAY])
    if not (today > due and since < start and (last is None or last < start)):
        return None
    return _finding(
        village,
        AFFAIRS,
        "yellow",
        f"{village.name}本季度村务未按时公开：应于 {due:%Y-%m-%d} 前张贴（{start:%Y-%m-%d} 起未见村务公开）。",
        {"period_start": start.isoformat(), "deadline": due.isoformat()},
    )


def _finding(village, category: str, severity: str, message: str, details: dict) -> dict:
    return {
        "subject": f"village:{village.id}:{category}",
        "severity": severity,
        "message": message,
        "village_id": village.id,
        "details": {"category": category, **details},
    }


def unanswered_queries(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    limit = int(settings.value(tenant, ANSWER_DAYS))
    today = now.astimezone(ZoneInfo(tenant.timezone)).date()
    rows = sess.execute(
        select(Case, StepRun)
        .join(StepRun, StepRun.case_id == Case.id)
        .where(
            Case.tenant_id == tenant.id,
            Case.status.in_(("open", "returned")),
            StepRun.step_key == "answer",
            StepRun.status == "active",
        )
        .order_by(Case.id)
    ).all()
    found = []
    for case, run in rows:
        if case.item.key != QUERY_ITEM:
            continue
        received = _received(case, run, tenant)
        waited = (today - received).days
        if waited <= limit:
            continue
        found.append(
            {
                "subject": f"case:{case.id}:answer",
                "severity": "red" if waited >= 2 * limit else "yellow",
                "message": (
                    f"办件 {case.code}“{case.title}”：村民质询于 {received:%Y-%m-%d} 收到，"
                    f"应在 {limit} 天内答复（{received + timedelta(days=limit):%Y-%m-%d} 前），"
                    f"已过 {waited} 天仍未答复。"
                ),
                "case_id": case.id,
                "village_id": case.village_id,
                "details": {
                    "received_on": received.isoformat(),
                    "limit_days": limit,
                    "waited_days": waited,
                },
            }
        )
    return found


def _received(case: Case, run: StepRun, tenant: Tenant) -> date:
    """The day the query came in: as registered, else the day the answer step opened."""
    text = (case.data or {}).get("received_on")
    if text:
        return date.fromisoformat(text)
    return run.started_at.astimezone(ZoneInfo(tenant.timezone)).date()


MISSING_PUBLICITY = {
    "key": "transparency.missing_publicity",
    "name": "未按时公开",
    "severity": "yellow",
    "description": "村在本月（季度）规定日期前没有公开财务收支，或本季度规定日期前没有公开村务：黄色；"
    "财务收支超过3个月（本地规定）未公开：红色。",
    "trigger": "sweep",
    "check": missing_publicity,
}

QUERY_UNANSWERED = {
    "key": "transparency.query_unanswered",
    "name": "质询超期未答复",
    "severity": "yellow",
    "description": "村民质询超过答复时限（本地规定，默认10天）仍未答复：黄色；超过两倍时限：红色。",
    "trigger": "sweep",
    "check": unanswered_queries,
}

RULES = [MISSING_PUBLICITY, QUERY_UNANSWERED]
