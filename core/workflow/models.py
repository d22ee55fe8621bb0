"""Cases (办件), their step runs (环节办理), notices (公示) and objections (异议)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from core.catalog.models import Item, ItemVersion
from core.db import Base, TenantOwned, identity, tenant_join, tenant_reference, utcnow
from tenants.models import Village

CASE_STATUSES = ("open", "returned", "completed", "withdrawn")
CASE_STATUS_LABELS = {
    "open": "办理中",
    "returned": "已退回",
    "completed": "已办结",
    "withdrawn": "已撤销",
}
STEP_STATUSES = ("active", "completed", "returned", "cancelled")


class ProcessSnapshot(TenantOwned, Base):
    """The concrete steps of an item version as expanded by a tenant's rules at some moment.

    A case points at the snapshot it started with, so changing the local 四议两公开 rules
    later changes nothing for cases already running. Identical expansions are shared.
    """

    __tablename__ = "process_snapshots"
    __table_args__ = (UniqueConstraint("tenant_id", "digest"),)

    item_version_id: Mapped[int] = mapped_column(ForeignKey("item_versions.id"))
    digest: Mapped[str] = mapped_column(String(64))
    steps: Mapped[list] = mapped_column(JSON)


class Case(TenantOwned, Base):
    """One run of an item's process in one village, pinned to the item version it started with.

    ``version`` is the optimistic lock: every change to a case bumps it, so of two people
    completing the same step at once exactly one succeeds.
    """

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("tenant_id", "code"),
        Index("ix_cases_tenant_id_status", "tenant_id", "status"),
        tenant_reference("village_id", "villages"),
        tenant_reference("process_id", "process_snapshots"),
    )

    #: what the QR code and the public look-up use, e.g. ``CHENGGUAN-2026-000123``
    code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    village_id: Mapped[int] = mapped_column(index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    item_version_id: Mapped[int] = mapped_column(ForeignKey("item_versions.id"))
    process_id: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="open")
    #: the union of the step forms' data, as stored (JSON-ready values)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    withdraw_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    village: Mapped[Village] = relationship(primaryjoin=tenant_join("Village", "Case.village_id"))
    item: Mapped[Item] = relationship()
    item_version: Mapped[ItemVersion] = relationship()
    process: Mapped[ProcessSnapshot] = relationship(
        primaryjoin=tenant_join("ProcessSnapshot", "Case.process_id"), lazy="joined"
    )
    runs: Mapped[list[StepRun]] = relationship(
        primaryjoin=tenant_join("Case", "StepRun.case_id"),
        back_populates="case",
        order_by="StepRun.id",
        cascade="all, delete-orphan",
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {**identity(cls), "version_id_col": cls.__table__.c.version}

    @property
    def status_label(self) -> str:
        return CASE_STATUS_LABELS[self.status]

    @property
    def active_runs(self) -> list[StepRun]:
        return [r for r in self.runs if r.status == "active"]


class StepRun(TenantOwned, Base):
    """One time a step of a case was (or is being) worked on. A returned step runs again."""

    __tablename__ = "step_runs"
    __table_args__ = (
        Index("ix_step_runs_tenant_id_status_due_at", "tenant_id", "status", "due_at"),
        Index("ix_step_runs_tenant_id_village_id_status", "tenant_id", "village_id", "status"),
        Index("ix_step_runs_tenant_id_assignee_id", "tenant_id", "assignee_id"),
        Index("ix_step_runs_tenant_id_step_key_status", "tenant_id", "step_key", "status"),
        tenant_reference("case_id", "cases", ondelete="CASCADE"),
        tenant_reference("village_id", "villages"),
    )

    case_id: Mapped[int] = mapped_column(index=True)
    #: the case's village, kept on the run too: a village's to-do list is then read from the
    #: village's runs alone, not from every running step of the township
    village_id: Mapped[int]
    step_key: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16), default="active")
    #: set by 转办 (transfer): only this person may complete the step
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: who completed it (None: the system, e.g. a notice closed by the sweep)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: 代办: the villager the actor filed for, ``{"name", "id_number"?}``
    on_behalf_of: Mapped[dict | None] = mapped_column(JSON)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    #: countersign signatures so far: ``[{"role", "user_id", "at"}]``
    signatures: Mapped[list] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(
        primaryjoin=tenant_join("Case", "StepRun.case_id"), back_populates="runs"
    )


class Notice(TenantOwned, Base):
    """A public notice (公示) posted by a notice step: what is published and for how long."""

    __tablename__ = "notices"
    __table_args__ = (
        Index("ix_notices_tenant_id_status_ends_at", "tenant_id", "status", "ends_at"),
        Index("ix_notices_tenant_id_step_run_id", "tenant_id", "step_run_id"),
        tenant_reference("case_id", "cases", ondelete="CASCADE"),
        tenant_reference("step_run_id", "step_runs", ondelete="CASCADE"),
    )

    case_id: Mapped[int] = mapped_column(index=True)
    step_run_id: Mapped[int]
    step_key: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    #: the published fields, ``[{"label", "text"}]`` already masked for the public
    published: Mapped[list] = mapped_column(JSON, default=list)
    days: Mapped[int]
    starts_at: Mapped[datetime] = mapped_column(default=utcnow)
    ends_at: Mapped[datetime]
    #: ``open`` while posted, ``closed`` once its step is completed
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[datetime | None]

    case: Mapped[Case] = relationship(primaryjoin=tenant_join("Case", "Notice.case_id"))
    objections: Mapped[list[Objection]] = relationship(
        primaryjoin=tenant_join("Notice", "Objection.notice_id"),
        back_populates="notice",
        order_by="Objection.id",
        cascade="all, delete-orphan",
    )


class Objection(TenantOwned, Base):
    """A villager's objection (异议) to a running notice. Open ones hold the notice open."""

    __tablename__ = "objections"
    __table_args__ = (tenant_reference("notice_id", "notices", ondelete="CASCADE"),)

    notice_id: Mapped[int] = mapped_column(index=True)
    text: Mapped[str] = mapped_column(Text)
    #: a phone number when the villager leaves one; anonymous otherwise
    contact: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]

    notice: Mapped[Notice] = relationship(
        primaryjoin=tenant_join("Notice", "Objection.notice_id"), back_populates="objections"
    )


class CaseCounter(TenantOwned, Base):
    """The last case number handed out per tenant and year."""

    __tablename__ = "case_counters"
    __table_args__ = (UniqueConstraint("tenant_id", "year"),)

    year: Mapped[int]
    last: Mapped[int] = mapped_column(default=0)


class IdempotencyKey(TenantOwned, Base):
    """A request already carried out: resubmitting it returns the first answer again."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        UniqueConstraint("tenant_id", "key"),
        tenant_reference("case_id", "cases", ondelete="CASCADE"),
    )

    key: Mapped[str] = mapped_column(String(100))
    case_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
