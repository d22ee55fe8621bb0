"""finance: tenant keys -- its tables keyed (id, tenant_id), their references composite

Revision ID: finance_0002
Revises: finance_0001
Create Date: 2026-12-08

See core/distribution.py and core/tenant_keys.py (core's revision 0015 does core's tables).
"""

from alembic import op

from core import tenant_keys
from core.tenant_keys import Reference

revision = "finance_0002"
down_revision = "finance_0001"
branch_labels = None
depends_on = "0015"

TABLES = ("finance_vouchers", "finance_cash_records")

#: the references out of the plugin's tables, as they were
REFERENCES = (
    Reference("finance_cash_records", "case_id", "cases", "SET NULL"),
    Reference("finance_cash_records", "village_id", "villages"),
    Reference("finance_vouchers", "village_id", "villages"),
    Reference("finance_vouchers", "case_id", "cases", "SET NULL"),
)


def upgrade():
    tenant_keys.upgrade(op, TABLES, REFERENCES)


def downgrade():
    tenant_keys.downgrade(op, TABLES, REFERENCES)
