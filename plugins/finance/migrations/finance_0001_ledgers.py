"""finance: vouchers and monthly cash records

Revision ID: finance_0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls, tenant_keys
from core.tenant_keys import Reference

revision = "finance_0001"
down_revision = None
branch_labels = ("finance",)
depends_on = "0005"

TABLES = ("finance_vouchers", "finance_cash_records")


def upgrade():
    op.create_table(
        "finance_vouchers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("voucher_no", sa.String(length=30), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("payee", sa.String(length=100), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("handler", sa.String(length=50), nullable=False),
        sa.Column("bill_date", sa.Date(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        tenant_keys.reference(op, Reference("finance_vouchers", "case_id", "cases", "SET NULL")),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_finance_vouchers_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        tenant_keys.reference(op, Reference("finance_vouchers", "village_id", "villages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finance_vouchers")),
    )
    with op.batch_alter_table("finance_vouchers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_finance_vouchers_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_finance_vouchers_tenant_id_village_id_booked_on",
            ["tenant_id", "village_id", "booked_on"],
            unique=False,
        )

    op.create_table(
        "finance_cash_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("cash_fen", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        tenant_keys.reference(
            op, Reference("finance_cash_records", "case_id", "cases", "SET NULL")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_finance_cash_records_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        tenant_keys.reference(op, Reference("finance_cash_records", "village_id", "villages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finance_cash_records")),
        sa.UniqueConstraint(
            "tenant_id",
            "village_id",
            "year",
            "month",
            name=op.f("uq_finance_cash_records_tenant_id_village_id_year_month"),
        ),
    )
    with op.batch_alter_table("finance_cash_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_finance_cash_records_tenant_id"), ["tenant_id"], unique=False
        )

    for table in TABLES:
        rls.protect(op, table)


def downgrade():
    for table in TABLES:
        rls.unprotect(op, table)
    op.drop_table("finance_cash_records")
    op.drop_table("finance_vouchers")
