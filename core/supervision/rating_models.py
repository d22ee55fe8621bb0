"""``VillageRating``: a village's political-ecology grade (政治生态评级) for one month."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, tenant_join, tenant_reference, utcnow
from tenants.models import Village

GRADES = ("A", "B", "C", "D")
GRADE_LABELS = {"A": "好", "B": "较好", "C": "一般", "D": "较差"}
#: the grades that raise a notice to the township
ALARMING = ("C", "D")


class VillageRating(TenantOwned, Base):
    """One village's rating for one month, kept up to date by the sweep: one row per
    ``(village, period)``, rewritten only when its figures change."""

    __tablename__ = "village_ratings"
    __table_args__ = (
        UniqueConstraint("tenant_id", "village_id", "period"),
        CheckConstraint("grade IN ('A', 'B', 'C', 'D')", name="grade"),
        tenant_reference("village_id", "villages", ondelete="CASCADE"),
    )

    village_id: Mapped[int]
    #: ``2026-12``: the month rated, in the tenant's time zone
    period: Mapped[str] = mapped_column(String(7))
    #: 100 less the deductions
    points: Mapped[int]
    grade: Mapped[str] = mapped_column(String(1))
    #: what was deducted for what: ``{"warnings.red": {"count": 1, "points": 10}, …}``
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when the township was told of a C or D for this period (once per village and period)
    notified_at: Mapped[datetime | None]

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "VillageRating.village_id")
    )

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade]
