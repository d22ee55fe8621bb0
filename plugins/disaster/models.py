"""The disaster-relief roster (救灾救助对象花名册), with the fields DOMAIN §3.8 names: household
head, ID number, household size, period, amount and payment status — plus the village, the
relief category (生活救助, 倒房重建, 救灾物资) and the case that granted it.

One row is one grant to one household, keyed by the head's ID number, the category and the
first day of the period, so a re-import updates rows instead of adding them. A household
granted the same relief twice for one period shows as two rows: ``duplicate_benefit`` looks
for exactly that.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, tenant_join, tenant_reference
from tenants.models import Village

#: 救助项目, by the key rows store
CATEGORIES = {"living": "生活救助", "housing": "倒房重建补助", "goods": "救灾物资"}
#: 发放状态
STATUSES = {"pending": "待发放", "paid": "已发放", "failed": "发放失败"}


class DisasterRecipient(TenantOwned, Timestamped, Base):
    """A household granted disaster relief (救灾救助对象)."""

    __tablename__ = "disaster_recipients"
    __table_args__ = (
        UniqueConstraint(
            "tenant_id",
            "id_number",
            "category",
            "period_start",
            name="uq_disaster_recipients_tenant_id_person_period",
        ),
        Index("ix_disaster_recipients_tenant_id_village_id", "tenant_id", "village_id"),
        Index("ix_disaster_recipients_tenant_id_id_number", "tenant_id", "id_number"),
        tenant_reference("village_id", "villages"),
        tenant_reference("case_id", "cases"),
    )

    village_id: Mapped[int]
    #: the case that granted it; None for rows imported from an existing roster
    case_id: Mapped[int | None]
    #: 户主姓名
    head_name: Mapped[str] = mapped_column(String(50))
    #: the household head's 居民身份证号, 18 characters with a capital X
    id_number: Mapped[str] = mapped_column(String(18))
    household_size: Mapped[int]
    #: a key of :data:`CATEGORIES`
    category: Mapped[str] = mapped_column(String(16))
    #: 救助期间: a goods hand-out is the one day it happened
    period_start: Mapped[date]
    period_end: Mapped[date]
    #: yuan paid, or the value of the goods given
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    #: a key of :data:`STATUSES`
    status: Mapped[str] = mapped_column(String(16))

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "DisasterRecipient.village_id")
    )

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)
