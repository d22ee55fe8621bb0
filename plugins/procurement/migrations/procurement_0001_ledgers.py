"""procurement: suppliers and awards

Revision ID: procurement_0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls, tenant_keys
from core.tenant_keys import Reference

revision = "procurement_0001"
down_revision = None
branch_labels = ("procurement",)
depends_on = "0005"

TABLES = ("procurement_suppliers", "procurement_awards")


def upgrade():
    op.create_table(
        "procurement_suppliers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=True),
        sa.Column("legal_person", sa.String(length=50), nullable=True),
        sa.Column("legal_person_id_number", sa.String(length=18), nullable=True),
        sa.Column("phone", sa.String(length=11), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_procurement_suppliers_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procurement_suppliers")),
        sa.UniqueConstraint(
            "tenant_id", "name", name=op.f("uq_procurement_suppliers_tenant_id_name")
        ),
    )
    with op.batch_alter_table("procurement_suppliers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_procurement_suppliers_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "procurement_awards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        tenant_keys.reference(op, Reference("procurement_awards", "case_id", "cases", "SET NULL")),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["procurement_suppliers.id"],
            name=op.f("fk_procurement_awards_supplier_id_procurement_suppliers"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_procurement_awards_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        tenant_keys.reference(op, Reference("procurement_awards", "village_id", "villages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procurement_awards")),
        sa.UniqueConstraint(
            "tenant_id", "case_id", name=op.f("uq_procurement_awards_tenant_id_case_id")
        ),
    )
    with op.batch_alter_table("procurement_awards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_procurement_awards_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_procurement_awards_tenant_id_village_id_awarded_on",
            ["tenant_id", "village_id", "awarded_on"],
            unique=False,
        )

    for table in TABLES:
        rls.protect(op, table)


def downgrade():
    for table in TABLES:
        rls.unprotect(op, table)
    op.drop_table("procurement_awards")
    op.drop_table("procurement_suppliers")
