"""Holidays and make-up working days a county enters (节假日与调休上班日).

The official calendar stops at the last year the State Council had announced when the
``chinese-calendar`` package was released. For later years, and for local holidays, county
admins enter days here; the county's townships count by the same entries. Each entry is
audited, because it moves every deadline in the county.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import CheckConstraint, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.audit import record
from core.db import Base, TenantOwned, Timestamped
from core.errors import Invalid, NotFound
from tenants.models import Tenant

from .calendar import HOLIDAY, WORKDAY, Calendar

KIND_LABELS = {HOLIDAY: "放假", WORKDAY: "调休上班"}
#: the longest run of days one entry may cover (the longest holiday is eight or nine days)
MAX_RUN = 31


class HolidayOverride(TenantOwned, Timestamped, Base):
    """A day a county declares a holiday or a working day, whatever the calendar says."""

    __tablename__ = "holiday_overrides"
    __table_args__ = (
        UniqueConstraint("tenant_id", "day"),
        CheckConstraint("kind IN ('holiday', 'workday')", name="kind"),
    )

    day: Mapped[date]
    #: ``holiday`` (a rest day) or ``workday`` (a make-up working day)
    kind: Mapped[str] = mapped_column(String(16))
    #: e.g. "2027 年国庆节"
    note: Mapped[str] = mapped_column(String(100), default="")


def entered_days(sess: Session, tenant: Tenant) -> list[HolidayOverride]:
    """The days entered by ``tenant``'s county, in date order."""
    return list(
        sess.scalars(
            select(HolidayOverride)
            .where(HolidayOverride.tenant_id == tenant.county.id)
            .order_by(HolidayOverride.day)
        )
    )


def calendar_for(sess: Session, tenant: Tenant) -> Calendar:
    """The calendar deadlines of ``tenant`` (a county or a township) are counted by."""
    entered = {d.day: d.kind for d in entered_days(sess, tenant)}
    return Calendar(tenant.timezone, entered)


def enter_days(
    sess: Session, county: Tenant, first: date, last: date | None, kind: str, note: str = ""
) -> list[HolidayOverride]:
    """Declare ``first`` (through ``last``) holidays or make-up working days of ``county``.

    A day that would not change anything (a working Wednesday entered as a working day) is
    refused, as is a day already entered: remove it first to change it.
    """
    if county.kind != "county":
        raise Invalid("节假日和调休上班日由县（区）统一录入。")
    if kind not in KIND_LABELS:
        raise Invalid("请选择“放假”或“调休上班”。", fields={"kind": "未知类型"})
    last = last or first
    if last < first:
        raise Invalid("结束日期不能早于开始日期。", fields={"last": "早于开始日期"})
    if (last - first).days >= MAX_RUN:
        raise Invalid(f"一次最多录入 {MAX_RUN} 天。", fields={"last": "范围太大"})
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    _refuse_entered(sess, county, days)
    official = Calendar()
    if all(official.is_working_day(d) == (kind == WORKDAY) for d in days):
        label = "工作日" if kind == WORKDAY else "休息日"
        raise Invalid(
            f"所选日期按现有日历本来就是{label}，无需录入。", fields={"first": "无需录入"}
        )
    rows = [HolidayOverride(tenant_id=county.id, day=d, kind=kind, note=note.strip()) for d in days]
    sess.add_all(rows)
    sess.flush()
    record(
        sess,
        tenant_id=county.id,
        action="calendar.days_entered",
        subject_type="calendar",
        subject_id=county.id,
        payload={"first": first, "last": last, "kind": kind, "note": note.strip()},
    )
    return rows


def _refuse_entered(sess: Session, county: Tenant, days: list[date]) -> None:
    taken = sess.scalars(
        select(HolidayOverride.day).where(
            HolidayOverride.tenant_id == county.id, HolidayOverride.day.in_(days)
        )
    ).first()
    if taken is not None:
        raise Invalid(
            f"{taken.isoformat()} 已经录入过，如需修改请先删除原记录。", fields={"first": "已录入"}
        )


def remove_day(sess: Session, county: Tenant, override_id: int) -> HolidayOverride:
    """Take one entered day back out; it counts by the official calendar again."""
    row = sess.scalar(
        select(HolidayOverride).where(
            HolidayOverride.id == override_id, HolidayOverride.tenant_id == county.id
        )
    )
    if row is None:
        raise NotFound("找不到该日期记录，可能已被删除。")
    sess.delete(row)
    sess.flush()
    record(
        sess,
        tenant_id=county.id,
        action="calendar.day_removed",
        subject_type="calendar",
        subject_id=county.id,
        payload={"day": row.day, "kind": row.kind, "note": row.note},
    )
    return row
