"""``/t/<slug>/todo`` (待办): the steps waiting for the signed-in person, overdue first.

Two queries whatever the number of rows: the person's memberships, and the tenant's active
step runs in their villages (or all villages, for a township role) with each run's case,
village and pinned process. Which of those runs are theirs is decided from the process in
memory — a step's role lives in the process JSON, not in a column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager, joinedload

from core import db
from core.auth.access import resolve_tenant
from core.db import utcnow
from tenants.models import Tenant

from .. import process
from ..models import Case, StepRun
from . import acting
from .blueprint import bp

DAY_SECONDS = 86400


@dataclass(frozen=True)
class Todo:
    run: StepRun
    case: Case
    step_name: str
    #: whole days past the deadline, counting a part day as one; 0 when not overdue
    overdue_days: int


@bp.get("/t/<slug>/todo")
@login_required
def todo(slug: str):
    tenant = resolve_tenant(current_user, slug)
    rows = todo_rows(tenant, utcnow())
    return render_template("cases/todo.html", tenant=tenant, rows=rows)


def todo_rows(tenant: Tenant, now: datetime) -> list[Todo]:
    """The active steps ``current_user`` may complete in ``tenant``, overdue first, then by
    due date (no deadline last)."""
    rows = [
        Todo(
            run,
            run.case,
            process.step_names(run.case).get(run.step_key, run.step_key),
            _overdue_days(run, now),
        )
        for run in _candidates(tenant)
        if acting.may_act(run.case, run, process.step(run.case, run.step_key))
    ]
    rows.sort(
        key=lambda r: (
            r.overdue_days == 0,
            r.run.due_at is None,
            r.run.due_at or now,
            r.run.started_at,
        )
    )
    return rows


def _candidates(tenant: Tenant) -> list[StepRun]:
    """Runs that may be the user's: transferred to them, or in a village they serve."""
    villages = acting.village_ids(tenant)
    reach = [StepRun.assignee_id == current_user.id]
    if villages is None:
        reach.append(Case.tenant_id == tenant.id)
    elif villages:
        reach.append(Case.village_id.in_(villages))
    query = (
        select(StepRun)
        .join(StepRun.case)
        .where(StepRun.status == "active", Case.tenant_id == tenant.id, or_(*reach))
        .options(contains_eager(StepRun.case).options(joinedload(Case.village)))
    )
    return list(db.session().scalars(query).unique())


def _overdue_days(run: StepRun, now: datetime) -> int:
    if run.due_at is None or run.due_at >= now:
        return 0
    return math.ceil((now - run.due_at).total_seconds() / DAY_SECONDS)
