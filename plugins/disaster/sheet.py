"""The disaster roster as an Excel sheet (救灾救助对象花名册.xlsx): export, and import with a
per-row error report — the same rules as the relief ledger (``plugins.relief.importing``):
cells judged by the field types, villages and case codes by the township's own, a household
once per category and period start, bad rows reported and skipped, export then import
giving back the same roster."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from core.documents.xlsx import export_xlsx, import_xlsx
from plugins.disaster.models import CATEGORIES, STATUSES, DisasterRecipient
from plugins.relief.importing import LedgerImport, Lookups, case_codes, save_sheet
from tenants.models import Tenant, Village

TITLE = "救灾救助对象花名册"
#: what identifies a row: a household's grant in one category from one day
KEY = ("id_number", "category", "period_start")


def _options(labels: dict[str, str]) -> list[dict]:
    """Choices whose stored value is the label a clerk types into the sheet."""
    return [{"value": label, "label": label} for label in labels.values()]


COLUMNS = [
    {"key": "village", "type": "text", "label": "村（社区）", "required": True},
    {"key": "head_name", "type": "text", "label": "户主姓名", "required": True, "max_length": 50},
    {"key": "id_number", "type": "id_number", "label": "身份证号", "required": True},
    {
        "key": "household_size",
        "type": "integer",
        "label": "家庭人口",
        "required": True,
        "min": 1,
        "max": 30,
    },
    {
        "key": "category",
        "type": "choice",
        "label": "救助项目",
        "required": True,
        "options": _options(CATEGORIES),
    },
    {"key": "period_start", "type": "date", "label": "救助期间（起）", "required": True},
    {"key": "period_end", "type": "date", "label": "救助期间（止）", "required": True},
    {"key": "amount", "type": "money", "label": "金额（元）", "required": True},
    {
        "key": "status",
        "type": "choice",
        "label": "发放状态",
        "required": True,
        "options": _options(STATUSES),
    },
    {"key": "case_code", "type": "text", "label": "办件编号", "max_length": 40},
]


def export_rows(sess: Session, village: Village | None = None) -> bytes:
    """The roster in scope (one village's, or all) as an xlsx :func:`import_sheet` reads."""
    query = select(DisasterRecipient).options(joinedload(DisasterRecipient.village))
    if village is not None:
        query = query.where(DisasterRecipient.village_id == village.id)
    rows = sess.scalars(
        query.order_by(
            DisasterRecipient.village_id, DisasterRecipient.id_number, DisasterRecipient.id
        )
    ).all()
    codes = case_codes(sess, {row.case_id for row in rows if row.case_id})
    return export_xlsx(COLUMNS, [_sheet_row(row, codes) for row in rows], TITLE)


def _sheet_row(row: DisasterRecipient, codes: dict[int, str]) -> dict:
    return {
        "village": row.village.name,
        "head_name": row.head_name,
        "id_number": row.id_number,
        "household_size": row.household_size,
        "category": row.category_label,
        "period_start": row.period_start.isoformat(),
        "period_end": row.period_end.isoformat(),
        "amount": f"{row.amount:.2f}",
        "status": row.status_label,
        "case_code": codes.get(row.case_id) if row.case_id else None,
    }


def import_sheet(sess: Session, tenant: Tenant, stream: BinaryIO) -> LedgerImport:
    """Save the sheet's good rows into ``tenant``'s roster and report the bad ones."""
    judged = import_xlsx(stream, COLUMNS)
    return save_sheet(sess, tenant, judged, DisasterRecipient, KEY, _values)


def _values(raw: dict, found: Lookups) -> tuple[dict | None, str | None]:
    code = (raw.get("case_code") or "").upper()
    fault = found.village_fault(raw["village"]) or found.case_fault(code)
    if fault:
        return None, fault
    start, end = date.fromisoformat(raw["period_start"]), date.fromisoformat(raw["period_end"])
    if end < start:
        return None, "救助期间（止）：不能早于救助期间（起）"
    return {
        "village_id": found.villages[raw["village"]],
        "case_id": found.cases.get(code),
        "head_name": raw["head_name"],
        "id_number": raw["id_number"],
        "household_size": raw["household_size"],
        "category": _key_of(CATEGORIES, raw["category"]),
        "period_start": start,
        "period_end": end,
        "amount": Decimal(raw["amount"]),
        "status": _key_of(STATUSES, raw["status"]),
    }, None


def _key_of(labels: dict[str, str], label: str) -> str:
    return next(key for key, text in labels.items() if text == label)
