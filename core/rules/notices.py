"""``notice_too_short`` and ``missing_notice``: notices (公示) cut short or left out.

The engine refuses to end a notice early or to pass over one, so these rules guard data
written around it — a notice's dates edited, a case closed by hand — which is exactly what
a supervisor needs to hear about.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.workflow import process
from core.workflow.models import Case, Notice, StepRun
from tenants.models import Tenant


def notices_too_short(sess: Session, case: Case, run: StepRun) -> list[dict]:
    """Notices of the case whose step was completed before their days were up."""
    zone = ZoneInfo(sess.get(Tenant, case.tenant_id).timezone)
    names = process.step_names(case)
    found = []
    for notice in sess.scalars(
        select(Notice)
        .join(StepRun, Notice.step_run_id == StepRun.id)
        .where(
            Notice.case_id == case.id,
            Notice.closed_at.is_not(None),
            StepRun.status == "completed",
        )
        .order_by(Notice.id)
    ):
        shown = notice.closed_at - notice.starts_at
        if shown >= timedelta(days=notice.days):
            continue
        found.append(
            {
                "subject": f"notice:{notice.id}",
                "message": (
                    f"办件 {case.code}“{case.title}”的“{names.get(notice.step_key, notice.step_key)}”"
                    f"公示期不足：应公示 {notice.days} 天，实际从 "
                    f"{notice.starts_at.astimezone(zone):%Y-%m-%d %H:%M} 到 "
                    f"{notice.closed_at.astimezone(zone):%Y-%m-%d %H:%M}，"
                    f"只公示了 {shown / timedelta(days=1):.1f} 天。"
                ),
                "details": {
                    "notice_id": notice.id,
                    "step": notice.step_key,
                    "days": notice.days,
                    "shown_hours": round(shown / timedelta(hours=1), 1),
                },
            }
        )
    return found


def missing_notices(sess: Session, case: Case, run: StepRun) -> list[dict]:
    """Notice steps a completed case passed over, or closed without finishing.

    The case's runs are its path: after a completed step whose ``next`` is a notice, the
    next run must be that notice or another target the step may branch to. Nothing is
    judged by re-deciding branches, so a notice on a branch the case did not take (the
    四议两公开 notices of a small amount) is never reported.
    """
    if case.status != "completed":
        return []
    steps = {step["key"]: step for step in process.steps(case)}
    runs = sorted(case.runs, key=lambda r: r.id)
    missing: dict[str, str] = {}
    for index, done in enumerate(runs):
        if done.status != "completed" or (done.data or {}).get("decision") == "return":
            continue
        step = steps.get(done.step_key) or {}
        expected = step.get("next")
        if steps.get(expected, {}).get("kind") != "notice":
            continue
        targets = {expected} | {b["goto"] for b in step.get("branches") or ()}
        after = runs[index + 1] if index + 1 < len(runs) else None
        if after is None or after.step_key not in targets:
            missing[expected] = "没有进行"
    for key, step in steps.items():
        latest = [r for r in runs if r.step_key == key][-1:]
        if step["kind"] == "notice" and latest and latest[0].status != "completed":
            missing[key] = "没有结束"
    return [
        {
            "subject": f"case:{case.id}:step:{key}",
            "message": (
                f"办件 {case.code}“{case.title}”已办结，但“{steps[key].get('name') or key}”"
                f"（应公示 {steps[key].get('notice_days')} 天）{what}。"
            ),
            "details": {"step": key, "notice_days": steps[key].get("notice_days")},
        }
        for key, what in sorted(missing.items())
    ]


NOTICE_TOO_SHORT = {
    "key": "notice_too_short",
    "name": "公示期不足",
    "severity": "red",
    "description": "公示环节在公示天数届满之前就已结束。",
    "trigger": "step",
    "check": notices_too_short,
}

MISSING_NOTICE = {
    "key": "missing_notice",
    "name": "未经公示办结",
    "severity": "red",
    "description": "办件已办结，但流程中应当进行的公示没有进行或没有结束。",
    "trigger": "step",
    "check": missing_notices,
}
