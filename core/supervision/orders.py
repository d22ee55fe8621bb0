"""Supervision orders (督查令): issue one to a village, submit its rectification, accept or
send back, and escalate the overdue ones in the sweep.

Every operation takes the tenant and the acting user explicitly, checks who may act, records
an audit event and tells the people concerned (``core.notifications``). The caller commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from core.attachments.models import Attachment
from core.audit import SYSTEM, record
from core.auth.models import Membership, User
from core.db import utcnow
from core.errors import Conflict, Forbidden, Invalid, NotFound
from core.notifications.operations import notify
from core.rules.models import Warning
from tenants.models import Tenant, Village

from .order_access import RECTIFIERS, is_inspector_of, may_rectify, reached_villages
from .order_models import (
    ACCEPTED,
    COLOURS,
    ISSUED,
    SENT_BACK,
    SUBMITTED,
    UNFINISHED,
    OrderWarning,
    Rectification,
    SupervisionOrder,
)

MAX_TEXT = 5000
MAX_RESPONSIBLE = 20
NOT_FOUND = "找不到该督查令，或您无权查看。"


def today_in(tenant: Tenant, now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(ZoneInfo(tenant.timezone)).date()


def orders_of(
    sess: Session,
    user: User,
    tenant_ids: Iterable[int],
    tenant: Tenant,
    *,
    status: str | None = None,
    village_id: int | None = None,
) -> list[SupervisionOrder]:
    """The orders ``user`` may read among ``tenant_ids``, newest first."""
    query = (
        select(SupervisionOrder)
        .where(SupervisionOrder.tenant_id.in_(list(tenant_ids)))
        .options(selectinload(SupervisionOrder.village))
        .order_by(SupervisionOrder.issued_at.desc(), SupervisionOrder.id.desc())
    )
    reached = reached_villages(user, tenant)
    if reached is not None:
        query = query.where(SupervisionOrder.village_id.in_(reached))
    if status:
        query = query.where(SupervisionOrder.status == status)
    if village_id is not None:
        query = query.where(SupervisionOrder.village_id == village_id)
    return list(sess.scalars(query))


def order_for(sess: Session, user: User, tenant: Tenant, order_id: int) -> SupervisionOrder:
    """One order of ``tenant`` ``user`` may read; a foreign, unreachable or missing one
    answers the same 404."""
    order = sess.scalar(
        select(SupervisionOrder).where(
            SupervisionOrder.id == order_id, SupervisionOrder.tenant_id == tenant.id
        )
    )
    reached = reached_villages(user, tenant)
    if order is None or (reached is not None and order.village_id not in reached):
        raise NotFound(NOT_FOUND)
    return order


def require_issuer(actor: User, tenant: Tenant) -> None:
    if not is_inspector_of(actor, tenant):
        raise Forbidden("只有乡镇或县（区）纪委监察人员可以下发督查令。")


def require_rectifier(actor: User, order: SupervisionOrder) -> None:
    if not may_rectify(actor, order.village_id):
        raise Forbidden("只有本村党组织书记或村委会主任可以提交整改情况。")


def require_judge(actor: User, tenant: Tenant) -> None:
    if not is_inspector_of(actor, tenant):
        raise Forbidden("只有乡镇或县（区）纪委监察人员可以验收整改。")


def issue(
    sess: Session,
    tenant: Tenant,
    actor: User,
    *,
    village: Village,
    colour: str,
    failing: str,
    deadline: date | None,
    responsible: list[dict],
    warning_ids: Iterable[int] = (),
) -> SupervisionOrder:
    """An inspector orders ``village`` to put ``failing`` right by ``deadline``."""
    failing = plain(failing)
    if tenant.kind != "township" or village.tenant_id != tenant.id:
        raise NotFound("找不到该村，或您无权查看。")
    require_issuer(actor, tenant)
    errors = _order_errors(tenant, colour, failing, deadline, responsible)
    warnings = _warnings(sess, tenant, village, warning_ids, errors)
    if errors:
        raise Invalid("督查令填写有误，请按提示修改。", fields=errors)
    order = SupervisionOrder(
        tenant_id=tenant.id,
        village_id=village.id,
        colour=colour,
        failing=failing,
        deadline=deadline,
        responsible=[_person(sess, tenant, p) for p in responsible],
        status=ISSUED,
        issued_by_id=actor.id,
    )
    order.links = [OrderWarning(tenant_id=tenant.id, warning_id=w.id) for w in warnings]
    sess.add(order)
    sess.flush()
    _audit(sess, order, "order.issued", warnings=[w.id for w in warnings])
    _tell_village(
        sess,
        tenant,
        order,
        f"{village.name}收到{order.colour_label}督查令，请于"
        f"{order.deadline:%Y-%m-%d}前整改：{order.failing}",
    )
    return order


def submit(
    sess: Session,
    tenant: Tenant,
    actor: User,
    order: SupervisionOrder,
    *,
    text: str,
    attachment_tokens: Iterable[str] = (),
) -> Rectification:
    """The village answers the order with what it did, and the files that show it."""
    require_rectifier(actor, order)
    if order.status not in (ISSUED, SENT_BACK):
        raise Conflict(f"督查令当前为“{order.status_label}”，不能提交整改。")
    text = plain(text)
    if not text:
        raise Invalid("请填写整改情况。", fields={"text": "必填"})
    if len(text) > MAX_TEXT:
        raise Invalid(f"整改情况最多 {MAX_TEXT} 字。", fields={"text": f"最多 {MAX_TEXT} 字"})
    files = _attachments(sess, tenant, attachment_tokens)
    rectification = Rectification(
        tenant_id=tenant.id,
        text=text,
        attachment_ids=[f.id for f in files],
        submitted_by_id=actor.id,
    )
    order.rectifications.append(rectification)
    order.status, order.updated_at = SUBMITTED, utcnow()
    sess.flush()
    _audit(sess, order, "order.rectification_submitted", rectification=rectification.id)
    _tell_inspectors(sess, tenant, order, f"{order.village.name}提交了督查令的整改情况，请验收。")
    return rectification


def accept(
    sess: Session, tenant: Tenant, actor: User, order: SupervisionOrder, comment: str = ""
) -> SupervisionOrder:
    """The inspector finds the rectification sufficient: the order is done."""
    rectification = _judge(tenant, actor, order, ACCEPTED, comment)
    order.accepted_at = rectification.judged_at
    sess.flush()
    _audit(sess, order, "order.accepted", rectification=rectification.id)
    _tell_village(sess, tenant, order, f"{order.village.name}的督查令整改已验收通过。")
    return order


def send_back(
    sess: Session, tenant: Tenant, actor: User, order: SupervisionOrder, comment: str
) -> SupervisionOrder:
    """The inspector finds the rectification wanting and says why (the comment is required)."""
    require_judge(actor, tenant)  # before the comment: who may not judge hears only that
    comment = plain(comment)
    if not comment:
        raise Invalid("退回时请写明理由。", fields={"comment": "必填"})
    rectification = _judge(tenant, actor, order, SENT_BACK, comment)
    sess.flush()
    _audit(sess, order, "order.sent_back", rectification=rectification.id, comment=comment)
    _tell_village(sess, tenant, order, f"{order.village.name}的督查令整改被退回：{comment}")
    return order


def escalate_overdue(sess: Session, tenant: Tenant, now: datetime) -> int:
    """Raise by one colour each order past its deadline and not accepted, once per order.

    Run by the sweep under the tenant's sweep lock; the conditional update makes it once
    even without that lock. Returns how many orders this run escalated.
    """
    today = today_in(tenant, now)
    due = sess.scalars(
        select(SupervisionOrder).where(
            SupervisionOrder.tenant_id == tenant.id,
            SupervisionOrder.status.in_(UNFINISHED),
            SupervisionOrder.deadline < today,
            SupervisionOrder.overdue_at.is_(None),
        )
    ).all()
    escalated = 0
    for order in due:
        colour = COLOURS[min(COLOURS.index(order.colour) + 1, len(COLOURS) - 1)]
        claimed = sess.execute(
            update(SupervisionOrder)
            .where(SupervisionOrder.id == order.id, SupervisionOrder.overdue_at.is_(None))
            .values(overdue_at=now, colour=colour, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            continue
        sess.refresh(order)
        _audit(sess, order, "order.escalated", actor=SYSTEM, deadline=order.deadline)
        text = f"{order.village.name}的督查令已逾期未整改到位，升级为{order.colour_label}。"
        _tell_village(sess, tenant, order, text)
        _tell_inspectors(sess, tenant, order, text)
        escalated += 1
    return escalated


# --- helpers ---------------------------------------------------------------------------------


def plain(text: str | None) -> str:
    """Typed text as stored: trimmed, without NUL characters (which PostgreSQL refuses)."""
    return (text or "").replace("\x00", "").strip()


def _order_errors(tenant, colour, failing, deadline, responsible) -> dict[str, str]:
    errors = {}
    if colour not in COLOURS:
        errors["colour"] = "请选择蓝色、黄色或红色"
    if not failing:
        errors["failing"] = "请写明存在的问题"
    elif len(failing) > MAX_TEXT:
        errors["failing"] = f"最多 {MAX_TEXT} 字"
    if deadline is None:
        errors["deadline"] = "请填写整改期限"
    elif deadline < today_in(tenant):
        errors["deadline"] = "整改期限不能早于今天"
    if not responsible:
        errors["responsible"] = "请至少填写一名责任人"
    elif len(responsible) > MAX_RESPONSIBLE:
        errors["responsible"] = f"最多 {MAX_RESPONSIBLE} 名责任人"
    return errors


def _person(sess: Session, tenant: Tenant, person: dict) -> dict:
    """``{"user_id", "name"}``: a named account of the township, or a name alone."""
    user_id = person.get("user_id")
    if user_id is None:
        return {"user_id": None, "name": plain(person["name"])}
    user = sess.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(User.id == user_id, Membership.tenant_id == tenant.id)
    )
    if user is None:
        raise Invalid("责任人不是本乡镇的人员。", fields={"responsible": "未知的责任人"})
    return {"user_id": user.id, "name": plain(person.get("name")) or user.label}


def _warnings(sess, tenant, village, warning_ids, errors) -> list[Warning]:
    wanted = sorted(set(warning_ids))
    if not wanted:
        return []
    found = list(
        sess.scalars(
            select(Warning).where(
                Warning.id.in_(wanted),
                Warning.tenant_id == tenant.id,
                Warning.village_id == village.id,
            )
        )
    )
    if len(found) != len(wanted):
        errors["warnings"] = "只能选择本村的预警"
    return found


def _attachments(sess: Session, tenant: Tenant, tokens: Iterable[str]) -> list[Attachment]:
    wanted = list(dict.fromkeys(t for t in tokens if t))
    if not wanted:
        return []
    found = list(
        sess.scalars(
            select(Attachment).where(
                Attachment.tenant_id == tenant.id, Attachment.token.in_(wanted)
            )
        )
    )
    if len(found) != len(wanted):
        raise Invalid("找不到所附的文件，请重新上传。", fields={"attachments": "未知的附件"})
    return found


def _judge(tenant, actor, order, verdict: str, comment: str) -> Rectification:
    require_judge(actor, tenant)
    if order.status != SUBMITTED:
        raise Conflict(f"督查令当前为“{order.status_label}”，没有待验收的整改。")
    if len(comment or "") > MAX_TEXT:
        raise Invalid(f"意见最多 {MAX_TEXT} 字。", fields={"comment": f"最多 {MAX_TEXT} 字"})
    rectification = order.rectifications[-1]
    now = utcnow()
    rectification.verdict, rectification.comment = verdict, plain(comment) or None
    rectification.judged_by_id, rectification.judged_at = actor.id, now
    order.status, order.updated_at = verdict, now
    return rectification


def _audit(sess: Session, order: SupervisionOrder, action: str, actor=None, **extra) -> None:
    record(
        sess,
        tenant_id=order.tenant_id,
        action=action,
        subject_type="supervision_order",
        subject_id=order.id,
        payload={
            "village_id": order.village_id,
            "colour": order.colour,
            "status": order.status,
            **extra,
        },
        actor=actor,
    )


def _link(tenant: Tenant, order: SupervisionOrder) -> str:
    return f"/t/{tenant.slug}/orders/{order.id}"


def _tell_village(sess: Session, tenant: Tenant, order: SupervisionOrder, text: str) -> None:
    """The village's secretary and director, and the responsible people with accounts."""
    staff = sess.scalars(
        select(Membership.user_id).where(
            Membership.tenant_id == tenant.id,
            Membership.village_id == order.village_id,
            Membership.role_key.in_(RECTIFIERS),
        )
    )
    notify(sess, tenant, set(staff) | order.responsible_user_ids, text, _link(tenant, order))


def _tell_inspectors(sess: Session, tenant: Tenant, order: SupervisionOrder, text: str) -> None:
    """The township's inspectors and whoever issued the order."""
    inspectors = set(
        sess.scalars(
            select(Membership.user_id).where(
                Membership.tenant_id == tenant.id, Membership.role_key == "township_inspector"
            )
        )
    )
    if order.issued_by_id:
        inspectors.add(order.issued_by_id)
    notify(sess, tenant, inspectors, text, _link(tenant, order))
