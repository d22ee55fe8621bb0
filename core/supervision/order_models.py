"""Supervision orders (督查令): what an inspector orders a village to put right, by when, and
the village's rectifications (整改) answering it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, tenant_join, tenant_reference, utcnow
from core.rules.models import SEVERITIES, SEVERITY_LABELS, Warning
from tenants.models import Village

#: 三色, least to most serious: the warnings' colours
COLOURS = SEVERITIES
COLOUR_LABELS = SEVERITY_LABELS
ISSUED, SUBMITTED, ACCEPTED, SENT_BACK = (
    "issued",
    "rectification_submitted",
    "accepted",
    "sent_back",
)
STATUS_LABELS = {
    ISSUED: "待整改",
    SUBMITTED: "整改待验收",
    ACCEPTED: "已验收",
    SENT_BACK: "已退回重改",
}
#: the states in which the village still owes a rectification that passes
UNFINISHED = (ISSUED, SUBMITTED, SENT_BACK)
VERDICT_LABELS = {ACCEPTED: "验收通过", SENT_BACK: "退回重改"}


class SupervisionOrder(TenantOwned, Base):
    """An order (督查令) to one village of a township: the failing, the deadline, the people
    responsible. It lives in the village's township, whoever issued it (township or county)."""

    __tablename__ = "supervision_orders"
    __table_args__ = (
        Index("ix_supervision_orders_tenant_id_village_id", "tenant_id", "village_id"),
        Index("ix_supervision_orders_tenant_id_status_deadline", "tenant_id", "status", "deadline"),
        CheckConstraint("colour IN ('blue', 'yellow', 'red')", name="colour"),
        tenant_reference("village_id", "villages", ondelete="CASCADE"),
    )

    village_id: Mapped[int]
    colour: Mapped[str] = mapped_column(String(8))
    #: what is wrong and must be put right (存在问题)
    failing: Mapped[str] = mapped_column(Text)
    #: the rectification is due by the end of this day, in the tenant's time zone
    deadline: Mapped[date]
    #: ``[{"user_id": 12 | None, "name": "张三"}]``: accounts where the person has one
    responsible: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(24), default=ISSUED)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]
    #: when the sweep found it past its deadline and raised its colour (once per order)
    overdue_at: Mapped[datetime | None]

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "SupervisionOrder.village_id")
    )
    rectifications: Mapped[list[Rectification]] = relationship(
        primaryjoin=tenant_join("SupervisionOrder", "Rectification.order_id"),
        back_populates="order",
        order_by="Rectification.id",
        cascade="all, delete-orphan",
    )
    links: Mapped[list[OrderWarning]] = relationship(
        primaryjoin=tenant_join("SupervisionOrder", "OrderWarning.order_id"),
        cascade="all, delete-orphan",
    )
    warnings: Mapped[list[Warning]] = relationship(
        secondary="supervision_order_warnings", viewonly=True, order_by=Warning.id
    )

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def colour_label(self) -> str:
        return COLOUR_LABELS[self.colour]

    @property
    def responsible_user_ids(self) -> set[int]:
        return {p["user_id"] for p in self.responsible if p.get("user_id")}


class OrderWarning(TenantOwned, Base):
    """One warning an order was issued from (an order may answer several, or none)."""

    __tablename__ = "supervision_order_warnings"
    __table_args__ = (
        UniqueConstraint("tenant_id", "order_id", "warning_id"),
        tenant_reference(
            "order_id",
            "supervision_orders",
            ondelete="CASCADE",
            name="fk_supervision_order_warnings_tenant_id_order_id_orders",
        ),
        tenant_reference("warning_id", "warnings", ondelete="CASCADE"),
    )

    order_id: Mapped[int]
    warning_id: Mapped[int]


class Rectification(TenantOwned, Base):
    """One rectification the village submitted (整改报告), and the inspector's verdict on it."""

    __tablename__ = "supervision_rectifications"
    __table_args__ = (
        Index("ix_supervision_rectifications_tenant_id_order_id", "tenant_id", "order_id"),
        tenant_reference(
            "order_id",
            "supervision_orders",
            ondelete="CASCADE",
            name="fk_supervision_rectifications_tenant_id_order_id_orders",
        ),
    )

    order_id: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    #: ids of the attached files (``core.attachments``)
    attachment_ids: Mapped[list] = mapped_column(JSON, default=list)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: ``accepted`` or ``sent_back``; None while it waits for the inspector
    verdict: Mapped[str | None] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text)
    judged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    judged_at: Mapped[datetime | None]

    order: Mapped[SupervisionOrder] = relationship(
        primaryjoin=tenant_join("SupervisionOrder", "Rectification.order_id"),
        back_populates="rectifications",
    )

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS.get(self.verdict or "", "待验收")
