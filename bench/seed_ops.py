"""Running one planned case through the project's operations, as the API does: start it,
then complete its active step again and again, each change at the moment its timeline says.

Both seeding paths use this: the operations path for every case, the bulk path for one case
per item and start day, whose rows it then copies (``bench.seed_templates``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import rules
from core.auth.models import User
from core.catalog.operations import items_in_force
from core.errors import Forbidden
from core.plugins import PluginHost
from core.public import reports
from core.workflow import engine, notices, process
from core.workflow.cases import start_case
from core.workflow.models import Case
from core.workflow.roles import holders
from tenants.models import Tenant, Village

from . import seed_clock
from .seed_plan import (
    CASES_PER_REPORT,
    CasePlan,
    moment,
    next_day,
    start_day,
    step_data,
)


def run_case(
    sess: Session,
    host: PluginHost,
    township: Tenant,
    village: Village,
    plan: CasePlan,
    anchor_day: date,
    *,
    tag: str,
    person: str,
    offset_minutes: int,
    done: Callable[[Case, int], None],
    depth: int | None = None,
) -> Case:
    """Start ``plan``'s case and make its completions until its depth, its end (or, for a
    case planned to stay under way, its last step), or the anchor day; ``done(case, ops)``
    runs after the start (0) and after each completion. A case never waits at a notice whose
    days ran out before the anchor, even its last step: in a live county the sweep would have
    closed it."""
    zone = ZoneInfo(township.timezone)
    day = start_day(anchor_day, plan.slot)
    seed_clock.at(moment(zone, day, 0, offset_minutes))
    version = next(v for i, v in items_in_force(sess, host, township) if i.key == plan.item_key)
    first = process.snapshot_for(sess, township, version).steps[0]
    starter = _user(sess, sorted(holders(sess, township.id, village.id, first["role"]))[0])
    case = start_case(sess, host, township, village, plan.item_key, starter)
    done(case, 0)
    limit = plan.depth(len(case.process.steps)) if depth is None else depth
    ops = 0
    while case.status in ("open", "returned"):
        run = case.active_runs[0]
        step = process.step(case, run.step_key)
        # a notice whose days ran out before the anchor the sweep has closed, whatever the plan
        if step["kind"] != "notice":
            if not plan.completed and is_last(step):
                break  # a case planned to stay under way waits at its last step at the latest
            if ops >= limit:
                break
        if step["kind"] == "notice":
            ends = notices.notice_of(sess, run).ends_at
            day = ends.astimezone(zone).date() + timedelta(days=1)
        else:
            day = next_day(day, ops + 1)
        if day >= anchor_day:
            break
        ops += 1
        seed_clock.at(moment(zone, day, ops, offset_minutes))
        _complete(sess, case, step, step_data(step, day, zone, tag, person))
        done(case, ops)
    return case


def is_last(step: dict) -> bool:
    """Whether completing ``step`` ends the case (the seeding always approves)."""
    return step.get("next") is None and not step.get("branches")


def _complete(sess: Session, case: Case, step: dict, data: dict) -> None:
    """Complete the active ``step`` as the first holder of its role the engine accepts (an
    approval refuses whoever acted in the steps it must be independent of); a countersign
    takes its next signature from the first holder of the next role not yet signed."""
    if step["kind"] == "countersign":
        run = case.active_runs[0]
        signed = {s["role"] for s in run.signatures or ()}
        role = next(r for r in step["roles"] if r not in signed)
        candidates, data = _holders(sess, case, role), {"role": role}
    else:
        candidates = _holders(sess, case, step["role"])
    for user_id in candidates:
        try:
            engine.complete_step(sess, case, step["key"], _user(sess, user_id), data)
            return
        except Forbidden as exc:
            if exc.code not in ("self_approval", "same_signer"):
                raise
    raise RuntimeError(f"nobody may complete {step['key']} of case {case.code}")


def _holders(sess: Session, case: Case, role: str) -> list[int]:
    return sorted(holders(sess, case.tenant_id, case.village_id, role))


def _user(sess: Session, user_id: int) -> User:
    return sess.get(User, user_id)


# --- what follows the cases ----------------------------------------------------------------


def file_reports(
    sess: Session, villages: list[Village], first: int, last: int, anchor_day, zone: ZoneInfo
) -> int:
    """Villagers' reports ``first``…``last`` (1-based), one village after another, each on
    a morning of the last month, through the public page's operation."""
    for k in range(first, last + 1):
        village = villages[(k - 1) % len(villages)]
        day = anchor_day - timedelta(days=1 + k % 30)
        seed_clock.at(moment(zone, day, 30 + k % 60, 0))
        reports.file_report(
            sess,
            village,
            reports.Submission(text=f"反映村务问题，第{k}号，请核查。", phone=""),
            client=f"bench-report-{k}",
        )
    return max(0, last - first + 1)


def reports_for(cases: int) -> int:
    return cases // CASES_PER_REPORT


def sweep_rules(sess: Session, townships: list[Tenant], now) -> None:
    """The sweep rules over every township as of ``now``: the overdue steps' warnings and
    the plugins' (split purchases, duplicate benefits, …)."""
    seed_clock.at(now)
    for township in townships:
        rules.sweep_rules(sess, township, now)
        sess.commit()


def case_count(sess: Session, townships: list[Tenant]) -> int:
    return sess.scalar(
        select(func.count(Case.id)).where(Case.tenant_id.in_([t.id for t in townships]))
    )
