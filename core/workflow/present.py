"""A case as the API and the pages show it to staff."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import db
from core.auth.models import User
from core.catalog.operations import definition_of
from core.catalog.present import field_labels, role_names
from core.documents.chart_cache import cached_flowchart_svg

from . import process
from .models import Case


def case_json(sess: Session, case: Case) -> dict:
    names = process.step_names(case)
    actor_ids = {r.actor_id for r in case.runs if r.actor_id}
    with db.system_scope(sess):
        users = {u.id: u.label for u in sess.scalars(select(User).where(User.id.in_(actor_ids)))}
    return {
        "id": case.id,
        "code": case.code,
        "title": case.title,
        "status": case.status,
        "item": case.item.key,
        "version": case.item_version.number,
        "village": case.village.code,
        "active_steps": [r.step_key for r in case.active_runs],
        "steps": [
            {
                "step_key": r.step_key,
                "name": names.get(r.step_key, r.step_key),
                "status": r.status,
                "actor": users.get(r.actor_id),
                "due_at": r.due_at,
                "completed_at": r.completed_at,
            }
            for r in case.runs
        ],
        "data": case.data or {},
        "lock_version": case.version,
    }


def case_flowchart(sess: Session, case: Case) -> str:
    """The item's flowchart as ``case`` runs it: its pinned steps, its current ones marked."""
    steps = process.steps(case)
    return cached_flowchart_svg(
        case.tenant_id,
        definition_of(case.item_version),
        steps,
        role_names=role_names(sess),
        highlight={r.step_key for r in case.active_runs},
        labels=field_labels(steps),
    )
