"""The relief ledger (救助对象台账): who receives which benefit, how much, from when to when.

One row is one grant of one benefit to one household, keyed by the household head's ID
number, the benefit and the day it starts — so re-importing a ledger, or a case completing
twice, updates the row instead of adding a second one. A household that (wrongly) holds the
same benefit twice, or in two villages, shows as two rows: that is what ``duplicate_benefit``
looks for, so it is not prevented here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, tenant_join, tenant_reference
from tenants.models import Village

#: 救助类别, by the key rows store
BENEFITS = {"dibao": "低保", "temporary": "临时救助", "destitute": "特困"}


class ReliefRecipient(TenantOwned, Timestamped, Base):
    """A household receiving 低保, 临时救助 or 特困 support (救助对象)."""

    __tablename__ = "relief_recipients"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id_number", "benefit", "starts_on"),
        Index("ix_relief_recipients_tenant_id_village_id", "tenant_id", "village_id"),
        Index("ix_relief_recipients_tenant_id_id_number", "tenant_id", "id_number"),
        tenant_reference("village_id", "villages"),
        tenant_reference("case_id", "cases"),
    )

    village_id: Mapped[int]
    #: the case that granted it; None for rows imported from an existing ledger
    case_id: Mapped[int | None]
    #: 户主姓名
    head_name: Mapped[str] = mapped_column(String(50))
    #: the household head's 居民身份证号, 18 characters with a capital X
    id_number: Mapped[str] = mapped_column(String(18))
    household_size: Mapped[int]
    #: a key of :data:`BENEFITS`
    benefit: Mapped[str] = mapped_column(String(16))
    #: yuan: a month's support for 低保 and 特困, the one-off sum for 临时救助
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    starts_on: Mapped[date]
    #: None while the support goes on; a 临时救助 row ends the day it starts
    ends_on: Mapped[date | None]
    #: 遭遇困难类型 of a 临时救助 (see ``items.temporary.CAUSES``); the duplicate rule compares it
    cause: Mapped[str | None] = mapped_column(String(20))

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "ReliefRecipient.village_id")
    )

    @property
    def benefit_label(self) -> str:
        return BENEFITS.get(self.benefit, self.benefit)
