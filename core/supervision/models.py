"""Reports by villagers (码上举报) and objections to notices, as the supervision queue sees them.

A report is anonymous unless the villager leaves a phone number; the number is for the
supervisors alone and never appears on a public page. The tracking code is the villager's only
handle on the report, so it is random and unguessable, never a sequence number.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.db import Base, TenantOwned, tenant_join, tenant_reference, utcnow
from core.workflow.models import Notice, Objection
from tenants.models import Village

KINDS = ("report", "objection")
STATUSES = ("received", "handling", "answered", "closed")
STATUS_LABELS = {
    "received": "已受理",
    "handling": "办理中",
    "answered": "已答复",
    "closed": "已办结",
}


class Complaint(TenantOwned, Base):
    """A villager's report (举报) or objection (异议) filed from a public page."""

    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("tenant_id", "tracking_code"),
        Index("ix_complaints_tenant_id_status_due_at", "tenant_id", "status", "due_at"),
        Index("ix_complaints_tenant_id_village_id", "tenant_id", "village_id"),
        Index("ix_complaints_tenant_id_assigned_to_id", "tenant_id", "assigned_to_id"),
        tenant_reference("village_id", "villages", ondelete="CASCADE"),
        tenant_reference("notice_id", "notices"),
        tenant_reference("objection_id", "objections"),
    )

    #: what the villager follows the answer with, e.g. ``7KQ4M9XA2HPD``
    tracking_code: Mapped[str] = mapped_column(String(20))
    #: ``report`` (码上举报) or ``objection`` (异议 to a running notice)
    kind: Mapped[str] = mapped_column(String(16), default="report")
    village_id: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    #: for the supervisors only; None when the report is anonymous
    phone: Mapped[str | None] = mapped_column(String(20))
    #: ids of the attached photos (``core.attachments``)
    photo_ids: Mapped[list] = mapped_column(JSON, default=list)
    #: the notice objected to, and the engine's objection that holds it open
    notice_id: Mapped[int | None]
    objection_id: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(16), default="received")
    #: the answer the villager reads with the tracking code
    answer: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    #: when an answer is owed (villagers' queries are answered within 10 days)
    due_at: Mapped[datetime]
    #: the inspector handling the report (承办人); they alone below the county see the phone
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: when the report was closed (办结), after its answer
    closed_at: Mapped[datetime | None]

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "Complaint.village_id")
    )
    assigned_to: Mapped[User | None] = relationship()
    notice: Mapped[Notice | None] = relationship(
        primaryjoin=tenant_join("Notice", "Complaint.notice_id")
    )
    objection: Mapped[Objection | None] = relationship(
        primaryjoin=tenant_join("Objection", "Complaint.objection_id")
    )

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


class PublicSubmission(TenantOwned, Base):
    """One accepted public submission, kept a day for rate limits and duplicate checks.

    The client is an HMAC of its address, so the table can count without storing addresses.
    Counting rows in the database works across every app process.
    """

    __tablename__ = "public_submissions"
    __table_args__ = (
        Index("ix_public_submissions_tenant_id_client_at", "tenant_id", "client", "at"),
        Index("ix_public_submissions_tenant_id_village_id_at", "tenant_id", "village_id", "at"),
        tenant_reference("village_id", "villages", ondelete="CASCADE"),
    )

    village_id: Mapped[int]
    client: Mapped[str] = mapped_column(String(64))
    #: SHA-256 of the normalised text, to refuse the same text twice
    digest: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
