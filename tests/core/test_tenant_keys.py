"""Issue 9: every tenant-owned table's primary, unique and foreign keys include tenant_id, so a
large deployment can distribute the tables on it with Citus (see ``core/distribution.py``).

The checks read a plain description of the schema, taken from the models and, on PostgreSQL,
from a database migrated to head, so the migrations are held to the same rules as the models.
"""

from dataclasses import dataclass, field

import pytest
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    UniqueConstraint,
    create_engine,
    inspect,
)

from core.distribution import REFERENCE_TABLES, is_distributed
from core.schema import all_metadata


@dataclass
class Shape:
    """What the checks need of one table."""

    columns: set[str]
    primary_key: list[str]
    #: the columns of each unique constraint and unique index, the primary key's aside
    uniques: list[list[str]] = field(default_factory=list)
    #: ``(columns, parent table, parent columns)`` per foreign key
    references: list[tuple[list[str], str, list[str]]] = field(default_factory=list)


def shapes_of_metadata(metadata: MetaData) -> dict[str, Shape]:
    shapes = {}
    for table in metadata.sorted_tables:
        uniques = [
            list(c.columns.keys()) for c in table.constraints if isinstance(c, UniqueConstraint)
        ]
        uniques += [list(i.columns.keys()) for i in table.indexes if i.unique]
        references = [
            (
                [e.parent.name for e in fk.elements],
                fk.referred_table.name,
                [e.column.name for e in fk.elements],
            )
            for fk in table.foreign_key_constraints
        ]
        shapes[table.name] = Shape(
            set(table.c.keys()), list(table.primary_key.columns.keys()), uniques, references
        )
    return shapes


def shapes_of_database(url: str) -> dict[str, Shape]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            shapes = {}
            for name in set(found.get_table_names()) - {"alembic_version"}:
                uniques = [u["column_names"] for u in found.get_unique_constraints(name)]
                uniques += [i["column_names"] for i in found.get_indexes(name) if i["unique"]]
                references = [
                    (k["constrained_columns"], k["referred_table"], k["referred_columns"])
                    for k in found.get_foreign_keys(name)
                ]
                shapes[name] = Shape(
                    {c["name"] for c in found.get_columns(name)},
                    found.get_pk_constraint(name)["constrained_columns"],
                    uniques,
                    references,
                )
            return shapes
    finally:
        engine.dispose()


def distributed(shapes: dict[str, Shape]) -> dict[str, Shape]:
    return {
        name: shape
        for name, shape in shapes.items()
        if "tenant_id" in shape.columns and is_distributed(name)
    }


# --- the rules: each returns what breaks it, empty when the schema keeps it ----------------


def unclassified(shapes: dict[str, Shape]) -> list[str]:
    """A table without tenant_id is a reference table, and must be named as one."""
    found = [n for n, s in shapes.items() if "tenant_id" not in s.columns]
    named = [n for n in found if n not in REFERENCE_TABLES]
    return sorted(named + [f"{n} (listed, missing)" for n in REFERENCE_TABLES - set(shapes)])


def keys_without_tenant(shapes: dict[str, Shape]) -> list[str]:
    """A distributed table's primary key is (id, tenant_id)."""
    return sorted(
        f"{name}: {shape.primary_key}"
        for name, shape in distributed(shapes).items()
        if shape.primary_key != ["id", "tenant_id"]
    )


def uniques_without_tenant(shapes: dict[str, Shape]) -> list[str]:
    return sorted(
        f"{name}: {unique}"
        for name, shape in distributed(shapes).items()
        for unique in shape.uniques
        if "tenant_id" not in unique
    )


def references_across_tenants(shapes: dict[str, Shape]) -> list[str]:
    """A reference between distributed tables matches tenant_id to tenant_id."""
    tables = distributed(shapes)
    return sorted(
        f"{name}.{columns} -> {parent}.{parent_columns}"
        for name, shape in tables.items()
        for columns, parent, parent_columns in shape.references
        if parent in tables
        and ("tenant_id", "tenant_id") not in zip(columns, parent_columns, strict=True)
    )


def references_out_of_reference_tables(shapes: dict[str, Shape]) -> list[str]:
    """A reference table (copied to every node) never points at a distributed row."""
    tables = distributed(shapes)
    return sorted(
        f"{name}.{columns} -> {parent}"
        for name, shape in shapes.items()
        if name not in tables
        for columns, parent, _ in shape.references
        if parent in tables
    )


RULES = (
    unclassified,
    keys_without_tenant,
    uniques_without_tenant,
    references_across_tenants,
    references_out_of_reference_tables,
)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_the_models_keep_the_rule(rule):
    assert rule(shapes_of_metadata(all_metadata())) == []


@pytest.mark.postgres
@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_a_database_migrated_to_head_keeps_the_rule(rule, qingdan_database):
    assert rule(shapes_of_database(qingdan_database.owner_url)) == []


def test_the_rules_catch_the_keys_as_they_were():
    """Tables keyed by id alone, as before issue 9, break every rule."""
    metadata = MetaData()
    Table("tenants", metadata, Column("id", Integer, primary_key=True))
    Table(
        "villages",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("tenant_id", ForeignKey("tenants.id")),
        Column("code", Integer),
        UniqueConstraint("code"),
    )
    Table(
        "cases",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("tenant_id", ForeignKey("tenants.id")),
        Column("village_id", ForeignKey("villages.id")),
    )
    Table(
        "roles",
        metadata,
        Column("key", Integer, primary_key=True),
        Column("village_id", ForeignKey("villages.id")),
    )
    Table("gadgets", metadata, Column("id", Integer, primary_key=True))
    shapes = shapes_of_metadata(metadata)
    assert keys_without_tenant(shapes) == ["cases: ['id']", "villages: ['id']"]
    assert uniques_without_tenant(shapes) == ["villages: ['code']"]
    assert references_across_tenants(shapes) == ["cases.['village_id'] -> villages.['id']"]
    assert references_out_of_reference_tables(shapes) == ["roles.['village_id'] -> villages"]
    assert "gadgets" in unclassified(shapes)
    assert "users (listed, missing)" in unclassified(shapes)
