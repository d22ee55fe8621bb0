"""What the designer does to a township's local items (特色清单).

Every change goes through ``core.catalog.operations``: each save is a draft, and a published
item that is edited gets a new draft, so running cases keep the version they pinned.
"""

from __future__ import annotations

import copy
import json
import re

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.auth.access import is_county_admin_of, memberships
from core.auth.models import User
from core.catalog import operations as catalog
from core.catalog.models import Item, ItemVersion
from core.errors import Forbidden, Invalid, NotFound
from core.plugins import PluginHost
from tenants.models import Tenant

#: the prefix of every township item key, so it never shadows a county item
LOCAL_PREFIX = "local."
#: the largest JSON file an import accepts
MAX_IMPORT_BYTES = 512 * 1024
_SLUG = re.compile(r"[^a-z0-9]+")
#: what an item key can look like (``ITEM_KEY`` of the definition schema): anything else,
#: a NUL byte included, is not looked up at all
_ITEM_KEY = re.compile(r"[a-z][a-z0-9_]{0,49}(\.[a-z][a-z0-9_]{0,49}){0,3}")


def may_edit(user: User | None, tenant: Tenant) -> bool:
    """Only the township's own admins design its items (a county admin reviews, not writes)."""
    if user is None or not user.is_authenticated or tenant.kind != "township":
        return False
    if user.superuser:
        return True
    return any(m.role.admin and m.tenant_id == tenant.id for m in memberships(user))


def require_reader(user: User | None, tenant: Tenant) -> bool:
    """Whether ``user`` may edit; county admins may only read; anyone else is refused."""
    if tenant.kind != "township":
        raise NotFound("找不到该页面或对象，或您无权查看。")
    if may_edit(user, tenant):
        return True
    if is_county_admin_of(user, tenant):
        return False
    raise Forbidden("只有本乡镇的管理员可以设计特色事项。")


def require_editor(user: User | None, tenant: Tenant) -> None:
    if not require_reader(user, tenant):
        raise Forbidden("县（区）管理员只能查看乡镇的特色事项，不能修改。")


def local_items(sess: Session, township: Tenant) -> list[Item]:
    """The township's own items, newest first, with their versions loaded."""
    return list(
        sess.scalars(
            select(Item)
            .where(Item.tenant_id == township.id)
            .options(selectinload(Item.versions))
            .order_by(Item.id.desc())
        )
    )


def local_item(sess: Session, township: Tenant, key: str) -> Item:
    """One of the township's own items; a county item or a foreign key is simply not found."""
    if not _ITEM_KEY.fullmatch(key):
        raise NotFound("找不到该事项。")
    item = sess.scalar(
        select(Item)
        .where(Item.tenant_id == township.id, Item.key == key)
        .options(selectinload(Item.versions))
    )
    if item is None:
        raise NotFound("找不到该事项。")
    return item


def working_version(item: Item) -> ItemVersion:
    """What the designer opens: the draft, else the newest published version."""
    return item.draft or item.published or item.versions[-1]


def suggest_key(sess: Session, township: Tenant, name: str) -> str:
    """``local.<slug>`` from the Latin letters of ``name``, else ``local.item<n>``; unused."""
    taken = set(sess.scalars(select(Item.key).where(Item.tenant_id == township.id)))
    slug = _SLUG.sub("_", name.lower()).strip("_")[:40]
    base = LOCAL_PREFIX + (slug if slug and slug[0].isalpha() else "item")
    if base not in taken and base != LOCAL_PREFIX + "item":
        return base
    number = 1
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def starter_definition(key: str, name: str) -> dict:
    """A new item: one task step for the village committee, for the admin to build on."""
    return {
        "format": 1,
        "key": key,
        "name": name,
        "domain": "local",
        "basis": ["（请填写政策依据）"],
        "responsible_role": "village_director",
        "steps": [
            {
                "key": "apply",
                "name": "提出申请",
                "kind": "task",
                "role": "village_committee",
                "fields": [],
                "next": None,
            }
        ],
    }


def create_local_item(
    sess: Session, township: Tenant, actor: User, name: str, key: str = ""
) -> Item:
    """A new local item from the starter definition, its key suggested when left blank."""
    name = name.strip()
    if not name:
        raise Invalid("请填写事项名称。", fields={"name": "请填写事项名称"})
    key = key.strip() or suggest_key(sess, township, name)
    return _create(sess, township, actor, starter_definition(key, name))


def copy_item(
    sess: Session, host: PluginHost, township: Tenant, actor: User, source_key: str, key: str = ""
) -> Item:
    """A local item that starts as a copy of a county or plugin item's newest definition."""
    if not _ITEM_KEY.fullmatch(source_key):
        raise NotFound("找不到该县级事项。")
    source = catalog.visible_item(sess, host, township, source_key)
    if source.tenant_id == township.id:
        raise NotFound("找不到该县级事项。")
    version = source.published or source.draft
    if version is None:
        raise NotFound("找不到该县级事项。")
    definition = catalog.definition_of(version)
    definition["key"] = key.strip() or suggest_key(sess, township, source.key.rsplit(".", 1)[-1])
    return _create(sess, township, actor, definition)


def import_definition(sess: Session, township: Tenant, actor: User, raw: bytes) -> Item:
    """A new local item from an exported definition file (format 1)."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise Invalid(f"文件太大，定义文件不能超过 {MAX_IMPORT_BYTES // 1024} KB。")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise Invalid("无法读取该文件：请选择从本系统导出的 JSON 定义文件。") from None
    if not isinstance(data, dict):
        raise Invalid("定义文件的内容应为一个对象（{…}）。")
    return _create(sess, township, actor, data)


def save(sess: Session, township: Tenant, item: Item, actor: User, definition: object):
    """Store the designer's definition as the item's draft (a new draft if it was published)."""
    if item.tenant_id != township.id:
        raise NotFound("找不到该事项。")
    if not isinstance(definition, dict):
        raise Invalid("事项定义应为一个对象。")
    return catalog.save_draft(sess, item, definition, actor_id=actor.id)


def export(version: ItemVersion) -> dict:
    """The stored definition, as import and the API take it back."""
    return catalog.definition_of(version)


def _create(sess: Session, township: Tenant, actor: User, definition: dict) -> Item:
    definition = copy.deepcopy(definition)
    key = definition.get("key")
    if not isinstance(key, str) or not key.startswith(LOCAL_PREFIX):
        raise Invalid(
            f"乡镇特色事项的标识须以“{LOCAL_PREFIX}”开头，如“local.street_lights”。",
            fields={"key": f"须以“{LOCAL_PREFIX}”开头"},
        )
    return catalog.create_item(sess, township, definition, origin="township", actor_id=actor.id)


def copy_sources(sess: Session, host: PluginHost, township: Tenant) -> list[tuple[Item, str]]:
    """County guidance items and plugin defaults a township may start from, with names."""
    return [
        (item, version.name)
        for item, version in catalog.items_in_force(sess, host, township)
        if item.tenant_id != township.id
    ]
