"""Quotation rules (询价): too few written quotes, and an award that is not the lowest
compliant quote with no reason given (DOMAIN §3.2: "at least 3 written quotes above 2,000
yuan; lowest compliant wins, or the reason is recorded")."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core import settings
from core.workflow.models import Case, StepRun
from plugins.procurement.rules.common import QUOTATION, case_amount, decimal, yuan
from plugins.procurement.settings import MIN_QUOTES, QUOTE_THRESHOLD, money_value
from tenants.models import Tenant


def _quotes(case: Case) -> list[dict] | None:
    """The quotes of a quotation case whose quote step is done; None for any other case."""
    if case.item.key != QUOTATION:
        return None
    if not any(r.step_key == "quote" and r.status == "completed" for r in case.runs):
        return None
    return (case.data or {}).get("quotes") or []


def too_few_quotes(sess: Session, case: Case, run: StepRun) -> list[dict]:
    quotes = _quotes(case)
    amount = case_amount(case)
    if quotes is None or amount is None:
        return []
    tenant = sess.get(Tenant, case.tenant_id)
    threshold = money_value(tenant, QUOTE_THRESHOLD)
    need = int(settings.value(tenant, MIN_QUOTES))
    suppliers = {row["supplier"].strip() for row in quotes if row.get("supplier")}
    if amount <= threshold or len(suppliers) >= need:
        return []
    return [
        {
            "subject": f"case:{case.id}:quotes",
            "message": (
                f"办件 {case.code}“{case.title}”采购金额 {yuan(amount)}，超过询价金额 "
                f"{yuan(threshold)}，但只取得 {len(suppliers)} 家供应商的书面报价，"
                f"少于规定的 {need} 家。"
            ),
            "details": {
                "amount": str(amount),
                "threshold": str(threshold),
                "quotes": len(suppliers),
                "required": need,
            },
        }
    ]


def not_lowest_quotes(sess: Session, case: Case, run: StepRun) -> list[dict]:
    quotes = _quotes(case)
    data = case.data or {}
    award = decimal(data.get("award_amount"))
    if not quotes or award is None or (data.get("award_reason") or "").strip():
        return []
    winner = data.get("supplier_name", "").strip()
    compliant = [decimal(row.get("price")) for row in quotes if row.get("compliant") is True]
    lowest = min((price for price in compliant if price is not None), default=None)
    if winner not in {row["supplier"].strip() for row in quotes}:
        why = f"成交供应商“{winner}”不在报价供应商之中"
    elif lowest is not None and award > lowest:
        why = f"成交金额 {yuan(award)} 高于最低的合格报价 {yuan(lowest)}"
    else:
        return []
    return [
        {
            "subject": f"case:{case.id}:lowest",
            "message": f"办件 {case.code}“{case.title}”{why}，且未写明理由。",
            "details": {
                "award": str(award),
                "lowest": None if lowest is None else str(lowest),
                "supplier": winner,
            },
        }
    ]


TOO_FEW_QUOTES = {
    "key": "procurement.too_few_quotes",
    "name": "询价不足三家",
    "severity": "red",
    "description": "超过询价金额（本地规定，默认2000元）的货物或服务采购，书面报价的供应商少于"
    "规定家数（默认3家）即确定成交。",
    "trigger": "step",
    "check": too_few_quotes,
}

NOT_LOWEST_QUOTE = {
    "key": "procurement.not_lowest_quote",
    "name": "未选最低价且无理由",
    "severity": "yellow",
    "description": "询价采购的成交金额高于最低的合格报价，或成交供应商不在报价之中，且没有写明理由。",
    "trigger": "step",
    "check": not_lowest_quotes,
}
