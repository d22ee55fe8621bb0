"""Which steps of a tenant's processes each role works, for filtering step runs in SQL.

A step's role lives in its process snapshot's JSON, not in a column, so a list of "the steps
waiting for me" cannot ask the database by role directly. It asks by ``(step key, process)``
instead: this module maps every role to the pairs it works. Snapshots never change once
written (new rules make new ones), so the map is derived once per process and kept while the
tenant's snapshots, named by id and digest, stay the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from core.memo import TenantMemo

from .models import Case, ProcessSnapshot, StepRun

#: role → step key → the processes in which that step is the role's
RoleSteps = dict[str, dict[str, frozenset[int]]]


@dataclass(frozen=True)
class StepRoles:
    #: steps one role completes
    single: RoleSteps
    #: countersign steps, which any of their roles signs
    countersign: RoleSteps

    def single_of(self, roles: Iterable[str]) -> ColumnElement[bool]:
        """Runs of a step that one of ``roles`` completes (joined with their case)."""
        return _matching(self.single, roles)

    def countersign_of(self, roles: Iterable[str]) -> ColumnElement[bool]:
        """Runs of a countersign step that one of ``roles`` signs (joined with their case)."""
        return _matching(self.countersign, roles)


_memo: TenantMemo[StepRoles] = TenantMemo(size=256)


def step_roles(sess: Session, tenant_id: int) -> StepRoles:
    """The tenant's map, keyed by its snapshots' ids and digests (a digest covers the steps)."""
    seen = sess.execute(
        select(ProcessSnapshot.id, ProcessSnapshot.digest)
        .where(ProcessSnapshot.tenant_id == tenant_id)
        .order_by(ProcessSnapshot.id)
    ).all()
    key = hashlib.sha256(repr([tuple(row) for row in seen]).encode()).hexdigest()
    return _memo.get(tenant_id, key, lambda: _derive(sess, tenant_id))


def _derive(sess: Session, tenant_id: int) -> StepRoles:
    single: dict[str, dict[str, set[int]]] = {}
    countersign: dict[str, dict[str, set[int]]] = {}
    rows = sess.execute(
        select(ProcessSnapshot.id, ProcessSnapshot.steps).where(
            ProcessSnapshot.tenant_id == tenant_id
        )
    )
    for process_id, steps in rows:
        for step in steps:
            if step["kind"] == "countersign":
                target, roles = countersign, step.get("roles") or ()
            else:
                target, roles = single, (step["role"],)
            for role in roles:
                target.setdefault(role, {}).setdefault(step["key"], set()).add(process_id)
    return StepRoles(_frozen(single), _frozen(countersign))


def _frozen(found: dict[str, dict[str, set[int]]]) -> RoleSteps:
    return {
        role: {key: frozenset(ids) for key, ids in steps.items()} for role, steps in found.items()
    }


def _matching(role_steps: RoleSteps, roles: Iterable[str]) -> ColumnElement[bool]:
    processes: dict[str, set[int]] = {}
    for role in roles:
        for key, ids in role_steps.get(role, {}).items():
            processes.setdefault(key, set()).update(ids)
    if not processes:
        return false()
    return or_(
        *(
            and_(StepRun.step_key == key, Case.process_id.in_(sorted(ids)))
            for key, ids in sorted(processes.items())
        )
    )
