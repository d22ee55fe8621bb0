"""rules: warnings (违规预警), one row per rule and subject

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLE = "warnings"


def upgrade():
    op.create_table(
        "warnings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=100), nullable=False),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("village_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_reason", sa.String(length=200), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "severity IN ('blue', 'yellow', 'red')", name=op.f("ck_warnings_severity")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_warnings_case_id_cases"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_warnings_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_warnings_village_id_villages"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warnings")),
        sa.UniqueConstraint(
            "tenant_id", "rule", "subject", name=op.f("uq_warnings_tenant_id_rule_subject")
        ),
    )
    with op.batch_alter_table("warnings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_warnings_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            "ix_warnings_tenant_id_case_id", ["tenant_id", "case_id"], unique=False
        )
        batch_op.create_index(
            "ix_warnings_tenant_id_status_severity",
            ["tenant_id", "status", "severity"],
            unique=False,
        )
        batch_op.create_index(
            "ix_warnings_tenant_id_village_id", ["tenant_id", "village_id"], unique=False
        )

    rls.protect(op, TABLE)


def downgrade():
    rls.unprotect(op, TABLE)
    with op.batch_alter_table("warnings", schema=None) as batch_op:
        batch_op.drop_index("ix_warnings_tenant_id_village_id")
        batch_op.drop_index("ix_warnings_tenant_id_status_severity")
        batch_op.drop_index("ix_warnings_tenant_id_case_id")
        batch_op.drop_index(batch_op.f("ix_warnings_tenant_id"))

    op.drop_table("warnings")
