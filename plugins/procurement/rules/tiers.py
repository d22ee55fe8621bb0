"""Tier rules: a case that skipped its tier's procedure, and purchases split below a tier.

The engine follows a case's branches, so a tier is skipped by writing around it: a budget
kept under a threshold and an award above it, a threshold changed while the case ran.
``tier_bypass`` compares what was done with what the larger of budget and award requires
under today's figures; ``split_purchase`` adds up one village's awards to one supplier.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from itertools import groupby, takewhile

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import settings
from core.workflow.models import Case, StepRun
from plugins.procurement.models import METHODS, Award
from plugins.procurement.rules.common import (
    QUOTATION,
    WORKS,
    award_steps_done,
    case_amount,
    yuan,
)
from plugins.procurement.settings import (
    COUNTY_TENDER_THRESHOLD,
    GOODS_COUNTY_THRESHOLD,
    MAJOR_THRESHOLD,
    QUOTA_PLATFORM_THRESHOLD,
    QUOTE_THRESHOLD,
    SERVICES_COUNTY_THRESHOLD,
    SPLIT_WINDOW_DAYS,
    SUPERVISION_THRESHOLD,
    TOWNSHIP_TENDER_THRESHOLD,
    money_value,
)
from tenants.models import Tenant, Village

#: works tiers from the top, each with the award step it requires
WORKS_TIERS = (
    (COUNTY_TENDER_THRESHOLD, "county_tender"),
    (TOWNSHIP_TENDER_THRESHOLD, "township_tender"),
    (QUOTA_PLATFORM_THRESHOLD, "quota_platform"),
)
WORKS_RANK = {"direct_award": 0, "quota_platform": 1, "township_tender": 2, "county_tender": 3}
COUNTY_PURCHASE = {"goods": GOODS_COUNTY_THRESHOLD, "services": SERVICES_COUNTY_THRESHOLD}
#: the thresholds a split purchase may be kept under, with what each one requires
SPLIT_TIERS = {
    QUOTE_THRESHOLD: "须询价",
    SUPERVISION_THRESHOLD: "须监委会审核",
    MAJOR_THRESHOLD: "须“四议两公开”",
    QUOTA_PLATFORM_THRESHOLD: "须进乡镇定额平台",
    TOWNSHIP_TENDER_THRESHOLD: "须乡镇交易中心招标",
    COUNTY_TENDER_THRESHOLD: "须县交易中心公开招标",
}


def tier_bypasses(sess: Session, case: Case, run: StepRun) -> list[dict]:
    """Once the award is made: the award tier, the supervision review and 四议两公开 the
    case's amount requires, each a finding when it was not done."""
    if case.item.key not in (QUOTATION, WORKS) or not award_steps_done(case):
        return []
    amount = case_amount(case)
    if amount is None:
        return []
    tenant = sess.get(Tenant, case.tenant_id)
    done = {r.step_key for r in case.runs if r.status == "completed"}
    missing = []
    required = _award_step(case, tenant, amount)
    if required and not _reached(case, done, required):
        missing.append(("tier", required, METHODS[required]))
    if amount >= money_value(tenant, SUPERVISION_THRESHOLD) and "supervise" not in done:
        missing.append(("supervise", SUPERVISION_THRESHOLD, "村务监督委员会审核"))
    if amount >= money_value(tenant, MAJOR_THRESHOLD) and "deliberate.resolve" not in done:
        missing.append(("four_deliberations", MAJOR_THRESHOLD, "“四议两公开”程序"))
    return [
        {
            "subject": f"case:{case.id}:{what}",
            "message": (
                f"办件 {case.code}“{case.title}”金额 {yuan(amount)}，按本地规定须经"
                f"{label}，但流程中没有办理该程序。"
            ),
            "details": {"amount": str(amount), "missing": what, "requires": requires},
        }
        for what, requires, label in missing
    ]


def _award_step(case: Case, tenant: Tenant, amount: Decimal) -> str | None:
    """The award step the amount requires; None where the village's own tier will do."""
    if case.item.key == WORKS:
        return next(
            (step for key, step in WORKS_TIERS if amount >= money_value(tenant, key)),
            "direct_award",
        )
    county = COUNTY_PURCHASE.get((case.data or {}).get("category"))
    if county and amount >= money_value(tenant, county):
        return "county_centre"
    return None


def _reached(case: Case, done: set[str], required: str) -> bool:
    """Whether the award was made at the required tier or a stricter one."""
    if case.item.key != WORKS:
        return required in done
    return any(WORKS_RANK[step] >= WORKS_RANK[required] for step in done & set(WORKS_RANK))


def split_purchases(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Per village and supplier: awards within the window whose sum reaches a threshold
    that each of them stays under. A window is reported once, from its first award."""
    window = timedelta(days=int(settings.value(tenant, SPLIT_WINDOW_DAYS)))
    tiers = sorted(
        ((money_value(tenant, k), label) for k, label in SPLIT_TIERS.items()), reverse=True
    )
    awards = sess.scalars(
        select(Award)
        .where(Award.tenant_id == tenant.id)
        .order_by(Award.village_id, Award.supplier_id, Award.awarded_on, Award.id)
    ).all()
    names = dict(
        sess.execute(select(Village.id, Village.name).where(Village.tenant_id == tenant.id)).all()
    )
    findings = []
    for _, group in groupby(awards, key=lambda a: (a.village_id, a.supplier_id)):
        group = list(group)
        start = 0
        while start < len(group):
            batch = _within(group[start:], window)
            tier = _crossed(batch, tiers)
            if tier is None:
                start += 1
                continue
            findings.append(_split_finding(batch, tier, names, window.days))
            start += len(batch)
    return findings


def _within(awards: list[Award], window: timedelta) -> list[Award]:
    """The first award and those following it within ``window`` (awards are sorted by day)."""
    opened = awards[0].awarded_on
    return list(takewhile(lambda a: a.awarded_on - opened <= window, awards))


def _crossed(batch: list[Award], tiers) -> tuple[Decimal, str] | None:
    """The highest threshold the batch's total reaches while every award stays under it."""
    if len(batch) < 2:
        return None
    total = sum(a.amount for a in batch)
    largest = max(a.amount for a in batch)
    return next(((t, label) for t, label in tiers if total >= t > largest), None)


def _split_finding(batch: list[Award], tier, names: dict, days: int) -> dict:
    first, last = batch[0], batch[-1]
    threshold, label = tier
    total = sum(a.amount for a in batch)
    return {
        "subject": f"split:village:{first.village_id}:supplier:{first.supplier_id}:award:{first.id}",
        "message": (
            f"{names.get(first.village_id, '')}在 {first.awarded_on.isoformat()} 至 {last.awarded_on.isoformat()}"
            f"（{days} 天内）向“{first.supplier.name}”采购 {len(batch)} 笔，合计 {yuan(total)}，"
            f"达到{label}的金额 {yuan(threshold)}，而每笔都低于该金额，疑似拆分采购。"
        ),
        "village_id": first.village_id,
        "case_id": last.case_id,
        "details": {
            "awards": [a.id for a in batch],
            "amounts": [str(a.amount) for a in batch],
            "total": str(total),
            "threshold": str(threshold),
        },
    }


TIER_BYPASS = {
    "key": "procurement.tier_bypass",
    "name": "规避分档程序",
    "severity": "red",
    "description": "采购或工程的预算或成交金额达到某一档（定额平台、乡镇或县交易中心、监委会审核、"
    "“四议两公开”）的金额，流程却没有办理该档的程序。",
    "trigger": "step",
    "check": tier_bypasses,
}

SPLIT_PURCHASE = {
    "key": "procurement.split_purchase",
    "name": "拆分采购",
    "severity": "yellow",
    "description": "同一村向同一供应商在统计天数（默认30天）内的多笔采购合计达到某一档金额，"
    "而每笔都低于该金额。",
    "trigger": "sweep",
    "check": split_purchases,
}
