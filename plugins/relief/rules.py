"""Warning rules of villager relief (DOMAIN §5): relief for cadres' relatives (优亲厚友) and
benefits received twice.

The relatives register belongs to the personnel plugin and is read through
``people.relatives``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from core import settings
from core.public.masking import mask_id
from core.workflow.models import Case, StepRun
from plugins.relief.items import BENEFITS
from plugins.relief.models import BENEFITS as BENEFIT_LABELS
from plugins.relief.models import ReliefRecipient
from plugins.relief.people import relatives
from tenants.models import Tenant

CASE_ITEMS = frozenset(BENEFITS) | {"relief.medical_referral"}


def case_people(case: Case) -> list[tuple[str, str, str]]:
    """``(who, name, ID number)`` of the applicant and the household members of a case."""
    data = case.data or {}
    people = []
    applicant = data.get("applicant") or {}
    if applicant.get("id_number"):
        people.append(("申请人", applicant["name"], applicant["id_number"]))
    for member in data.get("members") or ():
        people.append(("家庭成员", member["name"], member["id_number"]))
    return people


def kin_in_case(sess: Session, case: Case, run: StepRun) -> list[dict]:
    """Step rule: the applicant or a household member is a cadre's close relative."""
    if case.item.key not in CASE_ITEMS:
        return []
    people = case_people(case)
    kin = relatives(sess, case.tenant_id, {number for _, _, number in people})
    found = [(who, name, number, kin[number]) for who, name, number in people if number in kin]
    if not found:
        return []
    named = "；".join(
        f"{who}{name}（{mask_id(number)}）是{link['cadre']}的{link['relation']}"
        for who, name, number, link in found
    )
    return [
        {
            "subject": f"case:{case.id}",
            "message": (
                f"办件 {case.code}“{case.title}”：{named}。干部近亲属申请救助须单独登记备案，"
                "县级审批时须100%入户核查，经办人应当回避。"
            ),
            "details": {
                "relatives": [
                    {"who": who, "cadre": link["cadre"], "relation": link["relation"]}
                    for who, _, _, link in found
                ]
            },
        }
    ]


def kin_in_ledger(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Sweep rule: a household on the ledger, supported now or within the past year, is a
    cadre's close relative."""
    since = now.date() - timedelta(days=365)
    rows = [
        row
        for row in sess.scalars(
            select(ReliefRecipient)
            .where(ReliefRecipient.tenant_id == tenant.id)
            .options(joinedload(ReliefRecipient.village))
        )
        if row.ends_on is None or row.ends_on >= since
    ]
    kin = relatives(sess, tenant.id, {row.id_number for row in rows})
    return [
        {
            "subject": f"recipient:{row.id}",
            "message": (
                f"{row.village.name}{row.benefit_label}对象{row.head_name}（{mask_id(row.id_number)}）"
                f"是{kin[row.id_number]['cadre']}的{kin[row.id_number]['relation']}，"
                "请核查是否已单独登记备案并经入户核查。"
            ),
            "village_id": row.village_id,
            "case_id": row.case_id,
            "details": {"recipient_id": row.id, "benefit": row.benefit},
        }
        for row in rows
        if row.id_number in kin
    ]


def _period(row: ReliefRecipient) -> tuple[date, date]:
    """The days a row covers: a 临时救助 without an end covers its one day."""
    if row.ends_on is not None:
        return row.starts_on, row.ends_on
    return row.starts_on, row.starts_on if row.benefit == "temporary" else date.max


def _overlap(a: ReliefRecipient, b: ReliefRecipient) -> bool:
    (a_from, a_to), (b_from, b_to) = _period(a), _period(b)
    return a_from <= b_to and b_from <= a_to


def _months_apart(a: date, b: date) -> int:
    early, late = sorted((a, b))
    return (late.year - early.year) * 12 + late.month - early.month - (late.day < early.day)


def _reasons(a: ReliefRecipient, b: ReliefRecipient, months: int) -> list[str]:
    reasons = []
    if a.benefit == b.benefit and _overlap(a, b):
        reasons.append(f"同一时期重复享受{a.benefit_label}")
    if a.village_id != b.village_id and _overlap(a, b):
        reasons.append(f"同时在{a.village.name}和{b.village.name}两个村享受救助")
    same_cause = a.benefit == b.benefit == "temporary" and a.cause and a.cause == b.cause
    if same_cause and _months_apart(a.starts_on, b.starts_on) < months:
        reasons.append(f"同一事由在{months}个月内再次获得临时救助")
    return reasons


def duplicate_benefits(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Sweep rule: one ID number holding a benefit twice at once, in two villages, or a
    临时救助 for the same cause again within the interval the township set."""
    months = int(settings.value(tenant, "relief.temporary_same_cause_months"))
    by_person: dict[str, list[ReliefRecipient]] = {}
    for row in sess.scalars(
        select(ReliefRecipient)
        .where(ReliefRecipient.tenant_id == tenant.id)
        .options(joinedload(ReliefRecipient.village))
        .order_by(ReliefRecipient.id)
    ):
        by_person.setdefault(row.id_number, []).append(row)
    found = []
    for rows in by_person.values():
        for a, b in combinations(rows, 2):
            reasons = _reasons(a, b, months)
            if reasons:
                found.append(_duplicate(a, b, reasons))
    return found


def _duplicate(a: ReliefRecipient, b: ReliefRecipient, reasons: list[str]) -> dict:
    return {
        "subject": f"recipients:{a.id}:{b.id}",
        "message": (
            f"{b.head_name}（{mask_id(b.id_number)}）重复享受救助：{'；'.join(reasons)}"
            f"（{BENEFIT_LABELS[a.benefit]}自{a.starts_on:%Y-%m-%d}起，"
            f"{BENEFIT_LABELS[b.benefit]}自{b.starts_on:%Y-%m-%d}起）。"
        ),
        "village_id": b.village_id,
        "case_id": b.case_id or a.case_id,
        "details": {"recipient_ids": [a.id, b.id], "reasons": reasons},
    }


KIN_BENEFICIARY = {
    "key": "relief.kin_beneficiary",
    "name": "救助申请人为干部近亲属",
    "severity": "red",
    "description": "低保、临时救助、特困供养或医疗救助的申请人或其家庭成员是村干部、经办人的近亲属"
    "（据干部亲属登记）。",
    "trigger": "step",
    "check": kin_in_case,
}
KIN_IN_LEDGER = {
    "key": "relief.kin_beneficiary_ledger",
    "name": "救助对象为干部近亲属",
    "severity": "red",
    "description": "救助对象台账中仍在享受救助的家庭，户主是村干部、经办人的近亲属。",
    "trigger": "sweep",
    "check": kin_in_ledger,
}
DUPLICATE_BENEFIT = {
    "key": "relief.duplicate_benefit",
    "name": "重复享受救助",
    "severity": "red",
    "description": "同一身份证号同一时期重复享受同一救助，或同时在两个村享受救助，"
    "或同一事由在规定间隔内再次获得临时救助。",
    "trigger": "sweep",
    "check": duplicate_benefits,
}
RULES = [KIN_BENEFICIARY, KIN_IN_LEDGER, DUPLICATE_BENEFIT]
