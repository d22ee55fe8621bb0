"""transparency: the publicity register (公开台账)

Revision ID: transparency_0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls, tenant_keys
from core.tenant_keys import Reference

revision = "transparency_0001"
down_revision = None
branch_labels = ("transparency",)
depends_on = "0005"

TABLE = "transparency_postings"


def upgrade():
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("step_run_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=4), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        tenant_keys.reference(
            op, Reference("transparency_postings", "case_id", "cases", "SET NULL")
        ),
        tenant_keys.reference(
            op, Reference("transparency_postings", "step_run_id", "step_runs", "SET NULL")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_transparency_postings_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        tenant_keys.reference(op, Reference("transparency_postings", "village_id", "villages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transparency_postings")),
        sa.UniqueConstraint(
            "tenant_id", "step_run_id", name=op.f("uq_transparency_postings_tenant_id_step_run_id")
        ),
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transparency_postings_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_transparency_postings_tenant_id_village_id_category",
            ["tenant_id", "village_id", "category"],
            unique=False,
        )
    rls.protect(op, TABLE)


def downgrade():
    rls.unprotect(op, TABLE)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_index("ix_transparency_postings_tenant_id_village_id_category")
        batch_op.drop_index(batch_op.f("ix_transparency_postings_tenant_id"))
    op.drop_table(TABLE)
