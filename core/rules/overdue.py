"""``overdue_step`` (环节超期): a step still being worked on past its time limit.

Yellow once the limit has passed; red once the time taken is twice the limit — that is,
``now - started >= 2 × (due - started)``. The warning closes at the next sweep after the
step is completed. Lateness is told in the unit the step's limit is set in: working days by
the tenant's calendar (official holidays and the county's entered days), or calendar days.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from core.workflow.calendar import Calendar
from core.workflow.holidays import calendar_for
from core.workflow.models import Case, ProcessSnapshot, StepRun
from tenants.models import Tenant


def overdue_steps(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Every active step of the tenant's running cases whose time limit has passed.

    It reads columns, not objects: a county has thousands of overdue steps, and a case's
    data and pinned process are large. Each process's steps are read once."""
    rows = sess.execute(
        select(
            StepRun.step_key,
            StepRun.started_at,
            StepRun.due_at,
            Case.id.label("case_id"),
            Case.code,
            Case.title,
            Case.village_id,
            Case.process_id,
        )
        .join(Case, StepRun.case_id == Case.id)
        .where(
            StepRun.tenant_id == tenant.id,
            StepRun.status == "active",
            StepRun.due_at < now,
            Case.status.in_(("open", "returned")),
        )
        .order_by(StepRun.id)
    ).all()
    processes = sess.execute(
        select(ProcessSnapshot.id, ProcessSnapshot.steps).where(
            ProcessSnapshot.id.in_({row.process_id for row in rows})
        )
    )
    steps = {process_id: {s["key"]: s for s in found} for process_id, found in processes}
    calendar = calendar_for(sess, tenant)
    return [_finding(calendar, row, steps[row.process_id][row.step_key], now) for row in rows]


def _finding(calendar: Calendar, row: Row, step: dict, now: datetime) -> dict:
    limit = step.get("time_limit") or {}
    working = limit.get("working", True)
    if working:
        late = calendar.working_days_between(row.due_at, now)
    else:
        late = (calendar.local_day(now) - calendar.local_day(row.due_at)).days
    unit = "个工作日" if working else "天"
    red = now - row.started_at >= 2 * (row.due_at - row.started_at)
    how_late = f"已超期 {late} {unit}" if late else "已超过期限"
    message = (
        f"办件 {row.code}“{row.title}”的“{step.get('name') or row.step_key}”环节超过办理时限："
        f"时限 {limit.get('days')} {unit}，应于 {calendar.local_day(row.due_at):%Y-%m-%d} 前办结，"
        f"{how_late}{'，用时已达时限的两倍以上' if red else ''}。"
    )
    return {
        "subject": f"case:{row.case_id}:step:{row.step_key}",
        "severity": "red" if red else "yellow",
        "message": message,
        "case_id": row.case_id,
        "village_id": row.village_id,
        "details": {
            "step": row.step_key,
            "started_at": row.started_at.isoformat(),
            "due_at": row.due_at.isoformat(),
            "limit_days": limit.get("days"),
            "working_days": working,
            "late_days": late,
        },
    }


OVERDUE_STEP = {
    "key": "overdue_step",
    "name": "环节超期",
    "severity": "yellow",
    "description": "正在办理的环节超过办理时限：超期为黄色预警，用时达到时限两倍以上为红色预警；"
    "环节办结后自动解除。",
    "trigger": "sweep",
    "check": overdue_steps,
}
