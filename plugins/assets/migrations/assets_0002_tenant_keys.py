"""assets: tenant keys -- its tables keyed (id, tenant_id), their references composite

Revision ID: assets_0002
Revises: assets_0001
Create Date: 2026-12-08

See core/distribution.py and core/tenant_keys.py (core's revision 0015 does core's tables).
"""

from alembic import op

from core import tenant_keys
from core.tenant_keys import Reference

revision = "assets_0002"
down_revision = "assets_0001"
branch_labels = None
depends_on = "0015"

TABLES = ("assets_register", "assets_contracts", "assets_rent_payments")

#: the references out of the plugin's tables, as they were
REFERENCES = (
    Reference("assets_register", "village_id", "villages"),
    Reference("assets_register", "case_id", "cases", "SET NULL"),
    Reference("assets_contracts", "asset_id", "assets_register"),
    Reference("assets_contracts", "village_id", "villages"),
    Reference("assets_contracts", "case_id", "cases", "SET NULL"),
    Reference("assets_contracts", "renewed_from_id", "assets_contracts"),
    Reference("assets_rent_payments", "contract_id", "assets_contracts", "CASCADE"),
)


def upgrade():
    tenant_keys.upgrade(op, TABLES, REFERENCES)


def downgrade():
    tenant_keys.downgrade(op, TABLES, REFERENCES)
