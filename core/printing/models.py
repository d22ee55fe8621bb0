"""``Document``: one generated printable document, from request to file."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, tenant_join, tenant_reference, utcnow
from tenants.models import Village

STATUSES = ("queued", "running", "done", "failed")
QUEUED, RUNNING, DONE, FAILED = STATUSES
STATUS_LABELS = {QUEUED: "排队中", RUNNING: "生成中", DONE: "已完成", FAILED: "生成失败"}
#: what can be generated as a job; notice sheets and posters are quick and rendered on request
KINDS = ("handbook",)


class Document(TenantOwned, Base):
    """A printable document someone asked for, generated in the background.

    The person waiting reads ``status`` and ``progress``; the PDF's bytes are kept in the
    attachment storage under ``storage_key`` (never in the database), so a large handbook
    costs the database one row.
    """

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_tenant_id_created_at", "tenant_id", "created_at"),
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress"),
        tenant_reference("village_id", "villages", ondelete="CASCADE"),
    )

    #: ``handbook`` (权力手册)
    kind: Mapped[str] = mapped_column(String(32))
    #: the village the document is about; empty for the whole township (or county)
    village_id: Mapped[int | None]
    #: what the document is about, as people name it: "甲一镇" or "甲一村"
    subject: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=QUEUED)
    #: percent done, 0-100, updated as the job goes
    progress: Mapped[int] = mapped_column(default=0)
    #: where the PDF is in the attachment storage, once done
    storage_key: Mapped[str | None] = mapped_column(String(255))
    #: bytes of the PDF
    size: Mapped[int | None]
    #: why it failed, for the person waiting (the log has the details)
    error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    village: Mapped[Village | None] = relationship(
        primaryjoin=tenant_join("Village", "Document.village_id")
    )

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def pending(self) -> bool:
        return self.status in (QUEUED, RUNNING)
