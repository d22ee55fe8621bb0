"""The asset ledgers (三资台账): the register of resources and assets, their contracts, and the
rent paid on each contract.

A registration case adds an asset, a lease or renewal case adds a contract once the township
registers it, a disposal case marks the asset disposed; the township may also import what it
kept on paper. The expiry and overdue-rent rules read the contracts and their payments.
Amounts are kept in fen (分) as integers: exact on every database.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, tenant_join, tenant_reference
from tenants.models import Village

KINDS = {"resource": "资源", "asset": "资产"}
AREA_UNITS = {"mu": "亩", "sqm": "平方米"}
ASSET_STATUSES = {"held": "在册", "leased": "已发包（出租）", "disposed": "已处置"}
CONTRACT_STATUSES = {"active": "履行中", "renewed": "已续签", "ended": "已终止"}


def fen(amount: Decimal | str) -> int:
    """Yuan (as forms store them, ``"1234.50"``) to fen."""
    return int((Decimal(amount) * 100).to_integral_value())


def yuan(amount_fen: int) -> Decimal:
    return (Decimal(amount_fen) / 100).quantize(Decimal("0.01"))


class Asset(TenantOwned, Timestamped, Base):
    """One resource (land, forest, water) or asset (building, facility) of a village."""

    __tablename__ = "assets_register"
    __table_args__ = (
        UniqueConstraint("tenant_id", "village_id", "name"),
        tenant_reference("village_id", "villages"),
        tenant_reference("case_id", "cases"),
    )

    village_id: Mapped[int]
    #: unique in the village: cases name the asset they are about by it
    name: Mapped[str] = mapped_column(String(100))
    #: a key of :data:`KINDS`
    kind: Mapped[str] = mapped_column(String(10))
    #: a measurement, not money: hundredths are plenty
    area: Mapped[float | None]
    #: a key of :data:`AREA_UNITS`
    area_unit: Mapped[str | None] = mapped_column(String(10))
    location: Mapped[str] = mapped_column(String(200))
    value_fen: Mapped[int | None] = mapped_column(BigInteger)
    #: a key of :data:`ASSET_STATUSES`
    status: Mapped[str] = mapped_column(String(10), default="held")
    #: 资产编号 given by the township's 三资 centre
    asset_no: Mapped[str | None] = mapped_column(String(50))
    #: the case that registered it (or last changed its status)
    case_id: Mapped[int | None]

    village: Mapped[Village] = relationship(primaryjoin=tenant_join("Village", "Asset.village_id"))

    @property
    def value(self) -> Decimal | None:
        return None if self.value_fen is None else yuan(self.value_fen)


class Contract(TenantOwned, Timestamped, Base):
    """A contracting-out or lease contract (承包、租赁合同) on one asset, as registered."""

    __tablename__ = "assets_contracts"
    __table_args__ = (
        UniqueConstraint("tenant_id", "contract_no"),
        Index("ix_assets_contracts_tenant_id_status_ends_on", "tenant_id", "status", "ends_on"),
        tenant_reference("village_id", "villages"),
        tenant_reference("asset_id", "assets_register"),
        tenant_reference("renewed_from_id", "assets_contracts"),
        tenant_reference("case_id", "cases"),
    )

    village_id: Mapped[int]
    asset_id: Mapped[int]
    contract_no: Mapped[str] = mapped_column(String(50))
    lessee_name: Mapped[str] = mapped_column(String(50))
    #: 居民身份证号 of the lessee: staff see it masked, the public never
    lessee_id_number: Mapped[str] = mapped_column(String(18))
    lessee_phone: Mapped[str | None] = mapped_column(String(11))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    annual_rent_fen: Mapped[int] = mapped_column(BigInteger)
    #: a key of :data:`CONTRACT_STATUSES`
    status: Mapped[str] = mapped_column(String(10), default="active")
    #: the contract this one renewed
    renewed_from_id: Mapped[int | None]
    case_id: Mapped[int | None]

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "Contract.village_id")
    )
    asset: Mapped[Asset] = relationship(primaryjoin=tenant_join("Asset", "Contract.asset_id"))
    payments: Mapped[list[RentPayment]] = relationship(
        primaryjoin=tenant_join("Contract", "RentPayment.contract_id"),
        back_populates="contract",
        order_by="RentPayment.paid_on",
        cascade="all, delete-orphan",
    )

    @property
    def annual_rent(self) -> Decimal:
        return yuan(self.annual_rent_fen)

    @property
    def paid(self) -> Decimal:
        return yuan(sum(p.amount_fen for p in self.payments))


class RentPayment(TenantOwned, Timestamped, Base):
    """Rent received on a contract (租金收缴): the day and the amount."""

    __tablename__ = "assets_rent_payments"
    __table_args__ = (
        Index("ix_assets_rent_payments_tenant_id_contract_id", "tenant_id", "contract_id"),
        tenant_reference("contract_id", "assets_contracts", ondelete="CASCADE"),
    )

    contract_id: Mapped[int]
    paid_on: Mapped[date]
    amount_fen: Mapped[int] = mapped_column(BigInteger)

    contract: Mapped[Contract] = relationship(
        primaryjoin=tenant_join("Contract", "RentPayment.contract_id"), back_populates="payments"
    )

    @property
    def amount(self) -> Decimal:
        return yuan(self.amount_fen)
