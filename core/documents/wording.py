"""How a process step is said in Chinese on printed documents: its kind and its rules.

Kept apart from drawing so the handbook and the villager page word steps the same way as
the flowchart does.
"""

from collections.abc import Mapping
from typing import Any

#: Step kinds (环节类型) as a clerk names them.
KIND_NAMES = {
    "task": "办理",
    "meeting": "会议",
    "countersign": "联审联签",
    "approval": "审批",
    "notice": "公示",
}


def kind_name(kind: str) -> str:
    """The Chinese name of a step kind; an unknown kind (a plugin's) shows its own key."""
    return KIND_NAMES.get(kind, kind)


def role_name(role: str | None, role_names: Mapping[str, str]) -> str:
    """A role key shown by its Chinese name, or as the key when the tenant has no name."""
    if not role:
        return "未指定"
    return role_names.get(role, role)


def time_limit(limit: Mapping[str, Any] | None) -> str | None:
    """``{"days": 5, "working": true}`` → "5 个工作日"; working days unless said otherwise."""
    if not isinstance(limit, Mapping) or limit.get("days") in (None, ""):
        return None
    unit = "个工作日" if limit.get("working", True) else "天"
    return f"{limit['days']} {unit}"


def meeting_rule(quorum: Any, majority: Any, majority_of: Any = "present") -> str | None:
    """ "到会 ≥ 2/3，同意 > 1/2": quorum is a share of those expected, the majority a share of
    those present — or, where a definition says ``majority_of: expected`` (a party members'
    meeting passes with more than half of all members), "同意 > 应到 1/2"."""
    parts = []
    if quorum:
        parts.append(f"到会 ≥ {quorum}")
    if majority:
        base = "应到 " if majority_of == "expected" else ""
        parts.append(f"同意 > {base}{majority}")
    return "，".join(parts) or None


def step_details(step: Mapping[str, Any], role_names: Mapping[str, str]) -> list[str]:
    """The rules a step's box lists under its name, one short line each."""
    details = []
    limit = time_limit(step.get("time_limit"))
    if limit:
        details.append(f"时限 {limit}")
    if step.get("notice_days"):
        details.append(f"公示 {step['notice_days']} 天")
    rule = meeting_rule(step.get("quorum"), step.get("majority"), step.get("majority_of"))
    if rule:
        details.append(rule)
    roles = step.get("roles")
    if isinstance(roles, list) and roles:
        details.append("会签：" + "、".join(role_name(role, role_names) for role in roles))
    return details
