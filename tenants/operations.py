"""Tenant operations: counties, townships, villages and plugin activation."""

from __future__ import annotations

import re

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from core.audit import record
from core.errors import Invalid, NotFound
from core.plugins import PluginHost

from .models import KINDS, PluginActivation, Tenant, Village

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
VILLAGE_CODE = re.compile(r"^\d{12}$")


def create_tenant(
    sess: Session, slug: str, name: str, kind: str, parent: Tenant | None = None
) -> Tenant:
    slug, name = slug.strip().lower(), name.strip()
    if not SLUG.match(slug):
        raise Invalid(
            "标识只能包含小写字母、数字和连字符，长 2–63 个字符。", fields={"slug": "格式不正确"}
        )
    if not name:
        raise Invalid("请填写名称。", fields={"name": "必填"})
    if kind not in KINDS:
        raise Invalid(
            "类型必须是 county（县/区）或 township（乡镇/街道）。", fields={"kind": "未知"}
        )
    if kind == "township" and (parent is None or parent.kind != "county"):
        raise Invalid("乡镇（街道）必须属于一个县（区）。", fields={"parent": "必填"})
    if kind == "county" and parent is not None:
        raise Invalid("县（区）不能有上级单位。", fields={"parent": "不适用"})
    if sess.scalar(select(Tenant.id).where(Tenant.slug == slug)):
        raise Invalid(f"标识“{slug}”已被使用。", fields={"slug": "已存在"})
    tenant = Tenant(slug=slug, name=name, kind=kind, parent=parent)
    sess.add(tenant)
    sess.flush()
    return tenant


def create_village(sess: Session, tenant: Tenant, code: str, name: str) -> Village:
    code, name = code.strip(), name.strip()
    if tenant.kind != "township":
        raise Invalid("村（社区）只能建在乡镇（街道）下。", fields={"tenant": "类型不符"})
    if not VILLAGE_CODE.match(code):
        raise Invalid("村代码应为 12 位数字的统计用区划代码。", fields={"code": "格式不正确"})
    if not name:
        raise Invalid("请填写村名。", fields={"name": "必填"})
    taken = sess.scalar(
        select(Village.id).where(Village.tenant_id == tenant.id, Village.code == code)
    )
    if taken:
        raise Invalid(f"村代码 {code} 已存在。", fields={"code": "已存在"})
    village = Village(tenant_id=tenant.id, code=code, name=name)
    sess.add(village)
    sess.flush()
    return village


def village_by_code(sess: Session, tenant: Tenant, code: str) -> Village:
    village = sess.scalar(
        select(Village).where(Village.tenant_id == tenant.id, Village.code == code)
    )
    if village is None:
        raise NotFound("找不到该村。")
    return village


# --- plugin activation ---------------------------------------------------------------------


#: ``Session.info`` key of the activations read in the session's current transaction
_READ = "qingdan.plugin_activations"


def _activations(sess: Session, tenant_ids: list[int]) -> dict[tuple[int, str], bool]:
    """The activation rows of ``tenant_ids``, read once per transaction: a page or a step
    completion asks which plugins are on several times (items, rules, hooks, panels)."""
    if _changing(sess):  # not flushed yet: the query below flushes it first
        sess.info.pop(_READ, None)
    read = sess.info.setdefault(_READ, {})
    key = tuple(tenant_ids)
    if key not in read:
        rows = sess.scalars(
            select(PluginActivation).where(PluginActivation.tenant_id.in_(tenant_ids))
        )
        read[key] = {(r.tenant_id, r.plugin_key): r.enabled for r in rows}
    return read[key]


@event.listens_for(Session, "after_transaction_end")
def _forget_activations(sess: Session, _transaction) -> None:
    sess.info.pop(_READ, None)


@event.listens_for(Session, "before_flush")
def _forget_changed_activations(sess: Session, _context, _instances) -> None:
    if _changing(sess):
        sess.info.pop(_READ, None)


def _changing(sess: Session) -> bool:
    changed = (*sess.new, *sess.dirty, *sess.deleted)
    return any(isinstance(row, PluginActivation) for row in changed)


def plugin_states(sess: Session, host: PluginHost, tenant: Tenant) -> list[dict]:
    """Every loaded plugin with whether it is on for ``tenant`` and where that comes from.

    A township's own choice wins; otherwise it inherits its county's; otherwise the
    plugin's default (built-ins on, third-party plugins off).
    """
    chain = [tenant.id] + ([tenant.parent_id] if tenant.parent_id else [])
    rows = _activations(sess, chain)
    states = []
    for key in host.loaded_keys():
        info = host.infos[key]
        if (tenant.id, key) in rows:
            enabled, source = rows[(tenant.id, key)], "own"
        elif tenant.parent_id and (tenant.parent_id, key) in rows:
            enabled, source = rows[(tenant.parent_id, key)], "county"
        else:
            enabled, source = info.default_enabled, "default"
        states.append(
            {
                "key": key,
                "name": info.name,
                "enabled": enabled,
                "source": source,
                "builtin": info.builtin,
                "status": info.status,
            }
        )
    return states


def enabled_plugin_keys(sess: Session, host: PluginHost, tenant: Tenant) -> frozenset[str]:
    return frozenset(s["key"] for s in plugin_states(sess, host, tenant) if s["enabled"])


def inherit_plugins(sess: Session, host: PluginHost, tenant: Tenant) -> list[dict]:
    """Forget ``tenant``'s own choices: a township follows its county again."""
    if tenant.kind != "township":
        raise Invalid("只有乡镇（街道）可以恢复沿用县（区）的设置。")
    for row in sess.scalars(
        select(PluginActivation).where(PluginActivation.tenant_id == tenant.id)
    ):
        sess.delete(row)
    sess.flush()
    record(
        sess,
        tenant_id=tenant.id,
        action="plugins.inherited",
        subject_type="tenant",
        subject_id=tenant.id,
        payload={"county_id": tenant.parent_id},
    )
    return plugin_states(sess, host, tenant)


def set_enabled_plugins(
    sess: Session, host: PluginHost, tenant: Tenant, enabled: list[str]
) -> list[dict]:
    """Record the full set of plugins on for ``tenant``; every other loaded plugin is off."""
    loaded = set(host.loaded_keys())
    unknown = sorted(set(enabled) - loaded)
    if unknown:
        raise Invalid(
            f"没有这些插件：{'、'.join(unknown)}。", fields={"enabled": f"未知插件 {unknown}"}
        )
    rows = {
        r.plugin_key: r
        for r in sess.scalars(
            select(PluginActivation).where(PluginActivation.tenant_id == tenant.id)
        )
    }
    for key in loaded:
        row = rows.get(key)
        if row is None:
            sess.add(PluginActivation(tenant_id=tenant.id, plugin_key=key, enabled=key in enabled))
        else:
            row.enabled = key in enabled
    sess.flush()
    record(
        sess,
        tenant_id=tenant.id,
        action="plugins.changed",
        subject_type="tenant",
        subject_id=tenant.id,
        payload={
            "enabled": sorted(loaded & set(enabled)),
            "disabled": sorted(loaded - set(enabled)),
        },
    )
    return plugin_states(sess, host, tenant)
