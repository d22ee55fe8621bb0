"""``WarningEvent``: one thing done to a warning (违规预警), kept as the warning's history.

The warning row holds only where things stand (who has it, who decided what); the events
hold how it got there, in order, with who did it and what they wrote. The audit log records
the same actions tamper-evidently; this table is what the warning page reads.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.db import Base, TenantOwned, tenant_reference, utcnow

KIND_LABELS = {
    "acknowledged": "签收",
    "assigned": "指派",
    "commented": "备注",
    "resolved": "处理完毕",
    "dismissed": "排除",
    "upheld": "复核：维持排除",
    "reopened": "复核：重新打开",
    "escalated": "逾期升级为红色",
}


class WarningEvent(TenantOwned, Base):
    """One action on one warning: by a person, or by the system (``actor_id`` None)."""

    __tablename__ = "warning_events"
    __table_args__ = (
        Index("ix_warning_events_tenant_id_warning_id_at", "tenant_id", "warning_id", "at"),
        tenant_reference("warning_id", "warnings", ondelete="CASCADE"),
    )

    warning_id: Mapped[int]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: one of :data:`KIND_LABELS`
    kind: Mapped[str] = mapped_column(String(16))
    #: what the person wrote: a comment, a reason
    text: Mapped[str | None] = mapped_column(Text)
    #: the facts of the action, e.g. ``{"to": user id}`` for an assignment
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)
