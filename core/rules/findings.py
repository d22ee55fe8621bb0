"""A check's findings, checked before anything is written.

A check returns a list of plain dicts, ``{"subject", "message", "severity"?, "case_id"?,
"village_id"?, "details"?}`` (see ``core.hookspecs.qingdan_rules``). Whatever would fail
later — a missing subject, an unknown severity, details that are not JSON, a case or
village of another tenant — is refused here, inside the rule's guard, so a plugin's bad
finding is its error and never a failed step or a leak across tenants.

The core's own rules read the tenant's rows and write plain values, so their findings skip
the two costly checks (JSON and ownership): the overdue rule alone finds tens of thousands of
steps in a county, every sweep.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.workflow.models import Case
from tenants.models import Village

from .models import SEVERITIES

MAX_SUBJECT = 200


@dataclass(frozen=True)
class Finding:
    """One thing a rule found wrong: its subject, and the warning's facts."""

    subject: str
    #: ``severity``, ``message``, ``case_id``, ``village_id``, ``details``
    facts: dict


def normalize(
    sess: Session, rule, tenant_id: int, returned: object, case: Case | None = None
) -> list[Finding]:
    """``returned`` as findings of ``rule`` in ``tenant_id``; ``ValueError`` if malformed.

    For a step rule, ``case`` is the case evaluated: findings are about it, and its case and
    village are the defaults.
    """
    if not isinstance(returned, list | tuple):
        raise ValueError("检查结果应为列表。")
    findings: dict[str, Finding] = {}
    for item in returned:
        finding = _finding(rule, item, case)
        if finding.subject in findings:
            raise ValueError(f"检查结果中 subject {finding.subject!r} 重复。")
        findings[finding.subject] = finding
    if rule.plugin:
        _check_owned(sess, tenant_id, findings.values(), case)
    return list(findings.values())


def _finding(rule, item: object, case: Case | None) -> Finding:
    if not isinstance(item, dict):
        raise ValueError("每条检查结果应为一个字典（dict）。")
    subject, message = item.get("subject"), item.get("message")
    if not isinstance(subject, str) or not subject or len(subject) > MAX_SUBJECT:
        raise ValueError(f"检查结果的 subject 应为 1 到 {MAX_SUBJECT} 个字符的文本。")
    if not isinstance(message, str) or not message.strip():
        raise ValueError("检查结果缺少说明 message。")
    severity = item.get("severity", rule.severity)
    if severity not in SEVERITIES:
        raise ValueError("检查结果的 severity 应为 blue、yellow 或 red。")
    case_id = item.get("case_id", case.id if case else None)
    village_id = item.get("village_id", case.village_id if case else None)
    for name, value in (("case_id", case_id), ("village_id", village_id)):
        if value is not None and type(value) is not int:
            raise ValueError(f"检查结果的 {name} 应为整数。")
    if case is not None and case_id != case.id:
        raise ValueError("环节规则只能报告所检查的办件。")
    details = item.get("details") or {}
    if not isinstance(details, dict):
        raise ValueError("检查结果的 details 应为字典（dict）。")
    if rule.plugin:
        try:
            json.dumps(details)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"检查结果的 details 不能保存为 JSON：{exc}") from exc
    facts = {
        "severity": severity,
        "message": message.strip(),
        "case_id": case_id,
        "village_id": village_id,
        "details": details,
    }
    return Finding(subject, facts)


def _check_owned(sess: Session, tenant_id: int, findings, case: Case | None) -> None:
    """Every case and village named must be the tenant's own (the evaluated case's are)."""
    known = {"case_id": {case.id}, "village_id": {case.village_id}} if case else {}
    for model, key in ((Case, "case_id"), (Village, "village_id")):
        ids = {f.facts[key] for f in findings} - {None} - known.get(key, set())
        if not ids:
            continue
        owned = set(
            sess.scalars(select(model.id).where(model.id.in_(ids), model.tenant_id == tenant_id))
        )
        if ids - owned:
            raise ValueError(f"检查结果的 {key} 不属于本单位：{sorted(ids - owned)}。")
