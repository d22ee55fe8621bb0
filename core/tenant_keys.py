"""Migration steps that give distributed tables their Citus-ready keys (:mod:`core.distribution`).

A migration names the tables whose primary key becomes ``(id, tenant_id)`` and the references
it owns, each as it was before: ``Reference("warnings", "case_id", "cases", "SET NULL")``.
:func:`upgrade` swaps the keys and makes those references ``(tenant_id, case_id) ->
cases(tenant_id, id)``; :func:`downgrade` puts back what was there.

PostgreSQL ties a foreign key to the key it references, so a primary key cannot change while
anything points at it. References the migration does not own -- a plugin's, into core's
``cases`` -- are taken down and put back as they were, composite only because their parent's
key now is (``ON DELETE SET NULL (column)``, PostgreSQL 15, keeps a SET NULL exact); the
plugin's own migration then gives them their final form. A plugin's first migration may run
after core's on a new database: it makes its references into core's tables with
:func:`reference`, in the form their parent's key allows.

SQLite keeps ``id`` as the rowid (see ``core.db``), so a plain reference to ``id`` stays valid
there and only the owned references change; its tables are rebuilt in batch, with foreign keys
off meanwhile (``core/migrations/env.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import ForeignKeyConstraint, inspect

KEY = ["id", "tenant_id"]
#: PostgreSQL's longest identifier
MAX_NAME = 63


class Form(NamedTuple):
    """How a reference is written: a foreign key's name, columns and delete action."""

    name: str
    columns: list[str]
    parent_columns: list[str]
    ondelete: str | None


@dataclass(frozen=True)
class Reference:
    """``table.column -> parent.id`` as it was before tenant keys, with its delete action."""

    table: str
    column: str
    parent: str
    ondelete: str | None = None

    def single(self) -> Form:
        """As it was."""
        name = f"fk_{self.table}_{self.column}_{self.parent}"
        return Form(name, [self.column], ["id"], self.ondelete)

    def composite(self) -> Form:
        """As the models have it: CASCADE stays, SET NULL goes, as it would null
        ``tenant_id`` too (see :mod:`core.distribution`)."""
        return self._composite("CASCADE" if self.ondelete == "CASCADE" else None)

    def exact_composite(self) -> Form:
        """Composite, and still doing what it did (PostgreSQL 15 and later)."""
        exact = f"SET NULL ({self.column})" if self.ondelete == "SET NULL" else self.ondelete
        return self._composite(exact)

    def _composite(self, ondelete: str | None) -> Form:
        """Named by the naming convention; with the parent's last word where the full name
        would pass PostgreSQL's limit (the models name those explicitly)."""
        name = f"fk_{self.table}_tenant_id_{self.column}_{self.parent}"
        if len(name) > MAX_NAME:
            name = f"fk_{self.table}_tenant_id_{self.column}_{self.parent.split('_')[-1]}"
        return Form(name, ["tenant_id", self.column], ["tenant_id", "id"], ondelete)


def reference(op, ref: Reference) -> ForeignKeyConstraint:
    """``ref`` for a table a plugin's first migration creates, in the form its parent's key
    allows now."""
    form = _as_it_was(op, ref)
    return ForeignKeyConstraint(
        form.columns,
        [f"{ref.parent}.{column}" for column in form.parent_columns],
        name=op.f(form.name),
        ondelete=form.ondelete,
    )


def upgrade(op, tables: Sequence[str], references: Sequence[Reference]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(op, tables, references, up=True)
        return
    foreign = _foreign_references(op, tables, references)
    _drop(op, [*references, *foreign])
    for table in tables:
        _set_key(op, table, KEY)
    for ref in references:
        _create(op, ref, ref.composite())
    for ref in foreign:
        _create(op, ref, _as_it_was(op, ref))


def downgrade(op, tables: Sequence[str], references: Sequence[Reference]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(op, tables, references, up=False)
        return
    foreign = _foreign_references(op, tables, references)
    _drop(op, [*references, *foreign])
    for table in tables:
        _set_key(op, table, ["id"])
    for ref in [*references, *foreign]:
        _create(op, ref, _as_it_was(op, ref))


# --- PostgreSQL --------------------------------------------------------------------------


def _foreign_references(op, tables, references) -> list[Reference]:
    """The references into ``tables`` that the migration does not own, as they were."""
    owned = {(ref.table, ref.column) for ref in references}
    found = []
    for (_schema, table), keys in inspect(op.get_bind()).get_multi_foreign_keys().items():
        for key in keys:
            column = key["constrained_columns"][-1]
            if key["referred_table"] in tables and (table, column) not in owned:
                ondelete = key["options"].get("ondelete")
                # a SET NULL (column) that an earlier upgrade made of a plain SET NULL
                plain = ondelete.split(" (")[0] if ondelete else None
                found.append(Reference(table, column, key["referred_table"], plain))
    return found


def _drop(op, references: Sequence[Reference]) -> None:
    names = [(ref, _existing_name(op, ref)) for ref in references]
    for ref, name in names:
        op.drop_constraint(name, ref.table, type_="foreignkey")


def _set_key(op, table: str, columns: list[str]) -> None:
    name = inspect(op.get_bind()).get_pk_constraint(table)["name"]
    op.drop_constraint(name, table, type_="primary")
    op.create_primary_key(name, table, columns)


def _create(op, ref: Reference, form: Form) -> None:
    op.create_foreign_key(
        form.name, ref.table, ref.parent, form.columns, form.parent_columns, ondelete=form.ondelete
    )


def _as_it_was(op, ref: Reference) -> Form:
    """``ref`` as it was written; composite (and exact) while its parent's key is."""
    if inspect(op.get_bind()).get_pk_constraint(ref.parent)["constrained_columns"] == ["id"]:
        return ref.single()
    return ref.exact_composite()


# --- SQLite ------------------------------------------------------------------------------


def _rebuild(op, tables, references, *, up: bool) -> None:
    """Rebuild each table the change touches, once: its key and its owned references.

    On SQLite the key ``(id, tenant_id)`` is ``PRIMARY KEY (id)`` plus ``UNIQUE (tenant_id,
    id)`` (see ``core.db``): setting the key adds the UNIQUE, taking it back drops the UNIQUE
    (unnamed, so it is named by the batch's convention to be dropped).
    """
    for table in dict.fromkeys([*tables, *(ref.table for ref in references)]):
        owned = [ref for ref in references if ref.table == table]
        names = [_existing_name(op, ref) for ref in owned]
        convention = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}
        with op.batch_alter_table(table, naming_convention=convention) as batch:
            for name in names:
                batch.drop_constraint(name, type_="foreignkey")
            if table in tables and up:
                batch.drop_constraint(f"pk_{table}", type_="primary")
                batch.create_primary_key(f"pk_{table}", KEY)
            elif table in tables:
                batch.drop_constraint(f"uq_{table}_tenant_id_id", type_="unique")
            for ref in owned:
                form = ref.composite() if up else ref.single()
                batch.create_foreign_key(
                    form.name,
                    ref.parent,
                    form.columns,
                    form.parent_columns,
                    ondelete=form.ondelete,
                )


def _existing_name(op, ref: Reference) -> str:
    """The name of the foreign key that now makes ``ref``, single or composite."""
    for key in inspect(op.get_bind()).get_foreign_keys(ref.table):
        if key["referred_table"] == ref.parent and key["constrained_columns"][-1] == ref.column:
            return key["name"]
    raise LookupError(f"no foreign key {ref.table}.{ref.column} -> {ref.parent}")
