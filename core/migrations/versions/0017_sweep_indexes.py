"""workflow: notices found by their step run, and step runs by their step, as the sweep and
the plugins' rules look them up

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_notices_tenant_id_step_run_id", "notices", ["tenant_id", "step_run_id"])
    op.create_index(
        "ix_step_runs_tenant_id_step_key_status", "step_runs", ["tenant_id", "step_key", "status"]
    )


def downgrade():
    op.drop_index("ix_step_runs_tenant_id_step_key_status", table_name="step_runs")
    op.drop_index("ix_notices_tenant_id_step_run_id", table_name="notices")
