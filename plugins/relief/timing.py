"""Time limits and notice periods taken from the tenant's settings when a step opens.

A definition's ``time_limit`` and ``notice_days`` are plain numbers frozen with the item
version: the platform gives a definition no way to read a setting there (only branch
conditions can). So the definitions carry the published defaults, and when a step of one of
our cases opens, :func:`retime` sets its due date — and for a notice, its length and end —
from the value in force for the township. A notice counted in working days (临时救助 is
posted 5 working days) ends by the working-day calendar, which the platform's notices do not
do on their own.

The disaster plugin uses this module too: the mechanism is the same for every domain whose
days are local figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import settings
from core.workflow import process
from core.workflow.holidays import calendar_for
from core.workflow.models import Case, Notice
from tenants.models import Tenant


@dataclass(frozen=True)
class Timing:
    """Where a step's limit comes from: a setting, counted in ``unit``."""

    setting: str
    #: ``working`` days by the official calendar, ``calendar`` days, or ``hours``
    unit: str = "working"


def retime(sess: Session, case: Case, timings: dict[str, Timing]) -> None:
    """Re-time the case's open steps that ``timings`` names from the settings in force."""
    runs = [run for run in case.active_runs if run.step_key in timings]
    if not runs:
        return
    tenant = sess.get(Tenant, case.tenant_id)
    values = settings.values(tenant)
    calendar = calendar_for(sess, tenant)
    for run in runs:
        timing = timings[run.step_key]
        amount = int(values[timing.setting])
        if process.step(case, run.step_key)["kind"] == "notice":
            notice = sess.scalar(select(Notice).where(Notice.step_run_id == run.id))
            notice.days = amount
            notice.ends_at = (
                calendar.due(notice.starts_at, amount)
                if timing.unit == "working"
                else notice.starts_at + timedelta(days=amount)
            )
        elif timing.unit == "hours":
            run.due_at = run.started_at + timedelta(hours=amount)
        else:
            run.due_at = calendar.due(run.started_at, amount, working=timing.unit == "working")
