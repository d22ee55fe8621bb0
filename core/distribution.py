"""Which tables a Citus cluster would distribute on ``tenant_id``, and which it would copy.

A province-sized deployment outgrows one PostgreSQL server; Citus spreads it over several by
*distributing* every tenant-owned table on ``tenant_id`` (``create_distributed_table(table,
'tenant_id', colocate_with => 'villages')``), so that all rows of one township live on one
node and a request, which works inside its tenants, is answered there. Citus accepts this only
when every primary key, unique key and foreign key between distributed tables includes the
distribution column, so the schema keeps these rules today (``tests/core/test_tenant_keys.py``):

- a distributed table's primary key is ``(id, tenant_id)``: ``id`` first, so a look-up by id
  alone still uses the key's index, and the ORM still knows a row by its ``id`` alone;
- its unique keys and unique indexes start with ``tenant_id``;
- a reference from one distributed table to another is ``(tenant_id, x_id) -> x(tenant_id,
  id)``, so a row can only point at a row of its own tenant (:func:`core.db.tenant_reference`).

*Reference tables* are copied to every node (``create_reference_table``): the tables without a
tenant and the shared catalog. A county's list items and their versions are run by its
townships' cases (``cases.item_id``, ``cases.item_version_id``,
``process_snapshots.item_version_id``, ``item_switches.item_id`` and ``filings`` point at rows
of another tenant), so ``items`` and ``item_versions`` keep ``tenant_id`` for row-level
security but are replicated, not distributed. References into reference tables stay
single-column; a reference table never points into a distributed one.

References between distributed tables that were ``ON DELETE SET NULL`` have no delete action
now: setting the composite key to NULL would null ``tenant_id`` as well, which is NOT NULL
(PostgreSQL 15 could name the column, SQLite and Citus cannot). Nothing deletes such a
parent on its own: cases are withdrawn, not deleted; notices, objections, step runs and
villages stay; deleting a whole tenant (:mod:`tenants.deletion`) removes children first.

Every other tenant-owned table, a plugin's too, is distributed. A table without
``tenant_id`` must be named here, so that a new one is a decision and not an accident.
"""

from __future__ import annotations

#: copied to every node: tables without a tenant, and the catalog that crosses tenants
REFERENCE_TABLES = frozenset(
    {
        "tenants",
        "users",
        "roles",
        "api_tokens",
        "login_failures",
        "job_failures",
        "items",
        "item_versions",
    }
)


def is_distributed(table_name: str) -> bool:
    """Whether a tenant-owned table is distributed on ``tenant_id`` (its keys include it)."""
    return table_name not in REFERENCE_TABLES
