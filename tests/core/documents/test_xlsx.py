"""Ledgers to and from Excel: bad rows reported by row and reason, round trips exact."""

import io

import pytest
from openpyxl import Workbook

from core.documents.xlsx import export_xlsx, import_xlsx
from core.errors import Invalid
from core.testing.cases import SAMPLE_ID

COLUMNS = [
    {"key": "head", "type": "text", "label": "户主姓名", "required": True},
    {"key": "id_number", "type": "id_number", "label": "身份证号码", "required": True},
    {"key": "size", "type": "integer", "label": "家庭人口", "required": True, "min": 1},
    {"key": "amount", "type": "money", "label": "金额（元）", "required": True},
    {"key": "paid_on", "type": "date", "label": "发放日期"},
]
ROW = {
    "head": "李四",
    "id_number": SAMPLE_ID,
    "size": 3,
    "amount": "1200.50",
    "paid_on": "2026-11-02",
}


def sheet(rows, header=None):
    book = Workbook()
    ws = book.active
    ws.append(header or [c["label"] for c in COLUMNS])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_export_then_import_gives_the_same_rows():
    data = export_xlsx(COLUMNS, [ROW, {**ROW, "head": "王五", "paid_on": None}], "救助台账")
    result = import_xlsx(io.BytesIO(data), COLUMNS)
    assert result.errors == []
    assert [r for _, r in result.rows] == [
        ROW,
        {k: v for k, v in ROW.items() if k != "paid_on"} | {"head": "王五"},
    ]


def test_bad_rows_are_reported_by_row_and_reason_and_the_rest_kept():
    stream = sheet(
        [
            ["张三", SAMPLE_ID, 2, "800", "2026-01-05"],
            ["错号", "110105194912310021", 2, "800", None],
            ["", SAMPLE_ID, 2, "800", None],
            ["赵六", SAMPLE_ID, 0, "800", None],
        ]
    )
    result = import_xlsx(stream, COLUMNS)
    assert [n for n, _ in result.rows] == [2]
    assert [n for n, _ in result.errors] == [3, 4, 5]
    assert result.errors[0][1].startswith("身份证号码：")
    assert result.errors[1][1].startswith("户主姓名：")
    assert result.errors[2][1].startswith("家庭人口：")


def test_columns_are_found_by_label_in_any_order():
    labels = [c["label"] for c in COLUMNS][::-1]
    stream = sheet([["2026-11-02", "1200.50", 3, SAMPLE_ID, "李四"]], header=labels)
    assert [r for _, r in import_xlsx(stream, COLUMNS).rows] == [ROW]


def test_a_missing_required_column_is_refused():
    with pytest.raises(Invalid, match="表头缺少这些列：身份证号码"):
        import_xlsx(sheet([], header=["户主姓名", "家庭人口", "金额（元）"]), COLUMNS)


def test_a_file_that_is_not_xlsx_is_refused():
    with pytest.raises(Invalid, match="无法读取该文件"):
        import_xlsx(io.BytesIO(b"not a workbook"), COLUMNS)
