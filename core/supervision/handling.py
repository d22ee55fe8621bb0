"""Handling villagers' reports (码上举报办理): the queue, deadlines, and what inspectors do.

Who sees and handles which report is :mod:`report_access`'s; a report outside the caller's
reach answers exactly like a missing one.

A report is assigned (指派) to an inspector, noted on (内部备注, never public), answered (公开答复,
read by the villager with the tracking code), linked to the township's cases, warnings and
orders, and closed (办结) once answered. The answer is owed within a number of working days
from receipt (a local figure, :data:`report_settings.ANSWER_DAYS`). Every action is a
:class:`ComplaintEvent` and an audit event, in the caller's transaction.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import datetime
from typing import Protocol

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, joinedload

from core import audit, db, settings
from core.attachments.models import Attachment
from core.auth.models import User
from core.db import utcnow
from core.errors import Conflict, Forbidden, Invalid, NotFound
from core.rules.models import Warning
from core.workflow.holidays import calendar_for
from core.workflow.models import Case
from tenants.models import Tenant, Village

from .models import Complaint
from .order_models import SupervisionOrder
from .report_access import HANDLING_LEVELS, Reach, handles, levels_over
from .report_models import ComplaintEvent
from .report_settings import ANSWER_DAYS

REPORT = "report"
RECEIVED, HANDLING, ANSWERED, CLOSED = "received", "handling", "answered", "closed"
#: still owed an answer
UNANSWERED = (RECEIVED, HANDLING)
#: the status filter beyond the statuses themselves: received or in hand
OPEN = "open"
LINK_KINDS = {"case": "办件", "warning": "预警", "order": "督查令"}
MAX_TEXT = 2000
MAX_ID = 2**31 - 1
#: a case code is at most 40 characters
MAX_REF = 40
NOT_FOUND = "找不到该举报，或您无权查看。"


def allowed_actions(user: User, complaint: Complaint) -> set[str]:
    """What ``user`` may do to ``complaint`` as it stands: for the page's buttons."""
    levels = levels_over(user, complaint)
    allowed = {"note"} if levels else set()
    if levels & set(HANDLING_LEVELS):
        if complaint.status in UNANSWERED:
            allowed |= {"assign", "answer"}
        if complaint.status != CLOSED:
            allowed.add("link")
        if complaint.status == ANSWERED:
            allowed.add("close")
    return allowed


# --- deadlines ------------------------------------------------------------------------------


def answer_due(sess: Session, tenant: Tenant, received_at: datetime) -> datetime:
    """When the answer to a report received at ``received_at`` is owed, in working days."""
    days = int(settings.value(tenant, ANSWER_DAYS))
    return calendar_for(sess, tenant).due(received_at, days)


def is_overdue(complaint: Complaint, now: datetime | None = None) -> bool:
    return complaint.status in UNANSWERED and complaint.due_at < (now or utcnow())


def answered_late(complaint: Complaint) -> bool:
    return complaint.answered_at is not None and complaint.answered_at > complaint.due_at


class Period(Protocol):
    """A rating period (``ratings.Month``): its bounds in UTC."""

    starts: datetime
    ends: datetime


def late_answers(
    sess: Session, tenant_id: int, village_id: int, period: Period, now: datetime | None = None
) -> int:
    """The village's reports whose answer fell due in ``period`` (and by ``now``) and came
    late or not at all — what the village ratings count as late answers."""
    return sess.scalar(
        select(func.count(Complaint.id)).where(
            Complaint.village_id == village_id, *late_answer_terms(tenant_id, period, now)
        )
    )


def late_answer_terms(tenant_id: int, period: Period, now: datetime | None = None) -> tuple:
    """The conditions that make a complaint a late answer in ``period``: a report (an
    objection is answered by its notice's review, not here), due in the period by ``now``,
    answered after its due time or not at all. The ratings group by village on the same terms."""
    due_by = min(period.ends, now or utcnow())
    return (
        Complaint.tenant_id == tenant_id,
        Complaint.kind == REPORT,
        Complaint.due_at >= period.starts,
        Complaint.due_at < due_by,
        or_(Complaint.answered_at.is_(None), Complaint.answered_at > Complaint.due_at),
    )


# --- reading --------------------------------------------------------------------------------


def queue_query(
    reach: Reach,
    *,
    status: str | None = OPEN,
    village: str | None = None,
    overdue: bool = False,
    now: datetime | None = None,
) -> Select:
    """The reports in ``reach`` that pass the filters, the answer owed soonest first.

    ``status`` is a status, ``open`` (received or in hand) or None (all); ``village`` a
    village's code; ``overdue`` keeps the unanswered reports past their deadline.
    """
    query = select(Complaint).where(Complaint.kind == REPORT, reach.condition(Complaint))
    if status == OPEN:
        query = query.where(Complaint.status.in_(UNANSWERED))
    elif status:
        query = query.where(Complaint.status == status)
    if village:
        query = query.where(
            Complaint.village_id.in_(select(Village.id).where(Village.code == village))
        )
    if overdue:
        query = query.where(Complaint.status.in_(UNANSWERED), Complaint.due_at < (now or utcnow()))
    return query.options(joinedload(Complaint.village), joinedload(Complaint.assigned_to)).order_by(
        Complaint.due_at, Complaint.id
    )


def queue(sess: Session, reach: Reach, **filters) -> list[Complaint]:
    return list(sess.scalars(queue_query(reach, **filters)).unique())


def report_in_reach(sess: Session, reach: Reach, report_id: int) -> Complaint:
    """The report, if ``reach`` covers it; otherwise 404, exactly as for a missing one."""
    found = sess.scalar(
        select(Complaint).where(
            Complaint.id == report_id, Complaint.kind == REPORT, reach.condition(Complaint)
        )
    )
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


def history(sess: Session, complaint: Complaint) -> list[ComplaintEvent]:
    return list(
        sess.scalars(
            select(ComplaintEvent)
            .where(ComplaintEvent.complaint_id == complaint.id)
            .options(joinedload(ComplaintEvent.actor))
            .order_by(ComplaintEvent.at, ComplaintEvent.id)
        )
    )


def links(events: list[ComplaintEvent]) -> list[dict]:
    """The cases, warnings and orders linked to the report, as ``{"kind", "id", "label"}``."""
    return [dict(e.data) for e in events if e.kind == "linked"]


def photo(sess: Session, complaint: Complaint, number: int) -> Attachment:
    """The report's ``number``-th photo (from 1), for those who may see the report."""
    ids = complaint.photo_ids or []
    found = None
    if 1 <= number <= len(ids):
        found = sess.scalar(
            select(Attachment).where(
                Attachment.tenant_id == complaint.tenant_id, Attachment.id == ids[number - 1]
            )
        )
    if found is None:
        raise NotFound("找不到该照片。")
    return found


# --- acting ---------------------------------------------------------------------------------


def assign(sess: Session, complaint: Complaint, actor: User, username: str) -> ComplaintEvent:
    """Give the report to an inspector who may handle it; it is in hand from then on."""
    _require_handler(actor, complaint)
    _require_status(complaint, UNANSWERED, "已答复或已办结的举报不能再指派。")
    username = (username or "").strip()
    assignee = None
    if username.isprintable():  # a control character could not be looked up, only refused
        with db.system_scope() as system:
            assignee = system.scalar(select(User).where(User.username == username))
    if assignee is None or not assignee.active or not handles(assignee, complaint):
        raise Invalid(
            "不能指派给该用户。",
            fields={"to_user": "找不到该用户，或其不是能办理此举报的纪检监察人员。"},
        )
    complaint.assigned_to_id = assignee.id
    complaint.status = HANDLING
    return _record(
        sess, complaint, actor, "assigned", data={"to": assignee.id}, text=assignee.label
    )


def note(sess: Session, complaint: Complaint, actor: User, text: str) -> ComplaintEvent:
    """An internal note: for the supervisors, never for the public."""
    if not levels_over(actor, complaint):
        raise Forbidden("只有村务监督委员会和纪检监察人员可以备注。")
    return _record(sess, complaint, actor, "noted", text=_written(text, "text", "请填写备注内容。"))


def answer(sess: Session, complaint: Complaint, actor: User, text: str) -> ComplaintEvent:
    """The public answer: the villager reads it, with its date, by the tracking code."""
    _require_handler(actor, complaint)
    _require_status(complaint, UNANSWERED, "该举报已经答复，不能重复答复。")
    complaint.answer = _written(text, "text", "请填写答复内容：查了什么、结果如何。")
    complaint.answered_at = utcnow()
    complaint.status = ANSWERED
    return _record(sess, complaint, actor, "answered", text=complaint.answer)


def link(sess: Session, complaint: Complaint, actor: User, kind: str, ref: str) -> ComplaintEvent:
    """Link a case (by code or id), a warning or an order (by id) of the report's township."""
    _require_handler(actor, complaint)
    _require_status(complaint, (RECEIVED, HANDLING, ANSWERED), "已办结的举报不能再关联。")
    if kind not in LINK_KINDS:
        raise Invalid(
            "关联类型有误。",
            fields={"kind": "应为 case（办件）、warning（预警）或 order（督查令）"},
        )
    found = _linkable(sess, complaint.tenant_id, kind, (ref or "").strip())
    if found in links(history(sess, complaint)):
        raise Conflict(f"已经关联过该{LINK_KINDS[kind]}。")
    return _record(sess, complaint, actor, "linked", data=found)


def close(sess: Session, complaint: Complaint, actor: User) -> ComplaintEvent:
    """Close (办结) an answered report."""
    _require_handler(actor, complaint)
    _require_status(complaint, (ANSWERED,), "只有已答复的举报可以办结：请先答复举报人。")
    complaint.status = CLOSED
    complaint.closed_at = utcnow()
    return _record(sess, complaint, actor, "closed")


def _linkable(sess: Session, tenant_id: int, kind: str, ref: str) -> dict:
    number = None
    if ref.isascii() and ref.isdigit() and len(ref) < 11 and int(ref) <= MAX_ID:
        number = int(ref)
    missing = Invalid(
        f"本乡镇没有这个{LINK_KINDS[kind]}。",
        fields={"ref": "请填写本乡镇的办件编号或编号数字、预警编号或督查令编号"},
    )
    if not ref.isprintable() or len(ref) > MAX_REF:
        raise missing
    if kind == "case":
        match = Case.code == ref.upper()
        if number is not None:
            match = or_(match, Case.id == number)
        case = sess.scalar(select(Case).where(Case.tenant_id == tenant_id, match).limit(1))
        if case is None:
            raise missing
        return {"kind": kind, "id": case.id, "label": f"{case.code} {case.title}"}
    if number is None:
        raise missing
    if kind == "warning":
        warning = sess.scalar(
            select(Warning).where(Warning.tenant_id == tenant_id, Warning.id == number)
        )
        if warning is None:
            raise missing
        return {"kind": kind, "id": warning.id, "label": warning.message}
    order = sess.scalar(
        select(SupervisionOrder).where(
            SupervisionOrder.tenant_id == tenant_id, SupervisionOrder.id == number
        )
    )
    if order is None:
        raise missing
    return {"kind": kind, "id": order.id, "label": f"{order.colour_label}督查令：{order.failing}"}


def _require_handler(actor: User, complaint: Complaint) -> None:
    if not handles(actor, complaint):
        raise Forbidden("只有乡镇或县（区）纪检监察人员可以办理举报。")


def _require_status(complaint: Complaint, allowed, message: str) -> None:
    if complaint.status not in allowed:
        raise Conflict(message)


def _written(text: str | None, field: str, message: str) -> str:
    """What a person wrote: required, at most :data:`MAX_TEXT`, storable (no control
    characters but line breaks and tabs)."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise Invalid(message, fields={field: message})
    if len(cleaned) > MAX_TEXT:
        raise Invalid("内容太长。", fields={field: f"最多 {MAX_TEXT} 个字"})
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\r\t" for c in cleaned):
        raise Invalid("内容含有无法保存的控制字符。", fields={field: "不能包含控制字符"})
    return cleaned


def _record(
    sess: Session,
    complaint: Complaint,
    actor: User,
    kind: str,
    *,
    text: str | None = None,
    data: dict | None = None,
) -> ComplaintEvent:
    """The action as the report's history and as an audit event.

    The audit log is read by admins, whom a report may concern: it keeps a digest of an
    internal note, not its words; the answer is public anyway.
    """
    event = ComplaintEvent(
        tenant_id=complaint.tenant_id,
        complaint_id=complaint.id,
        actor_id=actor.id,
        kind=kind,
        text=text,
        data=data or {},
        at=utcnow(),
    )
    sess.add(event)
    sess.flush()
    written = {}
    if text is not None:
        written = (
            {"text_sha256": hashlib.sha256(text.encode()).hexdigest()}
            if kind == "noted"
            else {"text": text}
        )
    audit.record(
        sess,
        tenant_id=complaint.tenant_id,
        action=f"complaint.{kind}",
        subject_type="complaint",
        subject_id=complaint.id,
        payload={
            "tracking_code": complaint.tracking_code,
            "status": complaint.status,
            **written,
            **(data or {}),
        },
        actor=audit.actor_of(actor),
    )
    return event
