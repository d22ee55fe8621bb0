"""Keeping the procurement ledgers: from completed steps, and to and from Excel.

A case writes its award when the step that records the winner is completed (the step's key
is the award method). Imports take the books a township kept before the platform: suppliers
are matched by name, awards by all their facts, so importing the same sheet twice adds
nothing. Columns are field definitions, so a cell is judged like the same field on a form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.cn import uscc

from core.workflow.models import Case, StepRun
from plugins.procurement.models import METHODS, Award, Supplier, fen, yuan
from tenants.models import Tenant, Village

SUPPLIER_COLUMNS = [
    {"key": "name", "type": "text", "label": "供应商名称", "required": True, "max_length": 100},
    {"key": "credit_code", "type": "text", "label": "统一社会信用代码", "max_length": 18},
    {"key": "legal_person", "type": "text", "label": "法定代表人（经营者）", "max_length": 50},
    {"key": "legal_person_id_number", "type": "id_number", "label": "法定代表人身份证号"},
    {"key": "phone", "type": "phone", "label": "联系电话"},
]

AWARD_COLUMNS = [
    {"key": "village_code", "type": "text", "label": "村代码", "required": True, "max_length": 12},
    {"key": "village_name", "type": "text", "label": "村名称", "max_length": 100},
    {"key": "subject", "type": "text", "label": "采购内容或项目名称", "required": True},
    {"key": "supplier", "type": "text", "label": "供应商名称", "required": True, "max_length": 100},
    {"key": "credit_code", "type": "text", "label": "统一社会信用代码", "max_length": 18},
    {"key": "amount", "type": "money", "label": "成交金额（元）", "required": True, "min": "0.01"},
    {"key": "awarded_on", "type": "date", "label": "成交日期", "required": True},
    {
        "key": "method",
        "type": "choice",
        "label": "采购方式",
        "required": True,
        # Chinese values: a clerk types the words, not our keys
        "options": [{"value": label, "label": label} for label in METHODS.values()],
    },
    {"key": "case_code", "type": "text", "label": "办件编号", "max_length": 40},
]
_METHOD_KEYS = {label: key for key, label in METHODS.items()}


@dataclass
class ImportReport:
    """What an import did: rows stored (added or corrected), rows the ledger already held,
    and rows refused with the reason."""

    stored: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


# --- from cases ----------------------------------------------------------------------------


def record_step(sess: Session, case: Case, run: StepRun) -> Award | None:
    """Write (or rewrite, after a return) the award a completed award step recorded."""
    if run.step_key not in METHODS:
        return None
    data = case.data or {}
    person = data.get("supplier_legal_person") or {}
    supplier = upsert_supplier(
        sess,
        case.tenant_id,
        data["supplier_name"],
        credit_code=data.get("supplier_credit_code"),
        legal_person=person.get("name"),
        legal_person_id_number=person.get("id_number"),
        phone=data.get("supplier_phone"),
    )
    facts = {
        "supplier": supplier,
        "subject": data["subject"],
        "amount_fen": fen(data["award_amount"]),
        "awarded_on": local_day(sess, case.tenant_id, run.completed_at),
        "method": run.step_key,
    }
    award = sess.scalar(
        select(Award).where(Award.tenant_id == case.tenant_id, Award.case_id == case.id)
    )
    if award is None:
        award = Award(tenant_id=case.tenant_id, village_id=case.village_id, case_id=case.id)
        sess.add(award)
    for key, value in facts.items():
        setattr(award, key, value)
    sess.flush()
    return award


def local_day(sess: Session, tenant_id: int, moment) -> date:
    """The day a stored UTC moment falls on by the tenant's clock."""
    return moment.astimezone(ZoneInfo(sess.get(Tenant, tenant_id).timezone)).date()


def upsert_supplier(sess: Session, tenant_id: int, name: str, **facts) -> Supplier:
    """The supplier called ``name``, created if new; facts given replace the old ones."""
    supplier = sess.scalar(
        select(Supplier).where(Supplier.tenant_id == tenant_id, Supplier.name == name)
    )
    if supplier is None:
        supplier = Supplier(tenant_id=tenant_id, name=name)
        sess.add(supplier)
    for key, value in facts.items():
        if value:
            setattr(supplier, key, value.upper() if key == "credit_code" else value)
    sess.flush()
    return supplier


# --- rows as the sheets and pages show them ------------------------------------------------


def supplier_row(supplier: Supplier) -> dict:
    return {key: getattr(supplier, key) for key in (c["key"] for c in SUPPLIER_COLUMNS)}


def award_row(award: Award) -> dict:
    return {
        "village_code": award.village.code,
        "village_name": award.village.name,
        "subject": award.subject,
        "supplier": award.supplier.name,
        "credit_code": award.supplier.credit_code,
        "amount": str(yuan(award.amount_fen)),
        "awarded_on": award.awarded_on.isoformat(),
        "method": award.method_label,
        "case_code": award.case.code if award.case_id else None,
    }


# --- imports -------------------------------------------------------------------------------


def credit_code_fault(code: str | None) -> str | None:
    """Why a 统一社会信用代码 is wrong (GB 32100 check character), or None."""
    if code and not uscc.is_valid(code):
        return "统一社会信用代码：应为18位且校验位正确，请逐位核对"
    return None


def import_suppliers(sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]) -> ImportReport:
    report = ImportReport()
    for number, row in rows:
        fault = credit_code_fault(row.get("credit_code"))
        if fault:
            report.errors.append((number, fault))
            continue
        known = sess.scalar(
            select(Supplier).where(Supplier.tenant_id == tenant.id, Supplier.name == row["name"])
        )
        before = supplier_row(known) if known else None
        supplier = upsert_supplier(
            sess, tenant.id, row["name"], **{k: v for k, v in row.items() if k != "name"}
        )
        if before == supplier_row(supplier):
            report.unchanged += 1
        else:
            report.stored += 1
    return report


def import_awards(sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]) -> ImportReport:
    """Add the awards not yet in the ledger. A row naming a case code corrects that case's
    award; a row without one is matched by all its facts."""
    report = ImportReport()
    villages = {
        v.code: v for v in sess.scalars(select(Village).where(Village.tenant_id == tenant.id))
    }
    for number, row in rows:
        village = villages.get(row["village_code"])
        case = _case(sess, tenant, row.get("case_code"))
        fault = credit_code_fault(row.get("credit_code"))
        if village is None:
            fault = f"村代码：本乡镇没有代码为 {row['village_code']} 的村"
        elif case is False:
            fault = f"办件编号：本乡镇没有编号为 {row['case_code']} 的办件"
        if fault:
            report.errors.append((number, fault))
            continue
        supplier = upsert_supplier(
            sess, tenant.id, row["supplier"], credit_code=row.get("credit_code")
        )
        facts = {
            "village_id": village.id,
            "supplier_id": supplier.id,
            "subject": row["subject"],
            "amount_fen": fen(row["amount"]),
            "awarded_on": date.fromisoformat(row["awarded_on"]),
            "method": _METHOD_KEYS[row["method"]],
        }
        if _store(sess, tenant, case, facts):
            report.stored += 1
        else:
            report.unchanged += 1
    return report


def _case(sess: Session, tenant: Tenant, code: str | None) -> Case | None | bool:
    """The case a row names; None when it names none, False when there is no such case."""
    if not code:
        return None
    case = sess.scalar(
        select(Case).where(Case.tenant_id == tenant.id, Case.code == code.strip().upper())
    )
    return case if case is not None else False


def _store(sess: Session, tenant: Tenant, case: Case | None, facts: dict) -> bool:
    """Add or correct an award; False when the ledger already says exactly this."""
    if case is not None:
        award = sess.scalar(
            select(Award).where(Award.tenant_id == tenant.id, Award.case_id == case.id)
        )
    else:
        award = sess.scalar(
            select(Award)
            .where(
                Award.tenant_id == tenant.id, *(getattr(Award, k) == v for k, v in facts.items())
            )
            .limit(1)
        )
    if award is not None and all(getattr(award, k) == v for k, v in facts.items()):
        return False
    if award is None:
        award = Award(tenant_id=tenant.id, case_id=case.id if case else None)
        sess.add(award)
    for key, value in facts.items():
        setattr(award, key, value)
    sess.flush()
    return True
