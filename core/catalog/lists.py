"""The responsibility list (责任清单) and the negative list (负面清单).

Plugins seed entries through ``qingdan_responsibilities`` and ``qingdan_prohibitions``; the
county keeps a copy (so its list stands on its own), admins add their own entries, and a
township reads its county's entries of the plugins enabled for it, plus its own.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import Invalid, NotFound
from core.plugins import PluginHost
from tenants.models import Tenant
from tenants.operations import enabled_plugin_keys

from .models import Prohibition, Responsibility

MAX_TEXT = 500
_synced: WeakKeyDictionary[PluginHost, set[int]] = WeakKeyDictionary()


def sync_plugin_lists(sess: Session, host: PluginHost, county: Tenant) -> None:
    """Replace the county's plugin-seeded entries with what the plugins ship now."""
    done = _synced.setdefault(host, set())
    if county.id in done:
        return
    for model, hook in (
        (Responsibility, "qingdan_responsibilities"),
        (Prohibition, "qingdan_prohibitions"),
    ):
        for row in sess.scalars(
            select(model).where(model.tenant_id == county.id, model.plugin.is_not(None))
        ):
            sess.delete(row)
        for plugin_key in host.loaded_keys():
            for batch in host.caller(hook, {plugin_key})():
                for position, entry in enumerate(batch or ()):
                    sess.add(_entry(model, county, plugin_key, position, entry))
    sess.flush()
    done.add(county.id)


def _entry(model, county, plugin_key, position, entry: dict):
    if model is Responsibility:
        return Responsibility(
            tenant_id=county.id,
            role_key=entry["role"],
            text=entry["text"],
            plugin=plugin_key,
            position=position,
        )
    return Prohibition(
        tenant_id=county.id,
        text=entry["text"],
        rule=entry.get("rule"),
        plugin=plugin_key,
        position=position,
    )


def lists_in_force(sess: Session, host: PluginHost, tenant: Tenant) -> tuple[list, list]:
    """(responsibilities, prohibitions) that apply to ``tenant``."""
    county = tenant.county
    sync_plugin_lists(sess, host, county)
    enabled = enabled_plugin_keys(sess, host, tenant)
    owners = [county.id] + ([tenant.id] if tenant.kind == "township" else [])
    result = []
    for model in (Responsibility, Prohibition):
        rows = sess.scalars(
            select(model)
            .where(model.tenant_id.in_(owners))
            .order_by(model.tenant_id, model.plugin, model.position, model.id)
        ).all()
        result.append([r for r in rows if r.plugin is None or r.plugin in enabled])
    return result[0], result[1]


def add_responsibility(sess: Session, tenant: Tenant, role_key: str, text: str) -> Responsibility:
    from core.auth.models import Role

    if sess.get(Role, role_key) is None:
        raise Invalid("请选择一个角色。", fields={"role": "未知角色"})
    entry = Responsibility(tenant_id=tenant.id, role_key=role_key, text=_text(text))
    sess.add(entry)
    sess.flush()
    return entry


def add_prohibition(sess: Session, tenant: Tenant, text: str) -> Prohibition:
    entry = Prohibition(tenant_id=tenant.id, text=_text(text))
    sess.add(entry)
    sess.flush()
    return entry


def remove_entry(sess: Session, tenant: Tenant, model, entry_id: int) -> None:
    """Remove one of ``tenant``'s own entries; plugin entries come back with the plugin."""
    entry = sess.get(model, entry_id)
    if entry is None or entry.tenant_id != tenant.id:
        raise NotFound("找不到该条目。")
    if entry.plugin is not None:
        raise Invalid("这一条由领域插件提供，不能删除；可停用该插件。")
    sess.delete(entry)
    sess.flush()


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise Invalid("请填写内容。", fields={"text": "必填"})
    if len(text) > MAX_TEXT:
        raise Invalid(f"内容不能超过 {MAX_TEXT} 个字。", fields={"text": "太长"})
    return text
