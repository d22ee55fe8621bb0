"""tenant keys: distributed tables keyed (id, tenant_id), references between them composite

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08

See core/distribution.py for the plan and core/tenant_keys.py for the steps. References that
were ON DELETE SET NULL lose their action: it would null tenant_id too.
"""

from alembic import op

from core import tenant_keys
from core.tenant_keys import Reference

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TABLES = (
    "attachments",
    "audit_events",
    "cadre_evaluations",
    "case_counters",
    "holiday_overrides",
    "library_entries",
    "notifications",
    "plugin_activations",
    "prohibitions",
    "responsibilities",
    "villages",
    "documents",
    "item_switches",
    "memberships",
    "public_submissions",
    "supervision_orders",
    "village_ratings",
    "filings",
    "process_snapshots",
    "supervision_rectifications",
    "cases",
    "idempotency_keys",
    "step_runs",
    "warnings",
    "notices",
    "supervision_order_warnings",
    "warning_events",
    "objections",
    "complaints",
    "complaint_events",
)

#: the references between core's distributed tables, as they were
REFERENCES = (
    Reference("documents", "village_id", "villages", "CASCADE"),
    Reference("memberships", "village_id", "villages", "CASCADE"),
    Reference("public_submissions", "village_id", "villages", "CASCADE"),
    Reference("supervision_orders", "village_id", "villages", "CASCADE"),
    Reference("village_ratings", "village_id", "villages", "CASCADE"),
    Reference("supervision_rectifications", "order_id", "supervision_orders", "CASCADE"),
    Reference("cases", "process_id", "process_snapshots"),
    Reference("cases", "village_id", "villages"),
    Reference("idempotency_keys", "case_id", "cases", "CASCADE"),
    Reference("step_runs", "case_id", "cases", "CASCADE"),
    Reference("warnings", "case_id", "cases", "SET NULL"),
    Reference("warnings", "village_id", "villages", "SET NULL"),
    Reference("notices", "case_id", "cases", "CASCADE"),
    Reference("notices", "step_run_id", "step_runs", "CASCADE"),
    Reference("supervision_order_warnings", "warning_id", "warnings", "CASCADE"),
    Reference("supervision_order_warnings", "order_id", "supervision_orders", "CASCADE"),
    Reference("warning_events", "warning_id", "warnings", "CASCADE"),
    Reference("objections", "notice_id", "notices", "CASCADE"),
    Reference("complaints", "objection_id", "objections", "SET NULL"),
    Reference("complaints", "village_id", "villages", "CASCADE"),
    Reference("complaints", "notice_id", "notices", "SET NULL"),
    Reference("complaint_events", "complaint_id", "complaints", "CASCADE"),
)


def upgrade():
    tenant_keys.upgrade(op, TABLES, REFERENCES)


def downgrade():
    tenant_keys.downgrade(op, TABLES, REFERENCES)
