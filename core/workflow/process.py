"""A case's process: the concrete steps it runs, frozen when it started."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import db
from core.auth.models import Role
from core.catalog.models import ItemVersion
from core.catalog.operations import definition_of
from core.errors import NotFound
from formbuilder.definitions import expand_steps
from tenants.models import Tenant

from .models import Case, ProcessSnapshot


def snapshot_for(sess: Session, tenant: Tenant, version: ItemVersion) -> ProcessSnapshot:
    """The steps ``version`` runs in ``tenant`` under its rules today (shared if identical)."""
    steps = expand_steps(definition_of(version), tenant.effective_settings())
    text = json.dumps([version.id, steps], ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(text.encode()).hexdigest()
    found = sess.scalar(
        select(ProcessSnapshot).where(
            ProcessSnapshot.tenant_id == tenant.id, ProcessSnapshot.digest == digest
        )
    )
    if found is None:
        found = ProcessSnapshot(
            tenant_id=tenant.id, item_version_id=version.id, digest=digest, steps=steps
        )
        sess.add(found)
        sess.flush()
    return found


def steps(case: Case) -> list[dict]:
    return case.process.steps


def step(case: Case, key: str) -> dict:
    found = next((s for s in steps(case) if s["key"] == key), None)
    if found is None:
        raise NotFound("该事项没有这个环节。")
    return found


def has_step(case: Case, key: str) -> bool:
    return any(s["key"] == key for s in steps(case))


def step_names(case: Case) -> dict[str, str]:
    return {s["key"]: s.get("name") or s["key"] for s in steps(case)}


def role_names(sess: Session) -> dict[str, str]:
    with db.system_scope(sess):
        return {key: name for key, name in sess.execute(select(Role.key, Role.name))}
