"""One submission of a local item's draft to the county (备案), and what became of it."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, event, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.catalog.models import Item, ItemVersion
from core.db import Base, TenantOwned, Timestamped
from core.errors import Conflict

#: ``submitted`` → ``approved`` → ``published``; or ``returned`` / ``withdrawn``
STATUSES = ("submitted", "approved", "returned", "withdrawn", "published")
STATUS_LABELS = {
    "submitted": "待县级审核",
    "approved": "已通过备案",
    "returned": "已退回",
    "withdrawn": "已撤回",
    "published": "已发布",
}
#: a filing in these states still speaks for its draft
OPEN = ("submitted", "approved")


class Filing(TenantOwned, Timestamped, Base):
    """A township's draft as submitted to its county (备案).

    The submitted definition is copied here with its digest, so the county reviews exactly
    what was submitted, and publishing can check that the draft is still that text.
    """

    __tablename__ = "filings"
    __table_args__ = (
        Index("ix_filings_tenant_id_item_id", "tenant_id", "item_id"),
        Index("ix_filings_tenant_id_status", "tenant_id", "status"),
    )

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("item_versions.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    #: the definition as submitted, and its SHA-256 (the version's digest at submission)
    definition_json: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]
    #: the county's comment (required when it returns the draft)
    comment: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None]

    item: Mapped[Item] = relationship()
    version: Mapped[ItemVersion] = relationship()

    @property
    def definition(self) -> dict:
        return json.loads(self.definition_json)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@event.listens_for(ItemVersion, "before_update")
def _submitted_drafts_are_frozen(_mapper, connection, target: ItemVersion) -> None:
    """While the county reviews a draft, saving over it is refused: the county must decide on
    what was submitted. The township withdraws first, then edits."""
    if target.status != "draft":
        return
    under_review = connection.scalar(
        select(Filing.id).where(Filing.version_id == target.id, Filing.status == "submitted")
    )
    if under_review is not None:
        raise Conflict(
            "该事项的草稿已提交县级备案，审核期间不能修改。如需修改，请先撤回备案。",
            code="under_review",
        )
