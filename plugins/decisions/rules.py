"""Warning rules of 村级重大决策事项.

``tier_bypass`` (绕过四议两公开): a case of another domain whose amount reaches the major-matter
threshold was completed without passing through 四议两公开. ``fundraising_over_cap``
(超限额筹资筹劳): a 一事一议 plan asks more of each household than the local cap.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from core import settings
from core.workflow.models import Case, StepRun
from formbuilder.definitions.blocks import BLOCKS
from tenants.models import Tenant

DOMAIN = "decisions"
THRESHOLD = "decisions.major_threshold"
CASH_CAP = "decisions.fundraising_household_cash"
LABOUR_CAP = "decisions.fundraising_household_labour"
FUNDRAISING = "decisions.fundraising"
FOUR_DELIBERATIONS = "four_deliberations"


def case_amount(case: Case) -> Decimal | None:
    """The largest amount the case records: its money fields keyed ``amount`` or
    ``<something>_amount`` (the convention of DESIGN §6), None when it has none."""
    found = []
    for step in case.process.steps:
        for field in step.get("fields") or ():
            key = field["key"]
            if field.get("type") != "money" or not (key == "amount" or key.endswith("_amount")):
                continue
            value = _decimal((case.data or {}).get(key))
            if value is not None:
                found.append(value)
    return max(found, default=None)


def deliberation_groups(case: Case) -> dict[str, str]:
    """The 四议两公开 groups of the case's process: include key -> its resolving step."""
    name = BLOCKS[FOUR_DELIBERATIONS]["name"]
    return {
        step["group"]: f"{step['group']}.resolve"
        for step in case.process.steps
        if step.get("group") and step.get("group_name") == name
    }


def tier_bypasses(sess: Session, case: Case, run: StepRun) -> list[dict]:
    if case.status != "completed" or case.item.domain == DOMAIN:
        return []
    amount = case_amount(case)
    if amount is None:
        return []
    threshold = Decimal(str(settings.value(sess.get(Tenant, case.tenant_id), THRESHOLD)))
    if amount < threshold:
        return []
    groups = deliberation_groups(case)
    resolved = {r.step_key for r in case.runs if r.status == "completed"}
    if any(key in resolved for key in groups.values()):
        return []
    how = "流程中的“四议两公开”程序没有办理" if groups else "流程中没有“四议两公开”程序"
    return [
        {
            "subject": f"case:{case.id}",
            "message": (
                f"办件 {case.code}“{case.title}”金额 {amount:,.2f} 元，达到重大事项标准 "
                f"{threshold:,.2f} 元，但{how}，未经村民（代表）会议决议即已办结。"
            ),
            "details": {
                "item": case.item.key,
                "amount": str(amount),
                "threshold": str(threshold),
                "has_four_deliberations": bool(groups),
            },
        }
    ]


def fundraising_over_caps(sess: Session, case: Case, run: StepRun) -> list[dict]:
    if case.item.key != FUNDRAISING:
        return []
    tenant = sess.get(Tenant, case.tenant_id)
    data = case.data or {}
    over = []
    cash, cash_cap = _decimal(data.get("household_cash")), settings.value(tenant, CASH_CAP)
    if cash is not None and cash > Decimal(str(cash_cap)):
        over.append(f"每户筹资 {cash:,.2f} 元，超过限额 {Decimal(str(cash_cap)):,.2f} 元")
    labour, labour_cap = data.get("household_labour"), settings.value(tenant, LABOUR_CAP)
    if isinstance(labour, int) and labour > labour_cap:
        over.append(f"每户筹劳 {labour} 个工日，超过限额 {labour_cap} 个工日")
    if not over:
        return []
    return [
        {
            "subject": f"case:{case.id}:cap",
            "message": f"办件 {case.code}“{case.title}”的筹资筹劳方案{'；'.join(over)}。",
            "details": {
                "household_cash": data.get("household_cash"),
                "household_labour": labour,
                "cash_cap": cash_cap,
                "labour_cap": labour_cap,
            },
        }
    ]


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


TIER_BYPASS = {
    "key": "decisions.tier_bypass",
    "name": "绕过四议两公开",
    "severity": "red",
    "description": "其他领域的办件金额达到重大事项标准（本地规定，默认5万元），"
    "未经“四议两公开”程序即已办结。",
    "trigger": "step",
    "check": tier_bypasses,
}

FUNDRAISING_OVER_CAP = {
    "key": "decisions.fundraising_over_cap",
    "name": "超限额筹资筹劳",
    "severity": "red",
    "description": "一事一议筹资筹劳方案每户筹资或筹劳超过本地限额标准。",
    "trigger": "step",
    "check": fundraising_over_caps,
}

RULES = [TIER_BYPASS, FUNDRAISING_OVER_CAP]
