"""``CadreEvaluation``: a cadre's annual evaluation (年度考核), part of the integrity file."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantOwned, utcnow

RESULTS = ("优秀", "称职", "基本称职", "不称职")


class CadreEvaluation(TenantOwned, Base):
    """The result of one cadre's evaluation for one year, as an inspector entered it."""

    __tablename__ = "cadre_evaluations"
    __table_args__ = (UniqueConstraint("tenant_id", "user_id", "year"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    year: Mapped[int]
    #: one of :data:`RESULTS`
    result: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
