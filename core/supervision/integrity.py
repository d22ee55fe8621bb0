"""Integrity files (廉情档案): per village cadre, what concerns them on the record.

A file gathers the warnings on cases the cadre started or acted in (those the supervisors
dismissed shown apart), the supervision orders naming them responsible, the villagers'
reports about their villages, their relatives as the personnel register records them (what
the kin rules read), and their annual evaluations. Only the inspectors over the cadre's
township and the cadre themself may open it; to anyone else it does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.audit import record
from core.auth.models import Membership, User
from core.errors import Forbidden, Invalid, NotFound
from core.plugins import tenant_hook
from core.rules.models import DISMISSED, Warning
from core.workflow.models import Case, StepRun
from tenants.models import Tenant

from .integrity_models import RESULTS, CadreEvaluation
from .models import Complaint
from .order_access import is_inspector_of
from .order_models import SupervisionOrder
from .orders import plain

NOT_FOUND = "找不到该干部的廉情档案，或您无权查看。"
MAX_NOTE = 2000


@dataclass
class IntegrityFile:
    cadre: User
    posts: list[Membership]
    warnings: list[Warning]
    dismissed: list[Warning]
    orders: list[SupervisionOrder]
    reports: list[Complaint]
    #: ``{"cadre", "relation", "name"}`` from the domains' registers
    relatives: list[dict]
    evaluations: list[CadreEvaluation]


def cadres_of(sess: Session, actor: User, tenant: Tenant) -> list[Membership]:
    """The village posts of ``tenant`` (a township), for the inspectors' index."""
    if not is_inspector_of(actor, tenant):
        raise Forbidden("只有纪委监察人员可以查看廉情档案。")
    return list(
        sess.scalars(
            select(Membership)
            .where(Membership.tenant_id == tenant.id, Membership.village_id.is_not(None))
            .order_by(Membership.village_id, Membership.role_key, Membership.user_id)
        )
    )


def open_file(sess: Session, actor: User, tenant: Tenant, user_id: int) -> IntegrityFile:
    """The file of cadre ``user_id`` of ``tenant``, if ``actor`` may read it."""
    posts = _openable(sess, actor, tenant, user_id)
    cadre = posts[0].user
    villages = {p.village_id for p in posts}
    warnings = _warnings(sess, tenant, user_id)
    return IntegrityFile(
        cadre=cadre,
        posts=posts,
        warnings=[w for w in warnings if w.status != DISMISSED],
        dismissed=[w for w in warnings if w.status == DISMISSED],
        orders=[o for o in _orders(sess, tenant, villages) if user_id in o.responsible_user_ids],
        reports=list(
            sess.scalars(
                select(Complaint)
                .where(Complaint.tenant_id == tenant.id, Complaint.village_id.in_(villages))
                .order_by(Complaint.created_at.desc())
            )
        ),
        relatives=relatives_of(tenant, villages, {cadre.label, cadre.username}),
        evaluations=list(
            sess.scalars(
                select(CadreEvaluation)
                .where(CadreEvaluation.tenant_id == tenant.id, CadreEvaluation.user_id == user_id)
                .order_by(CadreEvaluation.year.desc())
            )
        ),
    )


def enter_evaluation(
    sess: Session, actor: User, tenant: Tenant, user_id: int, year: str, result: str, note: str
) -> CadreEvaluation:
    """An inspector records a cadre's evaluation for a year; a second entry for the same
    year replaces the first (the audit log keeps both)."""
    _openable(sess, actor, tenant, user_id)
    if not is_inspector_of(actor, tenant):
        raise Forbidden("只有纪委监察人员可以录入年度考核结果。")
    errors = {}
    year = (year or "").strip()
    year_number = int(year) if year.isdecimal() and len(year) == 4 else 0
    if not 2000 <= year_number <= 2100:
        errors["year"] = "请填写四位年份，如 2026"
    if result not in RESULTS:
        errors["result"] = "请选择考核结果"
    if len(note or "") > MAX_NOTE:
        errors["note"] = f"最多 {MAX_NOTE} 字"
    if errors:
        raise Invalid("考核结果填写有误，请按提示修改。", fields=errors)
    row = sess.scalar(
        select(CadreEvaluation).where(
            CadreEvaluation.tenant_id == tenant.id,
            CadreEvaluation.user_id == user_id,
            CadreEvaluation.year == year_number,
        )
    ) or CadreEvaluation(tenant_id=tenant.id, user_id=user_id, year=year_number)
    row.result, row.note, row.entered_by_id = result, plain(note), actor.id
    sess.add(row)
    sess.flush()
    record(
        sess,
        tenant_id=tenant.id,
        action="integrity.evaluation_entered",
        subject_type="user",
        subject_id=user_id,
        payload={"year": year_number, "result": result},
    )
    return row


def _openable(sess: Session, actor: User, tenant: Tenant, user_id: int) -> list[Membership]:
    """The cadre's posts, if ``actor`` may open their file; to anyone else it is missing."""
    posts = _posts(sess, tenant, user_id)
    if not posts or not (actor.id == user_id or is_inspector_of(actor, tenant)):
        raise NotFound(NOT_FOUND)
    return posts


def _posts(sess: Session, tenant: Tenant, user_id: int) -> list[Membership]:
    return list(
        sess.scalars(
            select(Membership)
            .where(
                Membership.tenant_id == tenant.id,
                Membership.user_id == user_id,
                Membership.village_id.is_not(None),
            )
            .order_by(Membership.id)
        )
    )


def _warnings(sess: Session, tenant: Tenant, user_id: int) -> list[Warning]:
    acted = select(StepRun.case_id).where(StepRun.actor_id == user_id)
    started = select(Case.id).where(Case.created_by_id == user_id)
    return list(
        sess.scalars(
            select(Warning)
            .where(
                Warning.tenant_id == tenant.id,
                or_(Warning.case_id.in_(acted), Warning.case_id.in_(started)),
            )
            .order_by(Warning.opened_at.desc())
        )
    )


def _orders(sess: Session, tenant: Tenant, villages: set[int]) -> list[SupervisionOrder]:
    return list(
        sess.scalars(
            select(SupervisionOrder)
            .where(
                SupervisionOrder.tenant_id == tenant.id, SupervisionOrder.village_id.in_(villages)
            )
            .order_by(SupervisionOrder.issued_at.desc())
        )
    )


def relatives_of(tenant: Tenant, village_ids, names: set[str]) -> list[dict]:
    """What the enabled domains' registers record of the cadre's relatives (the personnel
    plugin's, built in); a failing plugin contributes nothing."""
    batches = tenant_hook(tenant, "qingdan_cadre_relatives")(
        tenant=tenant, village_ids=list(village_ids), names=sorted(names)
    )
    return [row for batch in batches or () for row in batch or ()]
