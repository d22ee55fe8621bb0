"""Notices (公示): posted by a notice step, open for their days, held open by objections.

A notice cannot be closed before its days have passed, nor while an objection is unresolved.
The sweep closes a notice whose days are over and that nobody objects to.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.errors import Conflict, Invalid, NotFound
from formbuilder.fieldtypes.submission import field_type

from . import process
from .models import Case, Notice, Objection, StepRun

MAX_OBJECTION = 2000


def post(sess: Session, case: Case, run: StepRun, step: dict) -> Notice:
    """Publish the case's public fields for ``notice_days`` days from now."""
    days = int(step.get("notice_days") or 1)
    starts = run.started_at
    notice = Notice(
        tenant_id=case.tenant_id,
        case=case,
        step_run_id=run.id,
        step_key=run.step_key,
        title=f"{case.title}：{step.get('name') or ''}",
        published=public_fields(case),
        days=days,
        starts_at=starts,
        ends_at=starts + timedelta(days=days),
    )
    sess.add(notice)
    sess.flush()
    return notice


def public_fields(case: Case) -> list[dict]:
    """The fields marked public in every step, as the public may read them (masked)."""
    shown = []
    for step in process.steps(case):
        for definition in step.get("fields") or ():
            key = definition["key"]
            if definition.get("public") and key in (case.data or {}):
                kind = field_type(definition)
                shown.append(
                    {
                        "key": key,
                        "label": definition.get("label", key),
                        "text": kind.public_text(case.data[key], definition),
                    }
                )
    return shown


def notice_of(sess: Session, run: StepRun) -> Notice:
    notice = sess.scalar(select(Notice).where(Notice.step_run_id == run.id))
    if notice is None:
        raise NotFound("找不到该公示。")
    return notice


def check_can_close(sess: Session, run: StepRun) -> None:
    notice = notice_of(sess, run)
    now = utcnow()
    if now < notice.ends_at:
        left = notice.ends_at - now
        days = left.days + (1 if left.seconds else 0)
        raise Conflict(
            f"公示期未满：须公示 {notice.days} 天，到 {notice.ends_at:%Y-%m-%d %H:%M}（UTC）结束，"
            f"还差约 {days} 天，不能提前结束。",
            code="notice_too_early",
        )
    open_count = sum(1 for o in notice.objections if o.status == "open")
    if open_count:
        raise Conflict(
            f"公示有 {open_count} 条异议尚未处理，处理完毕前不能结束公示。", code="notice_objection"
        )


def close(sess: Session, run: StepRun) -> None:
    notice = notice_of(sess, run)
    notice.status, notice.closed_at = "closed", utcnow()


def close_all(sess: Session, case: Case) -> None:
    for notice in sess.scalars(
        select(Notice).where(Notice.case_id == case.id, Notice.status == "open")
    ):
        notice.status, notice.closed_at = "closed", utcnow()


def file_objection(sess: Session, notice: Notice, text: str, contact: str | None) -> Objection:
    """A villager objects to a running notice; the notice stays open until it is resolved."""
    text = (text or "").strip()
    if not text:
        raise Invalid("请写明异议内容。", fields={"text": "必填"})
    if len(text) > MAX_OBJECTION:
        raise Invalid(f"异议内容不能超过 {MAX_OBJECTION} 字。", fields={"text": "太长"})
    if notice.status != "open":
        raise Conflict("该公示已经结束，不能再提出异议。", code="notice_closed")
    objection = Objection(
        tenant_id=notice.tenant_id,
        notice=notice,
        text=text,
        contact=(contact or "").strip() or None,
    )
    sess.add(objection)
    sess.flush()
    return objection


def resolve_objection(sess: Session, objection: Objection, user_id: int, resolution: str) -> None:
    resolution = (resolution or "").strip()
    if not resolution:
        raise Invalid("请写明处理结果。", fields={"resolution": "必填"})
    if objection.status != "open":
        raise Conflict("该异议已经处理过了。", code="already_resolved")
    objection.status, objection.resolution = "resolved", resolution
    objection.resolved_by_id, objection.resolved_at = user_id, utcnow()
    sess.flush()
