"""Starting cases, their codes, and finding them."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.auth.models import User
from core.catalog.operations import items_in_force
from core.db import utcnow
from core.errors import Forbidden, Invalid, NotFound
from core.plugins import PluginHost
from tenants.models import Tenant, Village

from . import engine, process
from .models import Case, CaseCounter
from .roles import holders, role_name

MAX_TITLE = 200


def start_case(
    sess: Session,
    host: PluginHost,
    tenant: Tenant,
    village: Village,
    item_key: str,
    user: User,
    *,
    title: str = "",
    data: dict | None = None,
    on_behalf_of: dict | None = None,
) -> Case:
    """Start a case of an item in force for ``village``, pinned to its published version.

    The starter must hold the first step's role in the village. With ``data``, the first
    step is completed at once (one transaction: a refusal starts nothing).
    """
    if tenant.kind != "township":
        raise Invalid("办件由乡镇（街道）下的村发起。")
    if village.tenant_id != tenant.id:
        raise NotFound("找不到该村。")
    found = next(((i, v) for i, v in items_in_force(sess, host, tenant) if i.key == item_key), None)
    if found is None:
        raise Invalid(f"事项“{item_key}”不在本乡镇现行清单中。", fields={"item": "不在清单中"})
    item, version = found
    snapshot = process.snapshot_for(sess, tenant, version)
    first = snapshot.steps[0]
    if user.id not in holders(sess, tenant.id, village.id, first["role"]):
        raise Forbidden(
            f"“{version.name}”须由本村的{role_name(sess, first['role'])}发起。", code="wrong_role"
        )
    title = (title or "").strip() or f"{village.name}{version.name}"
    if len(title) > MAX_TITLE:
        raise Invalid(f"标题不能超过 {MAX_TITLE} 字。", fields={"title": "太长"})
    case = Case(
        tenant_id=tenant.id,
        code=next_code(sess, tenant),
        title=title,
        village_id=village.id,
        item=item,
        item_version=version,
        process=snapshot,
        created_by_id=user.id,
        data={},
    )
    sess.add(case)
    sess.flush()
    engine.activate(sess, case, first["key"], case.created_at)
    engine.audit(
        sess,
        case,
        "case.started",
        None,
        user,
        {"item": item.key, "version": version.number, "village": village.code},
    )
    if data:
        engine.complete_step(sess, case, first["key"], user, data, on_behalf_of=on_behalf_of)
    return case


def next_code(sess: Session, tenant: Tenant) -> str:
    """``CHENGGUAN-2026-000123``: the tenant, the year, and a number counted per year.

    The counter row is locked for the transaction, so two cases never share a number.
    """
    year = utcnow().year
    counter = sess.scalar(
        select(CaseCounter)
        .where(CaseCounter.tenant_id == tenant.id, CaseCounter.year == year)
        .with_for_update()
    )
    if counter is None:
        counter = CaseCounter(tenant_id=tenant.id, year=year, last=0)
        sess.add(counter)
    counter.last += 1
    sess.flush()
    prefix = re.sub(r"[^A-Z0-9]", "", tenant.slug.upper())[:12] or "QD"
    return f"{prefix}-{year}-{counter.last:06d}"


def case_by_id(sess: Session, case_id: int) -> Case:
    """A case of the tenants in scope; another tenant's answers exactly like a missing one."""
    case = sess.scalar(select(Case).where(Case.id == case_id).options(selectinload(Case.runs)))
    if case is None:
        raise NotFound("找不到该办件，或您无权查看。")
    return case


def case_by_code(sess: Session, code: str) -> Case:
    case = sess.scalar(
        select(Case).where(Case.code == code.strip().upper()).options(selectinload(Case.runs))
    )
    if case is None:
        raise NotFound("找不到该办件。")
    return case
