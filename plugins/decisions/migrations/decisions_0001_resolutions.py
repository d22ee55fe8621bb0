"""decisions: the register of resolutions (决议台账)

Revision ID: decisions_0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls, tenant_keys
from core.tenant_keys import Reference

revision = "decisions_0001"
down_revision = None
branch_labels = ("decisions",)
depends_on = "0005"

TABLE = "decisions_resolutions"


def upgrade():
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("step_run_id", sa.Integer(), nullable=True),
        sa.Column("case_code", sa.String(length=40), nullable=True),
        sa.Column("matter", sa.String(length=200), nullable=False),
        sa.Column("meeting", sa.String(length=100), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("expected", sa.Integer(), nullable=False),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("votes_against", sa.Integer(), nullable=False),
        sa.Column("votes_abstain", sa.Integer(), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        tenant_keys.reference(
            op, Reference("decisions_resolutions", "case_id", "cases", "SET NULL")
        ),
        tenant_keys.reference(
            op, Reference("decisions_resolutions", "step_run_id", "step_runs", "SET NULL")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_decisions_resolutions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        tenant_keys.reference(op, Reference("decisions_resolutions", "village_id", "villages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions_resolutions")),
        sa.UniqueConstraint(
            "tenant_id", "step_run_id", name=op.f("uq_decisions_resolutions_tenant_id_step_run_id")
        ),
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decisions_resolutions_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_decisions_resolutions_tenant_id_village_id",
            ["tenant_id", "village_id"],
            unique=False,
        )
    rls.protect(op, TABLE)


def downgrade():
    rls.unprotect(op, TABLE)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_index("ix_decisions_resolutions_tenant_id_village_id")
        batch_op.drop_index(batch_op.f("ix_decisions_resolutions_tenant_id"))
    op.drop_table(TABLE)
