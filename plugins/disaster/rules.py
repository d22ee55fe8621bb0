"""Warning rules of disaster relief (DOMAIN §5): relief money or goods for cadres' relatives
(优亲厚友), and a household granted the same relief twice for one period or in two villages.
The relatives register is the personnel plugin's, read through ``people.relatives``."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from core.public.masking import mask_id
from core.workflow.models import Case, StepRun
from plugins.disaster.items import CATEGORIES
from plugins.disaster.models import DisasterRecipient
from plugins.relief.people import relatives
from tenants.models import Tenant


def case_people(case: Case) -> list[tuple[str, str]]:
    """``(name, ID number)`` of the household a case is for, or of every household listed
    for relief goods."""
    data = case.data or {}
    head = data.get("head") or {}
    people = [(head["name"], head["id_number"])] if head.get("id_number") else []
    people += [(r["head_name"], r["id_number"]) for r in data.get("recipients") or ()]
    return people


def kin_in_case(sess: Session, case: Case, run: StepRun) -> list[dict]:
    """Step rule: a household applied for, nominated or listed is a cadre's close relative."""
    if case.item.key not in CATEGORIES:
        return []
    people = case_people(case)
    kin = relatives(sess, case.tenant_id, {number for _, number in people})
    found = [(name, number, kin[number]) for name, number in people if number in kin]
    if not found:
        return []
    named = "；".join(
        f"{name}（{mask_id(number)}）是{link['cadre']}的{link['relation']}"
        for name, number, link in found
    )
    return [
        {
            "subject": f"case:{case.id}",
            "message": (
                f"办件 {case.code}“{case.title}”：{named}。干部近亲属获得救灾款物须如实公示，"
                "评议时本人及相关干部应当回避。"
            ),
            "details": {
                "relatives": [
                    {"cadre": link["cadre"], "relation": link["relation"]} for _, _, link in found
                ]
            },
        }
    ]


def kin_in_roster(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Sweep rule: a household on the roster within the past year is a cadre's relative."""
    since = now.date() - timedelta(days=365)
    rows = list(
        sess.scalars(
            select(DisasterRecipient)
            .where(DisasterRecipient.tenant_id == tenant.id, DisasterRecipient.period_end >= since)
            .options(joinedload(DisasterRecipient.village))
        )
    )
    kin = relatives(sess, tenant.id, {row.id_number for row in rows})
    return [
        {
            "subject": f"recipient:{row.id}",
            "message": (
                f"{row.village.name}{row.category_label}对象{row.head_name}"
                f"（{mask_id(row.id_number)}）是{kin[row.id_number]['cadre']}的"
                f"{kin[row.id_number]['relation']}，请核查评议和公示是否规范。"
            ),
            "village_id": row.village_id,
            "case_id": row.case_id,
            "details": {"recipient_id": row.id, "category": row.category},
        }
        for row in rows
        if row.id_number in kin
    ]


def _overlap(a: DisasterRecipient, b: DisasterRecipient) -> bool:
    return a.period_start <= b.period_end and b.period_start <= a.period_end


def duplicate_grants(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Sweep rule: one ID number granted the same relief for overlapping periods, or relief
    in two villages for overlapping periods."""
    by_person: dict[str, list[DisasterRecipient]] = {}
    for row in sess.scalars(
        select(DisasterRecipient)
        .where(DisasterRecipient.tenant_id == tenant.id)
        .options(joinedload(DisasterRecipient.village))
        .order_by(DisasterRecipient.id)
    ):
        by_person.setdefault(row.id_number, []).append(row)
    found = []
    for rows in by_person.values():
        for a, b in combinations(rows, 2):
            if not _overlap(a, b):
                continue
            reasons = []
            if a.category == b.category:
                reasons.append(f"同一期间重复获得{a.category_label}")
            if a.village_id != b.village_id:
                reasons.append(f"同时在{a.village.name}和{b.village.name}两个村获得救助")
            if reasons:
                found.append(_duplicate(a, b, reasons))
    return found


def _duplicate(a: DisasterRecipient, b: DisasterRecipient, reasons: list[str]) -> dict:
    return {
        "subject": f"recipients:{a.id}:{b.id}",
        "message": (
            f"{b.head_name}（{mask_id(b.id_number)}）重复获得救灾救助：{'；'.join(reasons)}"
            f"（{a.period_start:%Y-%m-%d}至{a.period_end:%Y-%m-%d}，"
            f"{b.period_start:%Y-%m-%d}至{b.period_end:%Y-%m-%d}）。"
        ),
        "village_id": b.village_id,
        "case_id": b.case_id or a.case_id,
        "details": {"recipient_ids": [a.id, b.id], "reasons": reasons},
    }


KIN_BENEFICIARY = {
    "key": "disaster.kin_beneficiary",
    "name": "救灾救助对象为干部近亲属",
    "severity": "red",
    "description": "申请、提名或列入物资发放名单的受灾户是村干部、经办人的近亲属（据干部亲属登记）。",
    "trigger": "step",
    "check": kin_in_case,
}
KIN_IN_ROSTER = {
    "key": "disaster.kin_beneficiary_ledger",
    "name": "救灾花名册中有干部近亲属",
    "severity": "red",
    "description": "近一年救灾救助对象花名册中的户主是村干部、经办人的近亲属。",
    "trigger": "sweep",
    "check": kin_in_roster,
}
DUPLICATE_BENEFIT = {
    "key": "disaster.duplicate_benefit",
    "name": "重复获得救灾救助",
    "severity": "red",
    "description": "同一身份证号在重叠期间重复获得同一救灾救助，或同时在两个村获得救灾救助。",
    "trigger": "sweep",
    "check": duplicate_grants,
}
RULES = [KIN_BENEFICIARY, KIN_IN_ROSTER, DUPLICATE_BENEFIT]
