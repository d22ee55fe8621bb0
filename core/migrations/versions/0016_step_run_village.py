"""workflow: each step run keeps its case's village, and runs are found by their assignee, so
a village cadre's to-do list reads the village's runs and their own, not the township's

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("step_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("village_id", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # row-level security holds the owner too: the backfill must see every tenant's rows
        op.execute("SELECT set_config('qingdan.system', 'on', true)")
    op.execute(
        "UPDATE step_runs SET village_id = ("
        "SELECT cases.village_id FROM cases"
        " WHERE cases.id = step_runs.case_id AND cases.tenant_id = step_runs.tenant_id)"
    )
    with op.batch_alter_table("step_runs", schema=None) as batch_op:
        batch_op.alter_column("village_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_step_runs_tenant_id_village_id_villages"),
            "villages",
            ["tenant_id", "village_id"],
            ["tenant_id", "id"],
        )
        batch_op.create_index(
            "ix_step_runs_tenant_id_village_id_status",
            ["tenant_id", "village_id", "status"],
            unique=False,
        )
        batch_op.create_index(
            "ix_step_runs_tenant_id_assignee_id", ["tenant_id", "assignee_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("step_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_step_runs_tenant_id_assignee_id")
        batch_op.drop_index("ix_step_runs_tenant_id_village_id_status")
        batch_op.drop_constraint(
            batch_op.f("fk_step_runs_tenant_id_village_id_villages"), type_="foreignkey"
        )
        batch_op.drop_column("village_id")
