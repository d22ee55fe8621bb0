"""The procurement ledgers: suppliers (供应商库) and awards (采购和发包台账).

An award is written when a case records who won (询价、县中心采购、直接发包、定额平台、招标),
or imported from the books a township kept before. The split-purchase rule reads awards by
village and date, hence the index. Amounts are kept in fen (分) as integers: exact
on every database, and SQLite has no decimal type.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, tenant_join, tenant_reference
from core.workflow.models import Case
from tenants.models import Village

#: how an award was made, by the key of the step that records it
METHODS = {
    "quote": "询价采购",
    "county_centre": "县公共资源交易中心采购",
    "direct_award": "简易程序直接发包",
    "quota_platform": "乡镇定额平台抽取",
    "township_tender": "乡镇公共资源交易中心招标",
    "county_tender": "县公共资源交易中心公开招标",
}


def fen(amount: Decimal | str) -> int:
    """Yuan (as forms store them, ``"1234.50"``) to fen."""
    return int((Decimal(amount) * 100).to_integral_value())


def yuan(amount_fen: int) -> Decimal:
    return (Decimal(amount_fen) / 100).quantize(Decimal("0.01"))


class Supplier(TenantOwned, Timestamped, Base):
    """A supplier or contractor the township's villages have dealt with, known by its name.

    The legal person's ID number is kept for the kin check (is the contractor a cadre's
    relative?); it and the phone are never shown in full outside staff pages.
    """

    __tablename__ = "procurement_suppliers"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)

    name: Mapped[str] = mapped_column(String(100))
    #: 统一社会信用代码; None for craftsmen and village building teams that have none
    credit_code: Mapped[str | None] = mapped_column(String(18))
    #: 法定代表人、经营者或负责人
    legal_person: Mapped[str | None] = mapped_column(String(50))
    legal_person_id_number: Mapped[str | None] = mapped_column(String(18))
    phone: Mapped[str | None] = mapped_column(String(11))


class Award(TenantOwned, Timestamped, Base):
    """One purchase or works contract awarded by a village: what, to whom, for how much."""

    __tablename__ = "procurement_awards"
    __table_args__ = (
        UniqueConstraint("tenant_id", "case_id"),
        Index(
            "ix_procurement_awards_tenant_id_village_id_awarded_on",
            "tenant_id",
            "village_id",
            "awarded_on",
        ),
        tenant_reference("village_id", "villages"),
        tenant_reference(
            "supplier_id",
            "procurement_suppliers",
            name="fk_procurement_awards_tenant_id_supplier_id_suppliers",
        ),
        tenant_reference("case_id", "cases"),
    )

    village_id: Mapped[int]
    supplier_id: Mapped[int]
    #: the case that made the award; None for an imported one
    case_id: Mapped[int | None]
    #: what was bought or built
    subject: Mapped[str] = mapped_column(String(200))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    awarded_on: Mapped[date]
    #: a key of :data:`METHODS`
    method: Mapped[str] = mapped_column(String(20))

    village: Mapped[Village] = relationship(primaryjoin=tenant_join("Village", "Award.village_id"))
    supplier: Mapped[Supplier] = relationship(
        primaryjoin=tenant_join("Supplier", "Award.supplier_id")
    )
    case: Mapped[Case | None] = relationship(primaryjoin=tenant_join("Case", "Award.case_id"))

    @property
    def amount(self) -> Decimal:
        return yuan(self.amount_fen)

    @property
    def method_label(self) -> str:
        return METHODS.get(self.method, self.method)
