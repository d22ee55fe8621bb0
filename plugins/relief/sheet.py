"""The relief ledger as an Excel sheet (救助对象台账.xlsx): export, and import with a per-row
error report.

Cells are judged by the platform's field types (an ID number by its check digit, money to
the fen, dates as dates); then each row by what only the ledger knows (``importing``): the
village must be the township's, a cited case too, the end may not precede the start, and a
household appears once per benefit and start date. Bad rows are reported by row number and
reason and skipped; the good ones are saved. Export then import gives back the same ledger.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from core.documents.xlsx import export_xlsx, import_xlsx
from plugins.relief.importing import LedgerImport, Lookups, case_codes, save_sheet
from plugins.relief.items.temporary import CAUSES
from plugins.relief.models import BENEFITS, ReliefRecipient
from tenants.models import Tenant, Village

TITLE = "救助对象台账"
CAUSE_LABELS = {option["value"]: option["label"] for option in CAUSES}
#: what identifies a row: a household's grant of one benefit from one day
KEY = ("id_number", "benefit", "starts_on")


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
        "key": "benefit",
        "type": "choice",
        "label": "救助类别",
        "required": True,
        "options": _options(BENEFITS),
    },
    {
        "key": "amount",
        "type": "money",
        "label": "保障金额（元）",
        "required": True,
        "help": "低保、特困为每月金额，临时救助为一次性金额",
    },
    {"key": "starts_on", "type": "date", "label": "起始日期", "required": True},
    {"key": "ends_on", "type": "date", "label": "终止日期"},
    {"key": "cause", "type": "choice", "label": "困难类型", "options": _options(CAUSE_LABELS)},
    {"key": "case_code", "type": "text", "label": "办件编号", "max_length": 40},
]


def export_rows(sess: Session, village: Village | None = None) -> bytes:
    """The ledger in scope (one village's, or all) as an xlsx that :func:`import_sheet` reads."""
    query = select(ReliefRecipient).options(joinedload(ReliefRecipient.village))
    if village is not None:
        query = query.where(ReliefRecipient.village_id == village.id)
    rows = sess.scalars(
        query.order_by(ReliefRecipient.village_id, ReliefRecipient.id_number, ReliefRecipient.id)
    ).all()
    codes = case_codes(sess, {row.case_id for row in rows if row.case_id})
    return export_xlsx(COLUMNS, [_sheet_row(row, codes) for row in rows], TITLE)


def _sheet_row(row: ReliefRecipient, codes: dict[int, str]) -> dict:
    return {
        "village": row.village.name,
        "head_name": row.head_name,
        "id_number": row.id_number,
        "household_size": row.household_size,
        "benefit": BENEFITS[row.benefit],
        "amount": f"{row.amount:.2f}",
        "starts_on": row.starts_on.isoformat(),
        "ends_on": row.ends_on.isoformat() if row.ends_on else None,
        "cause": CAUSE_LABELS.get(row.cause) if row.cause else None,
        "case_code": codes.get(row.case_id) if row.case_id else None,
    }


def import_sheet(sess: Session, tenant: Tenant, stream: BinaryIO) -> LedgerImport:
    """Save the sheet's good rows into ``tenant``'s ledger and report the bad ones."""
    judged = import_xlsx(stream, COLUMNS)
    return save_sheet(sess, tenant, judged, ReliefRecipient, KEY, _values)


def _values(raw: dict, found: Lookups) -> tuple[dict | None, str | None]:
    """A checked row's ledger values, or the reason it cannot be saved."""
    code = (raw.get("case_code") or "").upper()
    fault = found.village_fault(raw["village"]) or found.case_fault(code)
    if fault:
        return None, fault
    starts_on = date.fromisoformat(raw["starts_on"])
    ends_on = date.fromisoformat(raw["ends_on"]) if raw.get("ends_on") else None
    if ends_on is not None and ends_on < starts_on:
        return None, "终止日期：不能早于起始日期"
    return {
        "village_id": found.villages[raw["village"]],
        "case_id": found.cases.get(code),
        "head_name": raw["head_name"],
        "id_number": raw["id_number"],
        "household_size": raw["household_size"],
        "benefit": _key_of(BENEFITS, raw["benefit"]),
        "amount": Decimal(raw["amount"]),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "cause": _key_of(CAUSE_LABELS, raw.get("cause")),
    }, None


def _key_of(labels: dict[str, str], label: str | None) -> str | None:
    return next((key for key, text in labels.items() if text == label), None)
