"""relief: the relief ledger (救助对象台账)

Revision ID: relief_0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls, tenant_keys
from core.tenant_keys import Reference

revision = "relief_0001"
down_revision = None
branch_labels = ("relief",)
depends_on = "0005"

TABLE = "relief_recipients"


def upgrade():
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("head_name", sa.String(length=50), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("household_size", sa.Integer(), nullable=False),
        sa.Column("benefit", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("cause", sa.String(length=20), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        tenant_keys.reference(op, Reference("relief_recipients", "case_id", "cases", "SET NULL")),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_relief_recipients_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        tenant_keys.reference(op, Reference("relief_recipients", "village_id", "villages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relief_recipients")),
        sa.UniqueConstraint(
            "tenant_id",
            "id_number",
            "benefit",
            "starts_on",
            name=op.f("uq_relief_recipients_tenant_id_id_number_benefit_starts_on"),
        ),
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relief_recipients_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_relief_recipients_tenant_id_village_id", ["tenant_id", "village_id"], unique=False
        )
        batch_op.create_index(
            "ix_relief_recipients_tenant_id_id_number", ["tenant_id", "id_number"], unique=False
        )
    rls.protect(op, TABLE)


def downgrade():
    rls.unprotect(op, TABLE)
    op.drop_table(TABLE)
