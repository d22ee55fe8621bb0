"""relief: tenant keys -- its tables keyed (id, tenant_id), their references composite

Revision ID: relief_0002
Revises: relief_0001
Create Date: 2026-12-08

See core/distribution.py and core/tenant_keys.py (core's revision 0015 does core's tables).
"""

from alembic import op

from core import tenant_keys
from core.tenant_keys import Reference

revision = "relief_0002"
down_revision = "relief_0001"
branch_labels = None
depends_on = "0015"

TABLES = ("relief_recipients",)

#: the references out of the plugin's tables, as they were
REFERENCES = (
    Reference("relief_recipients", "case_id", "cases", "SET NULL"),
    Reference("relief_recipients", "village_id", "villages"),
)


def upgrade():
    tenant_keys.upgrade(op, TABLES, REFERENCES)


def downgrade():
    tenant_keys.downgrade(op, TABLES, REFERENCES)
