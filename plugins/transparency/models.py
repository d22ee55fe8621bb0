"""The publicity register (公开台账): what each village posted, when, for how long, and
whether the supervision committee reviewed it first."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, tenant_join, tenant_reference
from tenants.models import Village

#: the three kinds of village publicity (党务、村务、财务公开), stored as written
CATEGORIES = ("党务", "村务", "财务")


class Posting(TenantOwned, Timestamped, Base):
    """One posting on the village notice board (公开栏), for one period.

    Written when a publicity case puts its posting up (its ``post`` notice starts), or
    imported from a paper register, in which case it has no case of its own.
    """

    __tablename__ = "transparency_postings"
    __table_args__ = (
        UniqueConstraint("tenant_id", "step_run_id"),
        Index(
            "ix_transparency_postings_tenant_id_village_id_category",
            "tenant_id",
            "village_id",
            "category",
        ),
        tenant_reference("village_id", "villages"),
        tenant_reference("case_id", "cases"),
        tenant_reference("step_run_id", "step_runs"),
    )

    village_id: Mapped[int]
    #: the case that posted it; None for an imported posting
    case_id: Mapped[int | None]
    #: the notice step's run that put it up
    step_run_id: Mapped[int | None]
    #: one of :data:`CATEGORIES`
    category: Mapped[str] = mapped_column(String(4))
    #: the period it covers, as the board says it: 2026年10月, 2026年第三季度
    period: Mapped[str] = mapped_column(String(40))
    #: what was posted (公开事项)
    title: Mapped[str] = mapped_column(String(200))
    posted_on: Mapped[date]
    #: how many days it stays up
    days: Mapped[int]
    #: the supervision committee (村务监督委员会) reviewed it before it was posted
    reviewed: Mapped[bool] = mapped_column(default=False)

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "Posting.village_id")
    )
