"""Hostile input, generated: whatever JSON arrives, the definition loader, the JSONLogic
evaluator, field validation and the Excel import answer with a validation error (``Invalid``
or a per-field message) — never with any other exception, which a page would turn into a 500.
"""

import copy
import io
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from core.documents.xlsx import import_xlsx
from core.errors import Invalid
from formbuilder.conditions import OPERATIONS, evaluate
from formbuilder.definitions import load_item_definition
from formbuilder.definitions.form import load_fields
from formbuilder.fieldtypes.submission import clean_submission
from plugins.relief.sheet import COLUMNS

EXAMPLE = json.loads((Path(__file__).parent / "test_definitions_example.json").read_text("utf-8"))
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.sampled_from(["", "50000.00", "2026-02-30", "<script>alert(1)</script>", "{{ 7*7 }}"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def paths(value, prefix=()):
    """Every place inside ``value`` a fuzzer may overwrite."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths(inner, (*prefix, index))


EXAMPLE_PATHS = [path for path in paths(EXAMPLE) if path]


def replaced(document, path, value):
    changed = copy.deepcopy(document)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


@FUZZ
@given(path=st.sampled_from(EXAMPLE_PATHS), value=json_values)
def test_a_damaged_definition_is_refused_with_reasons_or_loaded(path, value):
    try:
        load_item_definition(replaced(EXAMPLE, path, value))
    except Invalid as refusal:
        assert refusal.message and all(isinstance(m, str) for m in refusal.fields.values())


@FUZZ
@given(document=json_values)
def test_any_json_as_a_definition_is_refused_with_reasons_or_loaded(document):
    try:
        load_item_definition(document)
    except Invalid as refusal:
        assert refusal.message


logic = st.recursive(
    scalars | st.builds(lambda name: {"var": name}, st.sampled_from(["amount", "kind", "a.b", ""])),
    lambda inner: st.builds(
        lambda op, args: {op: args},
        st.sampled_from(sorted(OPERATIONS) + ["==", "if", "and", "or", "!", "in", "nonexistent"]),
        st.lists(inner, max_size=3) | inner,
    ),
    max_leaves=15,
)


@FUZZ
@given(condition=logic, data=st.dictionaries(st.sampled_from(["amount", "kind", "a"]), json_values))
def test_any_condition_evaluates_or_is_refused(condition, data):
    try:
        evaluate(condition, data)
    except Invalid as refusal:
        assert refusal.message


EVERY_TYPE = load_fields(
    [
        {"key": "text", "type": "text", "label": "文本", "required": True, "max_length": 20},
        {"key": "textarea", "type": "textarea", "label": "长文本"},
        {"key": "integer", "type": "integer", "label": "整数", "min": 0, "max": 100},
        {"key": "decimal", "type": "decimal", "label": "小数"},
        {"key": "money", "type": "money", "label": "金额", "required": True},
        {"key": "date", "type": "date", "label": "日期"},
        {"key": "datetime", "type": "datetime", "label": "时间"},
        {
            "key": "choice",
            "type": "choice",
            "label": "单选",
            "options": [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}],
        },
        {
            "key": "multichoice",
            "type": "multichoice",
            "label": "多选",
            "options": [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}],
        },
        {"key": "boolean", "type": "boolean", "label": "是否"},
        {"key": "id_number", "type": "id_number", "label": "身份证号"},
        {"key": "phone", "type": "phone", "label": "手机号"},
        {"key": "person", "type": "person", "label": "当事人"},
        {"key": "attachment", "type": "attachment", "label": "附件"},
        {
            "key": "table",
            "type": "table",
            "label": "明细",
            "columns": [
                {"key": "item", "type": "text", "label": "项目"},
                {"key": "cost", "type": "money", "label": "金额"},
            ],
            "min_rows": 1,
            "max_rows": 3,
        },
        {"key": "vote", "type": "vote", "label": "表决"},
        {"key": "signature", "type": "signature", "label": "签名", "role": "village_director"},
        {
            "key": "computed",
            "type": "computed",
            "label": "合计",
            "formula": {"+": [{"var": "money"}, {"var": "decimal"}]},
        },
        {
            "key": "shown",
            "type": "text",
            "label": "条件字段",
            "visible_when": {">": [{"var": "integer"}, 50]},
            "required_when": {"==": [{"var": "choice"}, "a"]},
        },
    ]
)


@FUZZ
@given(raw=st.fixed_dictionaries({}, optional={f["key"]: json_values for f in EVERY_TYPE}))
def test_any_submission_is_cleaned_or_answered_field_by_field(raw):
    values, errors = clean_submission(EVERY_TYPE, raw)
    # a message is for a field, or for a part of one (``table[0]``: the first row)
    assert {re.split(r"[.\[]", path)[0] for path in errors} <= {f["key"] for f in EVERY_TYPE}
    assert all(isinstance(message, str) and message for message in errors.values())
    assert not set(values) & set(errors)
    assert all(isinstance(key, str) for key in values)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_an_excel_file_are_refused_with_a_reason(data):
    try:
        import_xlsx(io.BytesIO(data), COLUMNS)
    except Invalid as refusal:
        assert refusal.message


cells = (
    st.none()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30)  # what a cell holds
    | st.booleans()
    | st.datetimes()
    | st.dates()
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=len(COLUMNS) + 2), max_size=8))
def test_any_cells_in_the_template_import_or_are_reported_by_row(rows):
    book = Workbook()
    sheet = book.active
    sheet.append([column["label"] for column in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    result = import_xlsx(buffer, COLUMNS)
    reported = {row for row, _message in result.errors}
    assert len(result.rows) + len(reported) <= len(rows)
