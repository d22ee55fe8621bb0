"""Finance ledger operations: booking what completed cases decided, and the ledgers' Excel
columns, export and import.

A voucher is written when the township agency books it (the last step of a reimbursement,
a payment or a monthly accounts case), never earlier: until then the money has not moved.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case as when
from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from core.auth.models import User
from core.workflow.models import Case, StepRun
from plugins.finance.models import KINDS, METHODS, CashRecord, Voucher, fen, yuan
from tenants.models import Tenant, Village

#: (item key, step key) whose completion books an expense voucher, and the date field
EXPENSE_STEPS = {
    ("finance.reimbursement", "book"): "booked_on",
    ("finance.payment", "pay"): "paid_on",
}
MONTHLY = ("finance.monthly_accounts", "book")


def record_step(sess: Session, case: Case, run: StepRun) -> None:
    """Book what ``run`` (just completed) of a finance case puts in the ledgers."""
    where = (case.item.key, run.step_key)
    data = case.data or {}
    if where in EXPENSE_STEPS:
        _add_voucher(sess, case, data, data[EXPENSE_STEPS[where]])
    elif where == MONTHLY:
        _book_month(sess, case, data)


def _add_voucher(sess: Session, case: Case, data: dict, booked_on: str) -> None:
    sess.add(
        Voucher(
            tenant_id=case.tenant_id,
            village_id=case.village_id,
            voucher_no=data["voucher_no"],
            booked_on=date.fromisoformat(booked_on),
            kind="expense",
            purpose=data["purpose"][:200],
            amount_fen=fen(data["amount"]),
            payee=data["payee"][:100],
            method=data["method"],
            handler=data["handler_name"],
            bill_date=date.fromisoformat(data["bill_date"]) if data.get("bill_date") else None,
            case_id=case.id,
        )
    )


def _book_month(sess: Session, case: Case, data: dict) -> None:
    """The month's incomes become income vouchers; the month-end cash count is recorded."""
    collector = next(
        (r.actor_id for r in case.runs if r.step_key == "collect" and r.status == "completed"),
        None,
    )
    handler = sess.get(User, collector).label if collector else "报账员"
    for number, income in enumerate(data.get("incomes") or (), start=1):
        sess.add(
            Voucher(
                tenant_id=case.tenant_id,
                village_id=case.village_id,
                voucher_no=f"{data['voucher_no']}-{number}",
                booked_on=date.fromisoformat(data["booked_on"]),
                kind="income",
                purpose=income["source"][:200],
                amount_fen=fen(income["amount"]),
                payee=income["payer"][:100],
                method=income["method"],
                handler=handler[:50],
                bill_date=date.fromisoformat(income["received_on"]),
                case_id=case.id,
            )
        )
    record = sess.scalar(
        select(CashRecord).where(
            CashRecord.tenant_id == case.tenant_id,
            CashRecord.village_id == case.village_id,
            CashRecord.year == data["year"],
            CashRecord.month == data["month"],
        )
    )
    if record is None:
        record = CashRecord(
            tenant_id=case.tenant_id,
            village_id=case.village_id,
            year=data["year"],
            month=data["month"],
        )
        sess.add(record)
    record.cash_fen, record.case_id = fen(data["cash_on_hand"]), case.id


# --- Excel --------------------------------------------------------------------------------

_VILLAGE = [
    {"key": "village_code", "type": "text", "label": "村代码", "required": True, "max_length": 12},
    {"key": "village_name", "type": "text", "label": "村名称", "max_length": 100},
]


def _labels(choices: dict[str, str]) -> list[dict]:
    """Choices whose stored value is the Chinese label, so the sheet reads in Chinese."""
    return [{"value": label, "label": label} for label in choices.values()]


VOUCHER_COLUMNS = [
    *_VILLAGE,
    {"key": "voucher_no", "type": "text", "label": "凭证号", "required": True, "max_length": 30},
    {"key": "booked_on", "type": "date", "label": "入账日期", "required": True},
    {"key": "kind", "type": "choice", "label": "收支", "required": True,
     "options": _labels(KINDS)},
    {"key": "purpose", "type": "text", "label": "摘要（用途）", "required": True},
    {"key": "amount", "type": "money", "label": "金额（元）", "required": True, "min": "0.01"},
    {"key": "payee", "type": "text", "label": "收付款单位或个人", "required": True,
     "max_length": 100},
    {"key": "method", "type": "choice", "label": "结算方式", "required": True,
     "options": _labels(METHODS)},
    {"key": "handler", "type": "text", "label": "经办人", "required": True, "max_length": 50},
    {"key": "bill_date", "type": "date", "label": "票据日期"},
]  # fmt: skip

CASH_COLUMNS = [
    *_VILLAGE,
    {"key": "year", "type": "integer", "label": "年度", "required": True, "min": 2000,
     "max": 2100},
    {"key": "month", "type": "integer", "label": "月份", "required": True, "min": 1, "max": 12},
    {"key": "cash_on_hand", "type": "money", "label": "月末库存现金（元）", "required": True,
     "min": "0"},
]  # fmt: skip

_KIND_OF = {label: key for key, label in KINDS.items()}
_METHOD_OF = {label: key for key, label in METHODS.items()}


def voucher_row(voucher: Voucher) -> dict:
    return {
        "village_code": voucher.village.code,
        "village_name": voucher.village.name,
        "voucher_no": voucher.voucher_no,
        "booked_on": voucher.booked_on.isoformat(),
        "kind": KINDS[voucher.kind],
        "purpose": voucher.purpose,
        "amount": str(voucher.amount),
        "payee": voucher.payee,
        "method": METHODS[voucher.method],
        "handler": voucher.handler,
        "bill_date": voucher.bill_date.isoformat() if voucher.bill_date else None,
    }


def cash_row(record: CashRecord) -> dict:
    return {
        "village_code": record.village.code,
        "village_name": record.village.name,
        "year": record.year,
        "month": record.month,
        "cash_on_hand": str(record.cash_on_hand),
    }


def import_vouchers(
    sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]
) -> list[tuple[int, str]]:
    """Add the imported vouchers; a row naming an unknown village or a voucher number the
    village already has is refused and reported, the others are kept."""
    villages = _villages(sess, tenant)
    taken = {
        tuple(row)
        for row in sess.execute(
            select(Voucher.village_id, Voucher.kind, Voucher.voucher_no).where(
                Voucher.tenant_id == tenant.id
            )
        )
    }
    errors = []
    for number, row in rows:
        village = villages.get(row["village_code"])
        if village is None:
            errors.append((number, f"村代码：本乡镇没有代码为 {row['village_code']} 的村"))
            continue
        key = (village.id, _KIND_OF[row["kind"]], row["voucher_no"])
        if key in taken:
            errors.append(
                (number, f"凭证号：{village.name}已有{row['kind']}凭证 {row['voucher_no']}")
            )
            continue
        taken.add(key)
        sess.add(
            Voucher(
                tenant_id=tenant.id,
                village_id=village.id,
                voucher_no=row["voucher_no"],
                booked_on=date.fromisoformat(row["booked_on"]),
                kind=key[1],
                purpose=row["purpose"],
                amount_fen=fen(row["amount"]),
                payee=row["payee"],
                method=_METHOD_OF[row["method"]],
                handler=row["handler"],
                bill_date=date.fromisoformat(row["bill_date"]) if row.get("bill_date") else None,
            )
        )
    sess.flush()
    return errors


def import_cash(
    sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]
) -> list[tuple[int, str]]:
    """Add or correct month-end cash records (one per village and month)."""
    villages = _villages(sess, tenant)
    existing = {
        (r.village_id, r.year, r.month): r
        for r in sess.scalars(select(CashRecord).where(CashRecord.tenant_id == tenant.id))
    }
    errors = []
    for number, row in rows:
        village = villages.get(row["village_code"])
        if village is None:
            errors.append((number, f"村代码：本乡镇没有代码为 {row['village_code']} 的村"))
            continue
        key = (village.id, row["year"], row["month"])
        record = existing.get(key)
        if record is None:
            record = existing[key] = CashRecord(
                tenant_id=tenant.id, village_id=village.id, year=row["year"], month=row["month"]
            )
            sess.add(record)
        record.cash_fen = fen(row["cash_on_hand"])
    sess.flush()
    return errors


def _villages(sess: Session, tenant: Tenant) -> dict[str, Village]:
    return {v.code: v for v in sess.scalars(select(Village).where(Village.tenant_id == tenant.id))}


def monthly_totals(sess: Session, village: Village, months: int = 12) -> list[dict]:
    """Income, spending and their difference by month, newest first (for 我们的钱包)."""
    year, month = extract("year", Voucher.booked_on), extract("month", Voucher.booked_on)
    income = func.sum(when((Voucher.kind == "income", Voucher.amount_fen), else_=0))
    expense = func.sum(when((Voucher.kind == "expense", Voucher.amount_fen), else_=0))
    rows = sess.execute(
        select(year, month, income, expense)
        .where(Voucher.tenant_id == village.tenant_id, Voucher.village_id == village.id)
        .group_by(year, month)
        .order_by(year.desc(), month.desc())
        .limit(months)
    )
    return [
        {
            "year": int(y),
            "month": int(m),
            "income": yuan(int(i)),
            "expense": yuan(int(e)),
            "balance": yuan(int(i) - int(e)),
        }
        for y, m, i, e in rows
    ]
