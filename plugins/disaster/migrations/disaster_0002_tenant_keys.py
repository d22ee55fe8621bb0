"""disaster: tenant keys -- its tables keyed (id, tenant_id), their references composite

Revision ID: disaster_0002
Revises: disaster_0001
Create Date: 2026-12-08

See core/distribution.py and core/tenant_keys.py (core's revision 0015 does core's tables).
"""

from alembic import op

from core import tenant_keys
from core.tenant_keys import Reference

revision = "disaster_0002"
down_revision = "disaster_0001"
branch_labels = None
depends_on = "0015"

TABLES = ("disaster_recipients",)

#: the references out of the plugin's tables, as they were
REFERENCES = (
    Reference("disaster_recipients", "village_id", "villages"),
    Reference("disaster_recipients", "case_id", "cases", "SET NULL"),
)


def upgrade():
    tenant_keys.upgrade(op, TABLES, REFERENCES)


def downgrade():
    tenant_keys.downgrade(op, TABLES, REFERENCES)
