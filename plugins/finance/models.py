"""The finance ledgers: vouchers and payments (记账凭证) and the monthly cash count (库存现金).

Amounts are kept in fen (分) as integers: exact on every database, and SQLite has no
decimal type. ``yuan`` gives them back as ``Decimal``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, tenant_join, tenant_reference
from tenants.models import Village

KINDS = {"income": "收入", "expense": "支出"}
METHODS = {"cash": "现金", "transfer": "转账"}


def fen(amount: Decimal | str) -> int:
    """Yuan (as the forms store them, ``"1234.50"``) to fen."""
    return int((Decimal(amount) * 100).to_integral_value())


def yuan(amount_fen: int) -> Decimal:
    return (Decimal(amount_fen) / 100).quantize(Decimal("0.01"))


class Voucher(TenantOwned, Timestamped, Base):
    """One booked entry of a village's account: a reimbursement, a payment, or an income."""

    __tablename__ = "finance_vouchers"
    __table_args__ = (
        Index("ix_finance_vouchers_tenant_id_village_id_booked_on", "tenant_id", "village_id",
              "booked_on"),
        tenant_reference("village_id", "villages"),
        tenant_reference("case_id", "cases"),
    )  # fmt: skip

    village_id: Mapped[int]
    #: 记账凭证号, as the township agency numbers them
    voucher_no: Mapped[str] = mapped_column(String(30))
    #: the day it was booked (入账日期)
    booked_on: Mapped[date]
    #: ``income`` or ``expense``
    kind: Mapped[str] = mapped_column(String(10))
    purpose: Mapped[str] = mapped_column(String(200))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    #: who was paid, or for an income who paid
    payee: Mapped[str] = mapped_column(String(100))
    #: ``cash`` or ``transfer``
    method: Mapped[str] = mapped_column(String(10))
    #: 经办人
    handler: Mapped[str] = mapped_column(String(50))
    #: the date of the oldest bill behind it, for the late-reimbursement rule
    bill_date: Mapped[date | None]
    case_id: Mapped[int | None]

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "Voucher.village_id")
    )

    @property
    def amount(self) -> Decimal:
        return yuan(self.amount_fen)


class CashRecord(TenantOwned, Timestamped, Base):
    """A village's cash on hand at the end of a month (月末库存现金), one row per month."""

    __tablename__ = "finance_cash_records"
    __table_args__ = (
        UniqueConstraint("tenant_id", "village_id", "year", "month"),
        tenant_reference("village_id", "villages"),
        tenant_reference("case_id", "cases"),
    )

    village_id: Mapped[int]
    year: Mapped[int]
    month: Mapped[int]
    cash_fen: Mapped[int] = mapped_column(BigInteger)
    case_id: Mapped[int | None]

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "CashRecord.village_id")
    )

    @property
    def cash_on_hand(self) -> Decimal:
        return yuan(self.cash_fen)
