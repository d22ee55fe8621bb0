"""supervision: warning work — assignment, comments, resolution and dismissal, escalation events

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLE = "warning_events"


def upgrade():
    with op.batch_alter_table("warnings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_to_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("escalated_at", core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("decided_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("decided_at", core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("decision_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("review_level", sa.String(length=16), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_warnings_assigned_to_id_users"),
            "users",
            ["assigned_to_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_warnings_decided_by_id_users"),
            "users",
            ["decided_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            "ix_warnings_tenant_id_assigned_to_id", ["tenant_id", "assigned_to_id"], unique=False
        )

    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("warning_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_warning_events_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_warning_events_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warning_id"],
            ["warnings.id"],
            name=op.f("fk_warning_events_warning_id_warnings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_events")),
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_warning_events_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_warning_events_tenant_id_warning_id_at",
            ["tenant_id", "warning_id", "at"],
            unique=False,
        )

    rls.protect(op, TABLE)


def downgrade():
    rls.unprotect(op, TABLE)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_index("ix_warning_events_tenant_id_warning_id_at")
        batch_op.drop_index(batch_op.f("ix_warning_events_tenant_id"))
    op.drop_table(TABLE)

    with op.batch_alter_table("warnings", schema=None) as batch_op:
        batch_op.drop_index("ix_warnings_tenant_id_assigned_to_id")
        batch_op.drop_constraint(batch_op.f("fk_warnings_decided_by_id_users"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_warnings_assigned_to_id_users"), type_="foreignkey")
        batch_op.drop_column("review_level")
        batch_op.drop_column("decision_reason")
        batch_op.drop_column("decided_at")
        batch_op.drop_column("decided_by_id")
        batch_op.drop_column("escalated_at")
        batch_op.drop_column("assigned_to_id")
