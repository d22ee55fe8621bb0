"""``ComplaintEvent``: one thing done to a villager's report (码上举报), kept as its history.

The complaint row holds where handling stands (who has it, the answer, when it closed); the
events hold how it got there — assignments, internal notes, the answer, links to cases,
warnings and orders, the close — with who did it and when. The audit log records the same
actions tamper-evidently; this table is what the report page reads.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.db import Base, TenantOwned, tenant_reference, utcnow

KIND_LABELS = {
    "assigned": "指派",
    "noted": "内部备注",
    "answered": "公开答复",
    "linked": "关联",
    "closed": "办结",
}


class ComplaintEvent(TenantOwned, Base):
    """One action on one report by one person. Notes are internal: never shown publicly."""

    __tablename__ = "complaint_events"
    __table_args__ = (
        Index("ix_complaint_events_tenant_id_complaint_id_at", "tenant_id", "complaint_id", "at"),
        tenant_reference("complaint_id", "complaints", ondelete="CASCADE"),
    )

    complaint_id: Mapped[int]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: one of :data:`KIND_LABELS`
    kind: Mapped[str] = mapped_column(String(16))
    #: what the person wrote: a note, the answer
    text: Mapped[str | None] = mapped_column(Text)
    #: the facts of the action: ``{"to": user id}``, ``{"kind": "case", "id": 3, "label": …}``
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)
