"""procurement: tenant keys -- its tables keyed (id, tenant_id), their references composite

Revision ID: procurement_0002
Revises: procurement_0001
Create Date: 2026-12-08

See core/distribution.py and core/tenant_keys.py (core's revision 0015 does core's tables).
"""

from alembic import op

from core import tenant_keys
from core.tenant_keys import Reference

revision = "procurement_0002"
down_revision = "procurement_0001"
branch_labels = None
depends_on = "0015"

TABLES = ("procurement_suppliers", "procurement_awards")

#: the references out of the plugin's tables, as they were
REFERENCES = (
    Reference("procurement_awards", "supplier_id", "procurement_suppliers"),
    Reference("procurement_awards", "village_id", "villages"),
    Reference("procurement_awards", "case_id", "cases", "SET NULL"),
)


def upgrade():
    tenant_keys.upgrade(op, TABLES, REFERENCES)


def downgrade():
    tenant_keys.downgrade(op, TABLES, REFERENCES)
