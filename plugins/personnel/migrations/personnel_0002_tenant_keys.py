"""personnel: tenant keys -- its tables keyed (id, tenant_id), their references composite

Revision ID: personnel_0002
Revises: personnel_0001
Create Date: 2026-12-08

See core/distribution.py and core/tenant_keys.py (core's revision 0015 does core's tables).
"""

from alembic import op

from core import tenant_keys
from core.tenant_keys import Reference

revision = "personnel_0002"
down_revision = "personnel_0001"
branch_labels = None
depends_on = "0015"

TABLES = ("personnel_appointments", "personnel_cadre_relatives")

#: the references out of the plugin's tables, as they were
REFERENCES = (
    Reference("personnel_cadre_relatives", "village_id", "villages"),
    Reference("personnel_appointments", "case_id", "cases", "SET NULL"),
    Reference("personnel_appointments", "village_id", "villages"),
)


def upgrade():
    tenant_keys.upgrade(op, TABLES, REFERENCES)


def downgrade():
    tenant_keys.downgrade(op, TABLES, REFERENCES)
