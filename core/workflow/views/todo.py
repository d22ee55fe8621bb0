"""``/t/<slug>/todo`` (待办): the steps waiting for the signed-in person, overdue first, a
page at a time.

Which runs are the person's is decided in SQL, so a township with thousands of running
steps still reads one page of them: a run is theirs when it was transferred to them, or when
nobody holds it and its step is of a role they hold in its village (``step_roles`` maps roles
to steps). Both are read off the run itself (its assignee, its village), so for a village's
cadre PostgreSQL reads the village's running steps and those transferred to them, not every
running step of the township. A countersign they already signed, or whose roles they hold are all signed, is not
theirs either; those few are told apart in Python and left out by id. The page reads the same
number of queries however many rows it has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from flask import render_template, request
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, and_, case, false, func, or_, select, true
from sqlalchemy.orm import contains_eager, joinedload

from core import db
from core.auth.access import resolve_tenant
from core.auth.models import Membership
from core.db import utcnow
from tenants.models import Tenant

from .. import process
from ..models import Case, StepRun
from ..step_roles import StepRoles, step_roles
from . import acting
from .blueprint import bp

DAY_SECONDS = 86400
PER_PAGE = 50


@dataclass(frozen=True)
class Todo:
    run: StepRun
    case: Case
    step_name: str
    #: whole days past the deadline, counting a part day as one; 0 when not overdue
    overdue_days: int


@dataclass(frozen=True)
class TodoPage:
    rows: list[Todo]
    total: int
    overdue: int
    page: int
    pages: int


@bp.get("/t/<slug>/todo")
@login_required
def todo(slug: str):
    tenant = resolve_tenant(current_user, slug)
    found = todo_page(tenant, utcnow(), request.args.get("page", 1, type=int))
    return render_template("cases/todo.html", tenant=tenant, todo=found)


def todo_page(tenant: Tenant, now: datetime, page: int) -> TodoPage:
    """Page ``page`` of the active steps ``current_user`` may complete in ``tenant``: overdue
    first, then by due date, steps without a deadline last."""
    sess = db.session()
    mine = _mine(tenant, step_roles(sess, tenant.id))
    total, overdue = sess.execute(
        select(func.count(), func.count(case((StepRun.due_at < now, 1))))
        .join(StepRun.case)
        .where(mine)
    ).one()
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(page, 1), pages)
    runs = sess.scalars(
        select(StepRun)
        .join(StepRun.case)
        .where(mine)
        .options(contains_eager(StepRun.case).options(joinedload(Case.village)))
        .order_by(StepRun.due_at.asc().nulls_last(), StepRun.started_at, StepRun.id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    rows = [
        Todo(
            run,
            run.case,
            process.step_names(run.case).get(run.step_key, run.step_key),
            _overdue_days(run, now),
        )
        for run in runs
    ]
    return TodoPage(rows, total, overdue, page, pages)


def _mine(tenant: Tenant, roles: StepRoles) -> ColumnElement[bool]:
    """The active runs of ``tenant`` that are the user's (on a query joined with the case)."""
    by_role = [false()]
    signing = [false()]
    for villages, held in _held_roles(tenant):
        where = StepRun.village_id.in_(sorted(villages)) if villages else true()
        by_role.append(and_(where, roles.single_of(held)))
        signing.append(and_(where, roles.countersign_of(held)))
    active = and_(
        StepRun.tenant_id == tenant.id, StepRun.status == "active", Case.tenant_id == tenant.id
    )
    unsignable = _unsignable(and_(active, StepRun.assignee_id.is_(None), or_(*signing)))
    return and_(
        active,
        or_(
            StepRun.assignee_id == current_user.id,
            and_(
                StepRun.assignee_id.is_(None),
                or_(*by_role, *signing),
                StepRun.id.not_in(unsignable),
            ),
        ),
    )


def _held_roles(tenant: Tenant) -> list[tuple[set[int] | None, set[str]]]:
    """``(villages, roles)``: the roles the user holds in those villages (None: every village
    of the tenant). Township roles hold everywhere; village roles in their own village."""
    here: list[Membership] = [m for m in acting.mine() if m.tenant_id == tenant.id]
    township = {m.role_key for m in here if m.role.level != "village" and m.village_id is None}
    in_village: dict[int, set[str]] = {}
    for m in here:
        if m.role.level == "village" and m.village_id is not None:
            in_village.setdefault(m.village_id, set()).add(m.role_key)
    villages_of: dict[frozenset[str], set[int]] = {}
    for village_id, held in in_village.items():
        villages_of.setdefault(frozenset(held | township), set()).add(village_id)
    found: list[tuple[set[int] | None, set[str]]] = [(None, township)] if township else []
    return found + [(villages, set(held)) for held, villages in villages_of.items()]


def _unsignable(countersigns: ColumnElement[bool]) -> list[int]:
    """The countersign runs the user holds a role of but may not sign now."""
    runs = db.session().scalars(
        select(StepRun).join(StepRun.case).where(countersigns).options(contains_eager(StepRun.case))
    )
    return [
        run.id
        for run in runs
        if not acting.may_act(run.case, run, process.step(run.case, run.step_key))
    ]


def _overdue_days(run: StepRun, now: datetime) -> int:
    if run.due_at is None or run.due_at >= now:
        return 0
    return math.ceil((now - run.due_at).total_seconds() / DAY_SECONDS)
