"""supervision: handling of villagers' reports — assignment, notes, public answers, deadlines

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TABLE = "complaint_events"


def upgrade():
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_to_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("closed_at", core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_complaints_assigned_to_id_users"),
            "users",
            ["assigned_to_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            "ix_complaints_tenant_id_assigned_to_id", ["tenant_id", "assigned_to_id"], unique=False
        )

    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_complaint_events_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_events_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_complaint_events_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_events")),
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaint_events_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_complaint_events_tenant_id_complaint_id_at",
            ["tenant_id", "complaint_id", "at"],
            unique=False,
        )

    rls.protect(op, TABLE)


def downgrade():
    rls.unprotect(op, TABLE)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_index("ix_complaint_events_tenant_id_complaint_id_at")
        batch_op.drop_index(batch_op.f("ix_complaint_events_tenant_id"))
    op.drop_table(TABLE)

    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_tenant_id_assigned_to_id")
        batch_op.drop_constraint(
            batch_op.f("fk_complaints_assigned_to_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("closed_at")
        batch_op.drop_column("assigned_to_id")
