"""public: reports by villagers (码上举报) with tracking codes, objections, rate limits

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("complaints", "public_submissions")


def _tenant_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tenant_id"], ["tenants.id"], name=f"fk_{table}_tenant_id_tenants", ondelete="CASCADE"
    )


def _village_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["village_id"], ["villages.id"], name=f"fk_{table}_village_id_villages", ondelete="CASCADE"
    )


def upgrade():
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tracking_code", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("photo_ids", sa.JSON(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=True),
        sa.Column("objection_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("due_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["notices.id"],
            name="fk_complaints_notice_id_notices",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["objection_id"],
            ["objections.id"],
            name="fk_complaints_objection_id_objections",
            ondelete="SET NULL",
        ),
        _tenant_fk("complaints"),
        _village_fk("complaints"),
        sa.PrimaryKeyConstraint("id", name="pk_complaints"),
        sa.UniqueConstraint(
            "tenant_id", "tracking_code", name="uq_complaints_tenant_id_tracking_code"
        ),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index("ix_complaints_tenant_id", ["tenant_id"], unique=False)
        batch_op.create_index(
            "ix_complaints_tenant_id_status_due_at", ["tenant_id", "status", "due_at"]
        )
        batch_op.create_index("ix_complaints_tenant_id_village_id", ["tenant_id", "village_id"])

    op.create_table(
        "public_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        _tenant_fk("public_submissions"),
        _village_fk("public_submissions"),
        sa.PrimaryKeyConstraint("id", name="pk_public_submissions"),
    )
    with op.batch_alter_table("public_submissions", schema=None) as batch_op:
        batch_op.create_index("ix_public_submissions_tenant_id", ["tenant_id"], unique=False)
        batch_op.create_index(
            "ix_public_submissions_tenant_id_client_at", ["tenant_id", "client", "at"]
        )
        batch_op.create_index(
            "ix_public_submissions_tenant_id_village_id_at", ["tenant_id", "village_id", "at"]
        )

    for table in TABLES:
        rls.protect(op, table)


def downgrade():
    for table in TABLES:
        rls.unprotect(op, table)
    op.drop_table("public_submissions")
    op.drop_table("complaints")
