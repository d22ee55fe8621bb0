"""assets: the register of resources and assets, contracts, rent payments

Revision ID: assets_0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls, tenant_keys
from core.tenant_keys import Reference

revision = "assets_0001"
down_revision = None
branch_labels = ("assets",)
depends_on = "0005"

TABLES = ("assets_register", "assets_contracts", "assets_rent_payments")


def _owned(table: str) -> list:
    """The columns and constraints every tenant-owned ledger table has."""
    return [
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f(f"fk_{table}_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _tenant_index(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_tenant_id"), ["tenant_id"], unique=False)


def upgrade():
    op.create_table(
        "assets_register",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("area", sa.Double(), nullable=True),
        sa.Column("area_unit", sa.String(length=10), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("value_fen", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("asset_no", sa.String(length=50), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        *_owned("assets_register"),
        tenant_keys.reference(op, Reference("assets_register", "case_id", "cases", "SET NULL")),
        tenant_keys.reference(op, Reference("assets_register", "village_id", "villages")),
        sa.UniqueConstraint(
            "tenant_id",
            "village_id",
            "name",
            name=op.f("uq_assets_register_tenant_id_village_id_name"),
        ),
    )
    _tenant_index("assets_register")

    op.create_table(
        "assets_contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.Column("contract_no", sa.String(length=50), nullable=False),
        sa.Column("lessee_name", sa.String(length=50), nullable=False),
        sa.Column("lessee_id_number", sa.String(length=18), nullable=False),
        sa.Column("lessee_phone", sa.String(length=11), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("annual_rent_fen", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("renewed_from_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        *_owned("assets_contracts"),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["assets_register.id"],
            name=op.f("fk_assets_contracts_asset_id_assets_register"),
        ),
        tenant_keys.reference(op, Reference("assets_contracts", "case_id", "cases", "SET NULL")),
        sa.ForeignKeyConstraint(
            ["renewed_from_id"],
            ["assets_contracts.id"],
            name=op.f("fk_assets_contracts_renewed_from_id_assets_contracts"),
        ),
        tenant_keys.reference(op, Reference("assets_contracts", "village_id", "villages")),
        sa.UniqueConstraint(
            "tenant_id", "contract_no", name=op.f("uq_assets_contracts_tenant_id_contract_no")
        ),
    )
    _tenant_index("assets_contracts")
    with op.batch_alter_table("assets_contracts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assets_contracts_tenant_id_status_ends_on",
            ["tenant_id", "status", "ends_on"],
            unique=False,
        )

    op.create_table(
        "assets_rent_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        *_owned("assets_rent_payments"),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["assets_contracts.id"],
            name=op.f("fk_assets_rent_payments_contract_id_assets_contracts"),
            ondelete="CASCADE",
        ),
    )
    _tenant_index("assets_rent_payments")
    with op.batch_alter_table("assets_rent_payments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assets_rent_payments_tenant_id_contract_id",
            ["tenant_id", "contract_id"],
            unique=False,
        )

    for table in TABLES:
        rls.protect(op, table)


def downgrade():
    for table in TABLES:
        rls.unprotect(op, table)
    op.drop_table("assets_rent_payments")
    op.drop_table("assets_contracts")
    op.drop_table("assets_register")
