"""What the public pages show, each loaded in a fixed number of queries however many items,
notices or steps there are. Nothing here is cached per visitor, and nothing personal leaves
without passing through :mod:`masking`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from core import db
from core.auth.access import tenant_by_slug, tenant_scope
from core.auth.models import Membership
from core.catalog.lists import lists_in_force
from core.catalog.models import Item, ItemVersion
from core.catalog.operations import definition_of, items_in_force
from core.catalog.present import domain_names, role_names, steps_of
from core.db import utcnow
from core.errors import NotFound
from core.plugins import PluginHost, tenant_hook
from core.workflow import process
from core.workflow.models import Case, Notice, StepRun
from tenants.models import Tenant, Village

from . import masking

#: who villagers may call: the village's supervision committee, the township's inspectors
SUPERVISOR_ROLES = ("village_supervisor", "township_inspector")
NOT_FOUND = "找不到该页面：请核对村、办件编号或公示是否正确。"
RUN_STATUS = {
    "active": "办理中",
    "completed": "已完成",
    "returned": "已退回",
    "cancelled": "已取消",
}


def public_tenant(slug: str) -> Tenant:
    """The tenant ``slug``, with the session narrowed to it (and its county's list)."""
    tenant = tenant_by_slug(slug)
    if tenant is None:
        raise NotFound(NOT_FOUND)
    db.set_scope(db.session(), tenant_scope(tenant))
    return tenant


def village_by_code(sess: Session, tenant: Tenant, code: str) -> Village:
    village = sess.scalar(
        select(Village).where(Village.tenant_id == tenant.id, Village.code == code)
    )
    if village is None:
        raise NotFound(NOT_FOUND)
    return village


# --- the village page ----------------------------------------------------------------------


@dataclass(frozen=True)
class ItemEntry:
    key: str
    name: str
    basis: list[str]
    materials: list[str]
    responsible: str
    steps: list[str]


@dataclass(frozen=True)
class NoticeEntry:
    notice: Notice
    title: str
    days_left: int
    #: past its days but held open by an objection under review
    held_open: bool


@dataclass(frozen=True)
class VillagePage:
    tenant: Tenant
    village: Village
    domains: list[tuple[str, list[ItemEntry]]]
    notices: list[NoticeEntry]
    panels: list[dict]
    responsibilities: list
    prohibitions: list
    contacts: list[tuple[str, list[str]]]
    roles: dict[str, str]


def village_page(sess: Session, host: PluginHost, tenant: Tenant, village: Village) -> VillagePage:
    roles = role_names(sess)
    responsibilities, prohibitions = lists_in_force(sess, host, tenant)
    return VillagePage(
        tenant=tenant,
        village=village,
        domains=list_by_domain(sess, host, tenant, roles),
        notices=running_notices(sess, village),
        panels=panels(tenant, village),
        responsibilities=responsibilities,
        prohibitions=prohibitions,
        contacts=contacts(sess, tenant, village, roles),
        roles=roles,
    )


def list_by_domain(
    sess: Session, host: PluginHost, tenant: Tenant, roles: dict[str, str]
) -> list[tuple[str, list[ItemEntry]]]:
    names = domain_names(host)
    grouped: dict[str, list[ItemEntry]] = {}
    for item, version in items_in_force(sess, host, tenant):
        entry = item_entry(item, version, tenant, roles)
        grouped.setdefault(names.get(item.domain, item.domain), []).append(entry)
    return list(grouped.items())


def item_entry(
    item: Item, version: ItemVersion, tenant: Tenant, roles: dict[str, str]
) -> ItemEntry:
    definition = definition_of(version)
    return ItemEntry(
        key=item.key,
        name=version.name,
        basis=definition.get("basis") or [],
        materials=definition.get("materials") or [],
        responsible=roles.get(definition["responsible_role"], definition["responsible_role"]),
        steps=[s.get("name") or s["key"] for s in steps_of(version, tenant)],
    )


def item_in_force(sess: Session, host: PluginHost, tenant: Tenant, key: str):
    found = next(((i, v) for i, v in items_in_force(sess, host, tenant) if i.key == key), None)
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


def running_notices(sess: Session, village: Village) -> list[NoticeEntry]:
    found = sess.scalars(
        select(Notice)
        .join(Case, Notice.case_id == Case.id)
        .where(Case.village_id == village.id, Notice.status == "open")
        .options(joinedload(Notice.case).selectinload(Case.runs), selectinload(Notice.objections))
        .order_by(Notice.ends_at)
    ).all()
    return [notice_entry(n) for n in found]


def notice_entry(notice: Notice) -> NoticeEntry:
    today = utcnow().date()
    left = (notice.ends_at - utcnow()).total_seconds() / 86400
    return NoticeEntry(
        notice=notice,
        title=masking.masker_for(notice.case, today).text(notice.title),
        days_left=max(0, math.ceil(left)),
        held_open=left <= 0,
    )


def panels(tenant: Tenant, village: Village) -> list[dict]:
    """The enabled plugins' sections (我们的钱包, 补贴去哪了, …); a failing plugin is left out."""
    batches = tenant_hook(tenant, "qingdan_public_panels")(tenant=tenant, village=village)
    # the contract (core/hookspecs.py) has the plugin escape its own HTML
    return [
        {**panel, "html": Markup(panel["html"])} for batch in batches or () for panel in batch or ()
    ]


def contacts(
    sess: Session, tenant: Tenant, village: Village, roles: dict[str, str]
) -> list[tuple[str, list[str]]]:
    """Cadres' names are public: the village's supervision committee and the township's
    discipline inspectors, by role."""
    found = sess.scalars(
        select(Membership)
        .where(
            Membership.tenant_id == tenant.id,
            Membership.role_key.in_(SUPERVISOR_ROLES),
            (Membership.village_id == village.id) | Membership.village_id.is_(None),
        )
        .options(joinedload(Membership.user))
        .order_by(Membership.id)
    ).all()
    by_role: dict[str, list[str]] = {}
    for m in found:
        if m.user.active:
            by_role.setdefault(m.role_key, []).append(m.user.label)
    return [(roles.get(key, key), by_role[key]) for key in SUPERVISOR_ROLES if key in by_role]


# --- the case page -------------------------------------------------------------------------


@dataclass(frozen=True)
class StepEntry:
    name: str
    status: str
    started_at: datetime | None
    completed_at: datetime | None
    limit: str | None
    took: str | None
    #: "按时" / "超期" against the step's deadline, None without one
    timing: str | None


@dataclass(frozen=True)
class CasePage:
    case: Case
    title: str
    steps: list[StepEntry]
    timeline: list[StepEntry]
    published: list[dict]
    notices: list[NoticeEntry]


def case_by_code(sess: Session, tenant: Tenant, code: str) -> Case:
    case = sess.scalar(
        select(Case)
        .where(Case.tenant_id == tenant.id, Case.code == code.strip().upper())
        .options(selectinload(Case.runs), joinedload(Case.village))
    )
    if case is None:
        raise NotFound(NOT_FOUND)
    return case


def case_page(sess: Session, case: Case) -> CasePage:
    today = utcnow().date()
    steps = process.steps(case)
    names = process.step_names(case)
    last = {run.step_key: run for run in case.runs}
    found = sess.scalars(
        select(Notice)
        .where(Notice.case_id == case.id)
        .options(selectinload(Notice.objections))
        .order_by(Notice.id)
    ).all()
    for notice in found:
        notice.case = case
    return CasePage(
        case=case,
        title=masking.masker_for(case, today).text(case.title),
        steps=[_step_entry(s.get("name") or s["key"], s, last.get(s["key"])) for s in steps],
        timeline=[
            _step_entry(names.get(r.step_key, r.step_key), _step(steps, r.step_key), r)
            for r in case.runs
        ],
        published=masking.public_fields(case, steps, today),
        notices=[notice_entry(n) for n in found if n.status == "open"],
    )


def _step(steps: list[dict], key: str) -> dict:
    return next((s for s in steps if s["key"] == key), {})


def _step_entry(name: str, step: dict, run: StepRun | None) -> StepEntry:
    limit = step.get("time_limit")
    limit_text = None
    if limit:
        unit = "个工作日" if limit.get("working", True) else "天"
        limit_text = f"{limit['days']} {unit}"
    if run is None:
        return StepEntry(name, "未开始", None, None, limit_text, None, None)
    end = run.completed_at or utcnow()
    took = None
    if run.status in ("active", "completed"):
        days = (end - run.started_at).total_seconds() / 86400
        took = "不到 1 天" if days < 1 else f"{math.floor(days)} 天"
    timing = None
    if run.due_at is not None and run.status in ("active", "completed"):
        timing = "超期" if end > run.due_at else "按时"
    return StepEntry(
        name,
        RUN_STATUS.get(run.status, run.status),
        run.started_at,
        run.completed_at,
        limit_text,
        took,
        timing,
    )


def notice_by_id(sess: Session, tenant: Tenant, notice_id: int) -> Notice:
    notice = sess.scalar(
        select(Notice)
        .where(Notice.tenant_id == tenant.id, Notice.id == notice_id)
        .options(
            joinedload(Notice.case).selectinload(Case.runs),
            selectinload(Notice.objections),
        )
    )
    if notice is None:
        raise NotFound(NOT_FOUND)
    return notice


def notice_fields(notice: Notice) -> list[dict]:
    case = notice.case
    return masking.published_fields(notice, case, process.steps(case), utcnow().date())
