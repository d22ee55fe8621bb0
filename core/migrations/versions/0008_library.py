"""formbuilder: the county template library townships copy from

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


TABLE = "library_entries"


def upgrade():
    op.create_table(
        "library_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("definition_json", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_library_entries_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_library_entries_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_entries")),
    )
    with op.batch_alter_table("library_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_library_entries_tenant_id"), ["tenant_id"], unique=False
        )

    rls.protect(op, TABLE)


def downgrade():
    rls.unprotect(op, TABLE)
    with op.batch_alter_table("library_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_library_entries_tenant_id"))
    op.drop_table("library_entries")
