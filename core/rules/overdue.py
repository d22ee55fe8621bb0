"""``overdue_step`` (环节超期): a step still being worked on past its time limit.

Yellow once the limit has passed; red once the time taken is twice the limit — that is,
``now - started >= 2 × (due - started)``. The warning closes at the next sweep after the
step is completed. Lateness is told in the unit the step's limit is set in: working days by
the tenant's calendar (official holidays and the county's entered days), or calendar days.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.workflow import process
from core.workflow.calendar import Calendar
from core.workflow.holidays import calendar_for
from core.workflow.models import Case, StepRun
from tenants.models import Tenant


def overdue_steps(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Every active step of the tenant's running cases whose time limit has passed."""
    rows = sess.execute(
        select(StepRun, Case)
        .join(Case, StepRun.case_id == Case.id)
        .where(
            StepRun.tenant_id == tenant.id,
            StepRun.status == "active",
            StepRun.due_at < now,
            Case.status.in_(("open", "returned")),
        )
        .order_by(StepRun.id)
    ).all()
    calendar = calendar_for(sess, tenant)
    return [_finding(calendar, case, run, now) for run, case in rows]


def _finding(calendar: Calendar, case: Case, run: StepRun, now: datetime) -> dict:
    step = process.step(case, run.step_key)
    limit = step.get("time_limit") or {}
    working = limit.get("working", True)
    if working:
        late = calendar.working_days_between(run.due_at, now)
    else:
        late = (calendar.local_day(now) - calendar.local_day(run.due_at)).days
    unit = "个工作日" if working else "天"
    red = now - run.started_at >= 2 * (run.due_at - run.started_at)
    how_late = f"已超期 {late} {unit}" if late else "已超过期限"
    message = (
        f"办件 {case.code}“{case.title}”的“{step.get('name') or run.step_key}”环节超过办理时限："
        f"时限 {limit.get('days')} {unit}，应于 {calendar.local_day(run.due_at):%Y-%m-%d} 前办结，"
        f"{how_late}{'，用时已达时限的两倍以上' if red else ''}。"
    )
    return {
        "subject": f"case:{case.id}:step:{run.step_key}",
        "severity": "red" if red else "yellow",
        "message": message,
        "case_id": case.id,
        "village_id": case.village_id,
        "details": {
            "step": run.step_key,
            "started_at": run.started_at.isoformat(),
            "due_at": run.due_at.isoformat(),
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
