"""Ledgers (台账) to and from Excel (xlsx), with a per-row error report.

A ledger's columns are field definitions (``{"key", "type", "label", "required"}``), so an
imported cell is judged by the same field types as a form: an ID number by its GB 11643
check digit, money exactly, a date as a date. Export writes what import reads back, so
exporting and re-importing gives the same data.

openpyxl is imported on first use, not with the app: most web workers never see a sheet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO
from zipfile import BadZipFile

from core.errors import Invalid
from formbuilder.fieldtypes import clean_submission
from formbuilder.fieldtypes.submission import field_type

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024


@dataclass
class ImportResult:
    #: ``(row number in the sheet, cleaned row as JSON-ready values)``
    rows: list[tuple[int, dict]] = field(default_factory=list)
    #: ``(row number, "身份证号码：校验位不正确")``, one line per bad row
    errors: list[tuple[int, str]] = field(default_factory=list)


def export_xlsx(columns: list[dict], rows: list[dict], title: str) -> bytes:
    """A workbook with one header row of labels and one row per ledger entry."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([c["label"] for c in columns])
    for row in rows:
        sheet.append([_cell(row.get(c["key"])) for c in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(
            10, len(column["label"]) * 2 + 2
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_xlsx(stream: BinaryIO, columns: list[dict]) -> ImportResult:
    """Read a workbook made from :func:`export_xlsx`'s header; judge every row.

    Columns are found by their label, in any order. A bad row is reported and skipped; the
    good rows are returned for the caller to store.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Invalid(f"文件太大：台账导入文件不能超过 {MAX_BYTES // 1024 // 1024} MB。")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise Invalid("无法读取该文件：请上传 Excel（.xlsx）文件。") from exc
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [str(v).strip() if v is not None else "" for v in next(lines, ())]
    positions = _positions(header, columns)
    result = ImportResult()
    for number, values in enumerate(lines, start=2):
        if number - 1 > MAX_ROWS:
            raise Invalid(f"行数太多：一次最多导入 {MAX_ROWS} 行。")
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        raw = {c["key"]: _raw(values, positions.get(c["key"])) for c in columns}
        cleaned, faults = clean_submission(columns, raw)
        if faults:
            labels = {c["key"]: c["label"] for c in columns}
            reason = "；".join(
                f"{labels.get(path.split('[')[0].split('.')[0], path)}：{message}"
                for path, message in faults.items()
            )
            result.errors.append((number, reason))
            continue
        by_key = {c["key"]: c for c in columns}
        result.rows.append(
            (number, {k: field_type(by_key[k]).dump(v, by_key[k]) for k, v in cleaned.items()})
        )
    book.close()
    return result


def _positions(header: list[str], columns: list[dict]) -> dict[str, int]:
    found = {label: index for index, label in enumerate(header) if label}
    missing = [c["label"] for c in columns if c.get("required") and c["label"] not in found]
    if missing:
        raise Invalid("表头缺少这些列：" + "、".join(missing) + "。请使用导出的模板。")
    return {c["key"]: found[c["label"]] for c in columns if c["label"] in found}


def _raw(values: tuple, position: int | None) -> Any:
    if position is None or position >= len(values):
        return None
    value = values[position]
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | Decimal):
        return str(value)
    return value.strip() if isinstance(value, str) else value


def _cell(value: Any) -> Any:
    """Counts stay numbers; everything else is written as text, so a spreadsheet cannot
    mangle an ID number into 1.1E+17 or money into a float."""
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)
