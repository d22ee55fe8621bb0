"""The demo's work in progress: a few cases in the first village, so that the village page
shows running notices and a villager has a case code to look up.

Each case is driven through the engine by the demo people holding each step's role, with
values generated from the step's definition, until it waits on a notice (公示, which runs for
its days) or on someone outside the village.
"""

from __future__ import annotations

from sqlalchemy import select

from core.auth.models import User
from core.catalog.operations import items_in_force
from core.plugins import PluginHost
from core.workflow import engine, process
from core.workflow.cases import start_case
from core.workflow.models import Case
from core.workflow.roles import holders
from core.workflow.samples import sample_data
from tenants.models import Tenant, Village

#: item key, case title
CASES = (
    ("relief.dibao", "张建国家庭申请最低生活保障"),
    ("procurement.quotation", "村委会办公桌椅询价采购"),
    ("decisions.major_matter", "村内道路硬化工程决策"),
)
#: a procedure longer than this is not a demo's business
MAX_STEPS = 30


def seed_cases(sess, host: PluginHost, township: Tenant, village: Village) -> list[Case]:
    """Start and advance the demo cases once; a village that has cases keeps them."""
    if sess.scalar(select(Case.id).where(Case.village_id == village.id).limit(1)):
        return []
    in_force = dict(items_in_force(sess, host, township))
    started = []
    for key, title in CASES:
        version = next((v for item, v in in_force.items() if item.key == key), None)
        if version is None:
            continue
        first = process.snapshot_for(sess, township, version).steps[0]
        starter = _holder(sess, township, village, first["role"])
        case = start_case(sess, host, township, village, key, starter, title=title)
        _advance(sess, case, township, village)
        started.append(case)
    return started


def _advance(sess, case: Case, township: Tenant, village: Village) -> None:
    for _ in range(MAX_STEPS):
        active = [run for run in case.runs if run.status == "active"]
        if not active:
            return
        step = process.step(case, active[0].step_key)
        if step["kind"] == "notice" or not _can_act(sess, township, village, step):
            return
        if step["kind"] == "countersign":
            for role in step["roles"]:
                user = _holder(sess, township, village, role)
                engine.complete_step(sess, case, step["key"], user, {"role": role})
        else:
            user = _holder(sess, township, village, step["role"])
            engine.complete_step(sess, case, step["key"], user, sample_data(step))
        sess.flush()


def _can_act(sess, township: Tenant, village: Village, step: dict) -> bool:
    roles = step["roles"] if step["kind"] == "countersign" else [step["role"]]
    return all(holders(sess, township.id, village.id, role) for role in roles)


def _holder(sess, township: Tenant, village: Village, role: str) -> User:
    return sess.get(User, min(holders(sess, township.id, village.id, role)))
