"""The county template library: what a county offers, and a township's copy of it.

An entry holds a frozen copy of a definition: a county item's published version (a guidance
item or a plugin default), or a township item as the county approved it. A township copies an
entry into a new local item draft under a key of its own (``local.<…>``), which it then edits
and files like any local item.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.audit import record
from core.auth.models import User
from core.catalog import operations as catalog
from core.catalog.models import Item
from core.errors import Invalid, NotFound
from formbuilder.filing.models import Filing
from formbuilder.filing.operations import LOCAL_PREFIX, create_local_item
from tenants.models import Tenant

from .models import LibraryEntry

MAX_DESCRIPTION = 500


def entries(sess: Session, county: Tenant) -> list[LibraryEntry]:
    return list(
        sess.scalars(
            select(LibraryEntry)
            .where(LibraryEntry.tenant_id == county.id)
            .order_by(LibraryEntry.name, LibraryEntry.id)
        )
    )


def entry_by_id(sess: Session, county: Tenant, entry_id: int) -> LibraryEntry:
    found = sess.scalar(
        select(LibraryEntry).where(LibraryEntry.id == entry_id, LibraryEntry.tenant_id == county.id)
    )
    if found is None:
        raise NotFound("找不到该模板。")
    return found


def sources(sess: Session, host, county: Tenant) -> dict[str, tuple[str, dict]]:
    """What the county may put in its library, as ``{"slug:key": (label, definition)}``:
    its items in force, and its townships' items whose filing it approved."""
    found = {
        f"{county.slug}:{item.key}": (version.name, catalog.definition_of(version))
        for item, version in catalog.items_in_force(sess, host, county)
    }
    townships = {t.id: t for t in sess.scalars(select(Tenant).where(Tenant.parent_id == county.id))}
    approved = sess.scalars(
        select(Filing)
        .where(Filing.tenant_id.in_(list(townships)), Filing.status.in_(("approved", "published")))
        .order_by(Filing.id)
    )
    for filing in approved:  # the newest approval of an item wins
        township = townships[filing.tenant_id]
        definition = filing.definition
        found[f"{township.slug}:{definition['key']}"] = (
            f"{township.name} · {definition['name']}",
            definition,
        )
    return found


def add_entry(
    sess: Session, host, county: Tenant, source: str, description: str, actor: User
) -> LibraryEntry:
    """Put a copy of ``source`` (a key of :func:`sources`) in the county's library."""
    if county.kind != "county":
        raise Invalid("模板库由县（区）维护。")
    description = (description or "").strip()
    errors = {}
    if not description:
        errors["description"] = "请写一句简介，说明该模板适用于什么情况。"
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = f"简介最多 {MAX_DESCRIPTION} 个字。"
    available = sources(sess, host, county)
    if source not in available:
        errors["source"] = "请选择本县的事项，或已通过备案的乡镇特色事项。"
    if errors:
        raise Invalid("请按提示修改后再添加。", fields=errors)
    _label, definition = available[source]
    entry = LibraryEntry(
        tenant_id=county.id,
        source_key=definition["key"],
        name=definition["name"],
        description=description,
        definition_json=catalog.canonical_json(definition),
        created_by_id=actor.id,
    )
    sess.add(entry)
    sess.flush()
    _audit(sess, entry, "library.added", {"source": source, "name": entry.name})
    return entry


def remove_entry(sess: Session, county: Tenant, entry_id: int) -> None:
    entry = entry_by_id(sess, county, entry_id)
    _audit(sess, entry, "library.removed", {"name": entry.name})
    sess.delete(entry)
    sess.flush()


def suggested_key(entry: LibraryEntry) -> str:
    return LOCAL_PREFIX + entry.source_key.rsplit(".", 1)[-1]


def copy_entry(sess: Session, township: Tenant, entry: LibraryEntry, key: str, actor: User) -> Item:
    """Start a local item draft of ``township`` from ``entry``, under the new ``key``."""
    if township.kind != "township" or entry.tenant_id != township.parent_id:
        raise NotFound("找不到该模板。")
    definition = {**json.loads(entry.definition_json), "key": (key or "").strip()}
    return create_local_item(sess, township, definition, actor)


def _audit(sess: Session, entry: LibraryEntry, action: str, payload: dict) -> None:
    record(
        sess,
        tenant_id=entry.tenant_id,
        action=action,
        subject_type="library_entry",
        subject_id=entry.id,
        payload=payload,
    )
