"""One township's data as one file, and back: ``qingdan tenant export`` / ``tenant import``.

The archive is a zip holding ``manifest.json``, one JSON-lines file per table under
``tables/`` and the tenant's attachment files under ``files/``. Rows are copied column by
column with their ids, so foreign keys, case codes and the audit chain (whose hashes cover
tenant ids and sequence numbers) come back exactly as they were. Importing therefore needs a
database that does not hold the tenant yet: a fresh one, or one it was deleted from.

What belongs to a tenant is every row of a tenant-owned table carrying its id, plus every row
those point at through a foreign key — the county its township hangs under, the county's item
versions its cases run on, the accounts of its staff — so that an archive restores on its own.
Such borrowed rows are inserted only where the target database lacks them. API tokens and
login failures are never exported: they are secrets and noise, not the tenant's record.

Both directions run in system scope on the connection they are given; the CLI passes one of
the schema owner, because the application role may not write the append-only audit table
outside of appending.
"""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

from core import db
from core.attachments.storage import Storage
from core.errors import Invalid
from core.schema import all_metadata

from .models import Tenant

FORMAT = 1
#: tables whose rows are never exported, even when something points at them
SKIPPED = frozenset({"api_tokens", "login_failures"})


@dataclass
class Manifest:
    """What an archive holds: written first when reading, last when writing."""

    format: int
    tenant_id: int
    slug: str
    name: str
    exported_at: str
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0


def export_tenant(sess: Session, storage: Storage, tenant: Tenant, path: Path) -> Manifest:
    """Write ``tenant``'s rows and files to the zip at ``path``."""
    with db.system_scope(sess):
        rows = _collect(sess, tenant)
        manifest = Manifest(
            format=FORMAT,
            tenant_id=tenant.id,
            slug=tenant.slug,
            name=tenant.name,
            exported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            rows={name: len(found) for name, found in rows.items() if found},
        )
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, found in rows.items():
                if found:
                    table = all_metadata().tables[name]
                    lines = (json.dumps(_encode(table, row), ensure_ascii=False) for row in found)
                    archive.writestr(f"tables/{name}.jsonl", "\n".join(lines) + "\n")
            for key in _storage_keys(rows, tenant.id):
                with storage.open(key) as source, archive.open(f"files/{key}", "w") as target:
                    target.write(source.read())
                manifest.files += 1
            archive.writestr("manifest.json", json.dumps(manifest.__dict__, ensure_ascii=False))
    return manifest


def import_tenant(sess: Session, storage: Storage, path: Path) -> Manifest:
    """Restore an archive written by :func:`export_tenant`, in one transaction.

    Refuses, changing nothing, when the file is not such an archive or when the database
    already holds any of the tenant's own rows.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise Invalid(f"“{path}”不是清单平台导出的单位数据文件。") from exc
    with archive, db.system_scope(sess):
        manifest = _read_manifest(archive, path)
        if sess.get(Tenant, manifest.tenant_id) is not None or sess.scalar(
            select(Tenant.id).where(Tenant.slug == manifest.slug)
        ):
            raise Invalid(f"数据库中已有单位“{manifest.slug}”，请在空数据库中导入。")
        metadata = all_metadata()
        for table in metadata.sorted_tables:
            member = f"tables/{table.name}.jsonl"
            if member in archive.namelist():
                _insert_missing(sess, table, _decoded_rows(table, archive.read(member)))
        for member in archive.namelist():
            if member.startswith("files/"):
                with archive.open(member) as source:
                    storage.put(member.removeprefix("files/"), source)
        _advance_sequences(sess, metadata.sorted_tables)
        sess.commit()
    return manifest


def _collect(sess: Session, tenant: Tenant) -> dict[str, list[dict]]:
    """The tenant's rows by table, with every row they reach through foreign keys."""
    tables = [t for t in all_metadata().sorted_tables if t.name not in SKIPPED]
    found: dict[str, dict[tuple, dict]] = {t.name: {} for t in tables}
    queue: list[tuple[Table, dict]] = []

    def add(table: Table, row: dict) -> None:
        key = tuple(row[c.name] for c in table.primary_key.columns)
        if key not in found[table.name]:
            found[table.name][key] = row
            queue.append((table, row))

    for table in tables:
        if "tenant_id" in table.c:
            for row in sess.execute(select(table).where(table.c.tenant_id == tenant.id)):
                add(table, dict(row._mapping))
    tenants = all_metadata().tables["tenants"]
    add(
        tenants, dict(sess.execute(select(tenants).where(tenants.c.id == tenant.id)).one()._mapping)
    )
    while queue:
        table, row = queue.pop()
        for fk in table.foreign_key_constraints:
            values = [(e.column, row[e.parent.name]) for e in fk.elements]
            target = fk.referred_table
            if any(value is None for _, value in values) or target.name in SKIPPED:
                continue
            query = select(target).where(*(column == value for column, value in values))
            for referenced in sess.execute(query):
                add(target, dict(referenced._mapping))
    ordered = {name: sorted(rows.items(), key=lambda kv: kv[0]) for name, rows in found.items()}
    return {name: [row for _, row in rows] for name, rows in ordered.items()}


def _storage_keys(rows: dict[str, list[dict]], tenant_id: int) -> Iterator[str]:
    for row in rows.get("attachments", ()):
        if row["tenant_id"] == tenant_id:
            yield row["storage_key"]


def _encode(table: Table, row: dict) -> dict:
    return {c.name: _plain(row[c.name]) for c in table.columns}


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _decoded_rows(table: Table, data: bytes) -> list[dict]:
    kinds = {c.name: _python_type(c) for c in table.columns}
    rows = []
    for line in data.decode().splitlines():
        row = json.loads(line)
        rows.append({name: _typed(kinds.get(name), value) for name, value in row.items()})
    return rows


#: how a value written by :func:`_plain` reads back, by the column's Python type
PARSERS = {
    datetime: datetime.fromisoformat,
    date: date.fromisoformat,
    Decimal: Decimal,
    bytes: base64.b64decode,
}


def _python_type(column):
    kind = getattr(column.type, "impl_instance", column.type)  # a TypeDecorator's storage type
    try:
        return kind.python_type
    except NotImplementedError:  # a type that does not name one: its JSON value is kept as is
        return None


def _typed(kind, value):
    parse = PARSERS.get(kind)
    return value if value is None or parse is None else parse(value)


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> Manifest:
    try:
        manifest = Manifest(**json.loads(archive.read("manifest.json")))
    except (KeyError, TypeError, ValueError) as exc:
        raise Invalid(f"“{path}”缺少有效的清单说明（manifest.json），无法导入。") from exc
    if manifest.format != FORMAT:
        raise Invalid(f"数据文件格式 {manifest.format} 不受支持（应为 {FORMAT}）。")
    return manifest


def _insert_missing(sess: Session, table: Table, rows: list[dict]) -> None:
    """Insert the rows whose primary key the database lacks; parents before children."""
    if table.name == "tenants":
        rows.sort(key=lambda row: row["parent_id"] is not None)
    keys = table.primary_key.columns
    for row in rows:
        exists = select(func.count()).select_from(table)
        for column in keys:
            exists = exists.where(column == row[column.name])
        if not sess.scalar(exists):
            sess.execute(table.insert().values(row))


def _advance_sequences(sess: Session, tables: list[Table]) -> None:
    """PostgreSQL hands out ids from sequences: move each past the ids just inserted."""
    if sess.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        column = table.autoincrement_column
        if column is not None:
            sess.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, :column),"
                    f' GREATEST((SELECT max("{column.name}") FROM "{table.name}"), 1))'
                ),
                {"table": table.name, "column": column.name},
            )
