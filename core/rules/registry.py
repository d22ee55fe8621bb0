"""Where warning rules come from: core's own, and those of the plugins a tenant has enabled.

A rule is plain data and a check, the same shape for core and plugins (the contract is in
``core.hookspecs.qingdan_rules``). Plugin rules are read through the hook each time rules are
evaluated, so switching a plugin off for a township stops its rules there at once. A plugin
rule that is malformed, or whose key is already taken (core's keys first, then plugins in
key order), is left out and reported as that plugin's error; the other rules still run.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from core import db
from core.plugins import PluginHost, host
from tenants.models import Tenant
from tenants.operations import enabled_plugin_keys

from . import approvals, meetings, notices, overdue
from .models import SEVERITIES

log = logging.getLogger(__name__)

HOOK = "qingdan_rules"
TRIGGERS = ("step", "sweep")
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
MAX_KEY = 100


@dataclass(frozen=True)
class Rule:
    """A warning rule (预警规则), checked when a step is completed or by the periodic sweep."""

    key: str
    #: Chinese, shown to supervisors
    name: str
    #: the severity of a finding that names none
    severity: str
    description: str
    #: ``step``: ``check(sess, case, run)``; ``sweep``: ``check(sess, tenant, now)``
    trigger: str
    check: Callable
    #: the plugin that contributed it; None for core's own
    plugin: str | None = None


def rules_for(sess: Session, tenant: Tenant, trigger: str) -> list[Rule]:
    """The rules with ``trigger`` in force for ``tenant``: core's and its enabled plugins'."""
    plugin_host = host()
    with db.system_scope(sess):  # plugin activation is configuration, whatever the scope
        enabled = enabled_plugin_keys(sess, plugin_host, tenant)
    return [rule for rule in _collect(plugin_host, enabled) if rule.trigger == trigger]


def rule_names() -> dict[str, str]:
    """Every known rule's Chinese name by key, enabled anywhere or not (for listing warnings)."""
    plugin_host = host()
    return {rule.key: rule.name for rule in _collect(plugin_host, plugin_host.loaded_keys())}


def _collect(plugin_host: PluginHost, plugin_keys) -> list[Rule]:
    rules = list(CORE_RULES)
    taken = {rule.key for rule in rules}
    for key in sorted(set(plugin_keys) & set(plugin_host.loaded_keys())):
        for rule in _plugin_rules(plugin_host, key):
            if rule.key in taken:
                _refuse(plugin_host, key, f"预警规则标识 {rule.key} 已被占用，该规则未启用。")
                continue
            taken.add(rule.key)
            rules.append(rule)
    return rules


def _plugin_rules(plugin_host: PluginHost, key: str) -> list[Rule]:
    """One plugin's rules; its hook's own failure is already recorded by the plugin guard."""
    rules = []
    for returned in plugin_host.caller(HOOK, {key})():
        if returned is None:
            continue
        if not isinstance(returned, list | tuple):
            _refuse(plugin_host, key, "qingdan_rules 应返回规则列表。")
            continue
        for definition in returned:
            try:
                rules.append(parse_rule(definition, plugin=key))
            except ValueError as exc:
                _refuse(plugin_host, key, str(exc))
    return rules


def parse_rule(definition: object, plugin: str | None = None) -> Rule:
    """A :class:`Rule` from its plain-data definition; ``ValueError`` (Chinese) if malformed."""
    if not isinstance(definition, dict):
        raise ValueError("预警规则应为一个字典（dict）。")
    key = definition.get("key")
    if not isinstance(key, str) or len(key) > MAX_KEY or not KEY.fullmatch(key):
        raise ValueError(f"预警规则标识 {key!r} 不合规：应为小写字母、数字、下划线和点。")
    problems = []
    if not isinstance(definition.get("name"), str) or not definition["name"].strip():
        problems.append("缺少中文名称 name")
    if definition.get("severity") not in SEVERITIES:
        problems.append("severity 应为 blue、yellow 或 red")
    if definition.get("trigger") not in TRIGGERS:
        problems.append("trigger 应为 step 或 sweep")
    if not callable(definition.get("check")):
        problems.append("check 应为可调用的函数")
    if not isinstance(definition.get("description", ""), str):
        problems.append("description 应为文本")
    if problems:
        raise ValueError(f"预警规则 {key} 定义有误：{'；'.join(problems)}。")
    return Rule(
        key=key,
        name=definition["name"].strip(),
        severity=definition["severity"],
        description=definition.get("description", ""),
        trigger=definition["trigger"],
        check=definition["check"],
        plugin=plugin,
    )


def _refuse(plugin_host: PluginHost, key: str, message: str) -> None:
    log.error("plugin %s: %s", key, message)
    plugin_host.infos[key].record_error(HOOK, message)


#: the rules of DOMAIN §5 that need nothing but the process engine
CORE_RULES = tuple(
    parse_rule(definition)
    for definition in (
        overdue.OVERDUE_STEP,
        notices.NOTICE_TOO_SHORT,
        notices.MISSING_NOTICE,
        approvals.SELF_APPROVAL,
        meetings.QUORUM_FAIL,
    )
)
