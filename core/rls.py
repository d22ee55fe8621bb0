"""PostgreSQL row-level security for tenant-owned tables.

Every table with a ``tenant_id`` gets a policy that lets a transaction see only the tenants
written by ``core.db`` into ``qingdan.tenant_ids`` with ``set_config(..., true)`` (the SQL
``SET LOCAL``), or everything while ``qingdan.system`` is on. ``FORCE`` applies it to the
table owner too; with no tenant set, no rows at all are visible. Migrations call
:func:`protect` for each new tenant-owned table.
"""

from __future__ import annotations

POLICY = "tenant_isolation"
_CONDITION = (
    "current_setting('qingdan.system', true) = 'on' OR tenant_id = ANY ("
    "string_to_array(NULLIF(current_setting('qingdan.tenant_ids', true), ''), ',')::int[])"
)


def protect(op, table: str) -> None:
    """Enable and force row-level security on ``table`` (no-op on other databases)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
    op.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
    op.execute(
        f'CREATE POLICY {POLICY} ON "{table}" USING ({_CONDITION}) WITH CHECK ({_CONDITION})'
    )


def unprotect(op, table: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    op.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
    op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
