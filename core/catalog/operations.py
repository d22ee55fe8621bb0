"""Catalog operations: items and versions, plugin defaults, and the list in force.

A definition is stored exactly as written (``ItemVersion.definition_json``) so that a
published version reads back byte for byte; every change is a new draft version.
"""

from __future__ import annotations

import hashlib
import json
import logging
from weakref import WeakKeyDictionary

from sqlalchemy import event, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from core.audit import SYSTEM, record
from core.db import utcnow
from core.errors import Conflict, Invalid, NotFound
from core.plugins import PluginHost
from formbuilder.definitions import load_item_definition
from tenants.models import Tenant
from tenants.operations import enabled_plugin_keys

from .models import Item, ItemSwitch, ItemVersion

log = logging.getLogger(__name__)


def canonical_json(definition: dict) -> str:
    """The text a definition is stored as: stable key order as given, UTF-8, no spaces."""
    return json.dumps(definition, ensure_ascii=False, separators=(",", ":"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def definition_of(version: ItemVersion) -> dict:
    return json.loads(version.definition_json)


# --- items and versions --------------------------------------------------------------------


def item_by_key(sess: Session, tenant: Tenant, key: str) -> Item:
    item = sess.scalar(
        select(Item)
        .where(Item.tenant_id == tenant.id, Item.key == key)
        .options(selectinload(Item.versions))
    )
    if item is None:
        raise NotFound("找不到该事项。")
    return item


def visible_item(sess: Session, host: PluginHost, tenant: Tenant, key: str) -> Item:
    """An item ``tenant`` may read: its own, or its county's (plugin defaults included)."""
    sync_plugin_items(sess, host, tenant.county)
    owners = [tenant.id] + ([tenant.parent_id] if tenant.parent_id else [])
    items = {
        i.tenant_id: i
        for i in sess.scalars(
            select(Item)
            .where(Item.tenant_id.in_(owners), Item.key == key)
            .options(selectinload(Item.versions))
        )
    }
    found = next((items[o] for o in owners if o in items), None)
    if found is None:
        raise NotFound("找不到该事项。")
    return found


def create_item(
    sess: Session,
    tenant: Tenant,
    definition: dict,
    *,
    origin: str,
    actor_id: int | None,
    plugin: str | None = None,
) -> Item:
    """A new item with its first draft version."""
    return _create(sess, tenant, load_item_definition(definition), origin, actor_id, plugin)


def _create(sess, tenant, clean: dict, origin: str, actor_id: int | None, plugin: str | None):
    taken = sess.scalar(
        select(Item.id).where(Item.tenant_id == tenant.id, Item.key == clean["key"])
    )
    if taken:
        raise Invalid(f"事项标识“{clean['key']}”已被使用。", fields={"key": "已存在"})
    item = Item(
        tenant_id=tenant.id, key=clean["key"], domain=clean["domain"], origin=origin, plugin=plugin
    )
    sess.add(item)
    sess.flush()
    _audit(
        sess,
        item,
        "item.created",
        {"key": item.key, "domain": item.domain, "origin": origin, "plugin": plugin},
    )
    _new_version(sess, item, clean, actor_id)
    return item


def save_draft(sess: Session, item: Item, definition: dict, *, actor_id: int | None) -> ItemVersion:
    """Store ``definition`` as the item's draft: the open draft is replaced, or a new one made."""
    clean = load_item_definition(definition)
    if clean["key"] != item.key:
        raise Invalid("事项标识创建后不能修改。", fields={"key": "不能修改"})
    draft = item.draft
    if draft is None:
        return _new_version(sess, item, clean, actor_id)
    text = canonical_json(clean)
    draft.definition_json, draft.digest, draft.name = text, digest(text), clean["name"]
    item.domain = clean["domain"]
    sess.flush()
    _audit(
        sess,
        item,
        "item.draft_saved",
        {"key": item.key, "version": draft.number, "digest": draft.digest},
    )
    return draft


def publish(sess: Session, item: Item) -> ItemVersion:
    """Freeze the item's draft: from now on it never changes, and new cases start with it."""
    draft = item.draft
    if draft is None:
        raise Conflict("该事项没有待发布的草稿。", code="no_draft")
    draft.status = "published"
    draft.published_at = utcnow()
    sess.flush()
    _audit(
        sess,
        item,
        "item.published",
        {"key": item.key, "version": draft.number, "digest": draft.digest},
    )
    return draft


def _new_version(sess: Session, item: Item, clean: dict, actor_id: int | None) -> ItemVersion:
    number = (
        sess.scalar(select(func.max(ItemVersion.number)).where(ItemVersion.item_id == item.id)) or 0
    ) + 1
    text = canonical_json(clean)
    version = ItemVersion(
        tenant_id=item.tenant_id,
        item=item,
        number=number,
        status="draft",
        format=clean["format"],
        definition_json=text,
        digest=digest(text),
        name=clean["name"],
        created_by_id=actor_id,
    )
    sess.add(version)
    sess.flush()
    _audit(
        sess,
        item,
        "item.draft_saved",
        {"key": item.key, "version": number, "digest": version.digest},
    )
    return version


def version(item: Item, number: int) -> ItemVersion:
    found = next((v for v in item.versions if v.number == number), None)
    if found is None:
        raise NotFound(f"该事项没有第 {number} 版。")
    return found


# --- plugin defaults -----------------------------------------------------------------------


#: per plugin host: the counties whose plugin items are known to be in sync
_synced: WeakKeyDictionary[PluginHost, set[int]] = WeakKeyDictionary()
#: per plugin host: the plugins' default items, validated once per process
_shipped: WeakKeyDictionary[PluginHost, list[tuple[str, dict]]] = WeakKeyDictionary()


def shipped_items(host: PluginHost) -> list[tuple[str, dict]]:
    """``(plugin key, loaded definition)`` of every valid default item the plugins ship.

    A default that does not validate is reported once as the plugin's error and left out.
    """
    if host not in _shipped:
        found = []
        for plugin_key in host.loaded_keys():
            for batch in host.caller("qingdan_items", {plugin_key})():
                for definition in batch or ():
                    try:
                        found.append((plugin_key, load_item_definition(definition)))
                    except Invalid as exc:
                        detail = "；".join(f"{p}: {m}" for p, m in exc.fields.items())
                        host.infos[plugin_key].record_error(
                            "qingdan_items", f"{exc.message} {detail}"
                        )
        _shipped[host] = found
    return _shipped[host]


def sync_plugin_items(sess: Session, host: PluginHost, county: Tenant) -> None:
    """Make the county's copies of plugin default items match what the plugins ship.

    Runs once per county and process. A changed default becomes a new published version;
    cases already running keep theirs. A default that does not validate is reported as the
    plugin's error and skipped. Another process syncing at the same moment is tolerated.
    """
    done = _synced.setdefault(host, set())
    pending = sess.info.setdefault("qingdan_synced_counties", set())
    if county.id in done or county.id in pending:
        return
    _lock_sync(sess, county)
    existing = {
        i.key: i
        for i in sess.scalars(
            select(Item)
            .where(Item.tenant_id == county.id, Item.origin == "plugin")
            .options(selectinload(Item.versions))
        )
    }
    changed = False
    for plugin_key, clean in shipped_items(host):
        try:
            with sess.begin_nested():
                changed |= _sync_one(sess, county, plugin_key, clean, existing)
        except IntegrityError:
            log.info("plugin item synced by another process: %s", clean["key"])
            changed = True
    if not changed:  # the database already matches: nothing to commit (most page views)
        done.add(county.id)
        return
    # remembered for the process only once committed: a rolled-back sync is done again
    pending.add(county.id)
    event.listen(sess, "after_commit", lambda _s: done.add(county.id), once=True)
    event.listen(sess, "after_rollback", lambda _s: pending.discard(county.id), once=True)


def _lock_sync(sess: Session, county: Tenant) -> None:
    """Make concurrent syncs of the county take turns (PostgreSQL; SQLite has one writer).

    Without it, the first requests after a start or a database restart all sync at once,
    and one that reads the items before another commits them refuses a key "already used"
    — a 422 for a request that did nothing wrong.
    """
    if sess.get_bind().dialect.name == "postgresql":
        sess.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('qingdan.plugin_items'), :county)"),
            {"county": county.id},
        )


def _sync_one(sess, county, plugin_key, clean, existing) -> bool:
    """Bring one item up to date; True if that took a write."""
    item = existing.get(clean["key"])
    if item is None:
        item = _create(sess, county, clean, "plugin", None, plugin_key)
        publish(sess, item)
        return True
    latest = item.published
    if latest is None or latest.digest != digest(canonical_json(clean)):
        save_draft(sess, item, clean, actor_id=None)
        publish(sess, item)
        return True
    return False


# --- the list in force ---------------------------------------------------------------------


def items_in_force(
    sess: Session, host: PluginHost, tenant: Tenant
) -> list[tuple[Item, ItemVersion]]:
    """The items new cases of ``tenant`` may use, each with its published version.

    For a township: the county's plugin defaults (of plugins enabled for the township) and
    guidance items, less those the township switched off, plus its own published items.
    """
    county = tenant.county
    sync_plugin_items(sess, host, county)
    enabled = enabled_plugin_keys(sess, host, tenant)
    owners = [county.id] + ([tenant.id] if tenant.kind == "township" else [])
    items = sess.scalars(
        select(Item)
        .where(Item.tenant_id.in_(owners))
        .options(selectinload(Item.versions))
        .order_by(Item.domain, Item.key)
    ).all()
    off = set()
    if tenant.kind == "township":
        off = set(
            sess.scalars(
                select(ItemSwitch.item_id).where(
                    ItemSwitch.tenant_id == tenant.id, ItemSwitch.enabled.is_(False)
                )
            )
        )
    in_force = []
    for item in items:
        if item.plugin and item.plugin not in enabled:
            continue
        if item.id in off or item.published is None:
            continue
        in_force.append((item, item.published))
    return in_force


def switched_off(sess: Session, township: Tenant) -> list[Item]:
    """The county items a township has taken out of its villages' list."""
    return list(
        sess.scalars(
            select(Item)
            .join(ItemSwitch, ItemSwitch.item_id == Item.id)
            .where(ItemSwitch.tenant_id == township.id, ItemSwitch.enabled.is_(False))
            .options(selectinload(Item.versions))
            .order_by(Item.domain, Item.key)
        )
    )


def switch_item(sess: Session, township: Tenant, item: Item, enabled: bool) -> None:
    """Let a township take a county item out of (or back into) its villages' list."""
    if township.kind != "township" or item.tenant_id != township.parent_id:
        raise Invalid("只能停用或启用上级县（区）清单中的事项。")
    row = sess.scalar(
        select(ItemSwitch).where(ItemSwitch.tenant_id == township.id, ItemSwitch.item_id == item.id)
    )
    if row is None:
        sess.add(ItemSwitch(tenant_id=township.id, item_id=item.id, enabled=enabled))
    else:
        row.enabled = enabled
    sess.flush()


def _audit(sess: Session, item: Item, action: str, payload: dict) -> None:
    """Record a change of ``item``; what plugins ship is the platform's doing, not the user's."""
    record(
        sess,
        tenant_id=item.tenant_id,
        action=action,
        subject_type="item",
        subject_id=item.id,
        payload=payload,
        actor=SYSTEM if item.origin == "plugin" else None,
    )
