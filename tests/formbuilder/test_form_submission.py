"""Cleaning a submission: hidden fields, conditional requirements, computed values, tables.

``clean_submission`` is what the page form and the API schema both call; the tests that
matter for both sides submit through each.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from formbuilder.definitions.form import load_fields
from formbuilder.fieldtypes import clean_submission
from formbuilder.forms import build_form
from formbuilder.schemas import build_schema

KIND = {
    "key": "kind",
    "type": "choice",
    "label": "类别",
    "options": [{"value": "road", "label": "修路"}, {"value": "other", "label": "其他"}],
}
OTHER = {
    "key": "other",
    "type": "text",
    "label": "其他说明",
    "required": True,
    "visible_when": {"==": [{"var": "kind"}, "other"]},
}


def clean(definitions: list[dict], raw: dict) -> tuple[dict, dict]:
    return clean_submission(load_fields(definitions), raw)


def test_hidden_field_is_dropped_from_the_form_data(app):
    form_class = build_form(load_fields([KIND, OTHER]))
    with app.test_request_context():
        form = form_class(meta={"csrf": False}, formdata=MultiDict({"kind": "road", "other": "x"}))
        assert form.validate()
    assert form.cleaned_data == {"kind": "road"}


def test_hidden_field_is_dropped_from_the_api_data():
    schema = build_schema(load_fields([KIND, OTHER]))
    assert schema.load({"kind": "road", "other": "x"}) == {"kind": "road"}


def test_hidden_field_is_not_required():
    assert clean([KIND, OTHER], {"kind": "road"}) == ({"kind": "road"}, {})


def test_visible_field_is_required():
    assert clean([KIND, OTHER], {"kind": "other"})[1] == {"other": "请填写此项"}


def test_bad_value_of_a_hidden_field_is_not_reported():
    amount = {"key": "amount", "type": "money", "label": "金额", "visible_when": {"var": "kind"}}
    assert clean([KIND, amount], {"amount": "很多"}) == ({}, {})


def test_hiding_cascades_to_fields_that_depend_on_a_hidden_one():
    detail = {
        "key": "detail",
        "type": "text",
        "label": "补充",
        "required": True,
        "visible_when": {"!!": {"var": "other"}},
    }
    assert clean([KIND, OTHER, detail], {"kind": "road", "other": "x", "detail": "y"}) == (
        {"kind": "road"},
        {},
    )


def test_required_when_holds_makes_the_field_required():
    amount = {"key": "amount", "type": "money", "label": "金额"}
    quotes = {
        "key": "quotes",
        "type": "attachment",
        "label": "报价单",
        "required_when": {">=": [{"var": "amount"}, 50000]},
    }
    assert clean([amount, quotes], {"amount": "50000.00"})[1] == {"quotes": "请上传文件"}


def test_required_when_not_holding_leaves_the_field_optional():
    amount = {"key": "amount", "type": "money", "label": "金额"}
    quotes = {
        "key": "quotes",
        "type": "attachment",
        "label": "报价单",
        "required_when": {">=": [{"var": "amount"}, 50000]},
    }
    assert clean([amount, quotes], {"amount": "49999.99"}) == ({"amount": Decimal("49999.99")}, {})


PRICE = {"key": "price", "type": "money", "label": "单价"}
QTY = {"key": "qty", "type": "integer", "label": "数量"}
TOTAL = {
    "key": "total",
    "type": "computed",
    "label": "合计",
    "result_type": "money",
    "formula": {"*": [{"var": "qty"}, {"var": "price"}]},
}


def test_computed_value_ignores_what_was_sent():
    data, _ = clean([QTY, PRICE, TOTAL], {"qty": "3", "price": "2.50", "total": "1000000.00"})
    assert data["total"] == Decimal("7.50")


def test_computed_money_is_rounded_half_up_to_the_fen():
    data, _ = clean(
        [QTY, PRICE, TOTAL | {"formula": {"/": [{"var": "price"}, 8]}}], {"price": "1.00"}
    )
    assert data["total"] == Decimal("0.13")


def test_computed_value_is_left_out_when_its_inputs_are_missing():
    assert clean([QTY, PRICE, TOTAL], {"qty": "3"}) == ({"qty": 3}, {})


def test_computed_value_can_show_or_hide_another_field():
    notice = {
        "key": "notice",
        "type": "boolean",
        "label": "已公示",
        "required": True,
        "visible_when": {">=": [{"var": "total"}, 10000]},
    }
    assert clean([QTY, PRICE, TOTAL, notice], {"qty": "2", "price": "6000"})[1] == {
        "notice": "请选择“是”或“否”"
    }


COLUMNS = [
    {"key": "supplier", "type": "text", "label": "供应商", "required": True},
    {"key": "price", "type": "money", "label": "报价", "required": True},
]
QUOTES = {"key": "quotes", "type": "table", "label": "报价", "columns": COLUMNS, "min_rows": 2}


def test_blank_table_rows_are_dropped():
    rows = [
        {"supplier": "甲", "price": "1"},
        {"supplier": "", "price": ""},
        {"supplier": "乙", "price": "2"},
    ]
    assert len(clean([QUOTES], {"quotes": rows})[0]["quotes"]) == 2


def test_table_with_too_few_rows_says_how_many_are_needed():
    rows = [{"supplier": "甲", "price": "1"}]
    assert clean([QUOTES], {"quotes": rows})[1] == {"quotes": "至少填写 2 行，现有 1 行"}


def test_table_cell_fault_names_the_row_it_was_sent_in():
    rows = [{"supplier": "甲", "price": "1"}, {}, {"supplier": "乙"}]
    assert clean([QUOTES], {"quotes": rows})[1] == {"quotes[2].price": "请填写此项"}


def test_table_row_with_an_unknown_column_is_refused():
    rows = [{"supplier": "甲", "price": "1", "pirce": "2"}, {"supplier": "乙", "price": "2"}]
    assert clean([QUOTES], {"quotes": rows})[1] == {"quotes[0]": "没有这些列：pirce"}


def test_table_column_condition_reads_its_own_row():
    note = {
        "key": "note",
        "type": "text",
        "label": "说明",
        "required_when": {">": [{"var": "price"}, 100]},
    }
    table = QUOTES | {"columns": [*COLUMNS, note], "min_rows": 0}
    rows = [{"supplier": "甲", "price": "50"}, {"supplier": "乙", "price": "500"}]
    assert clean([table], {"quotes": rows})[1] == {"quotes[1].note": "请填写此项"}


def test_schema_reports_faults_by_flat_path():
    schema = build_schema(load_fields([QUOTES]))
    with pytest.raises(ValidationError) as caught:
        schema.load(
            {"quotes": [{"supplier": "甲", "price": "x"}, {"supplier": "乙", "price": "1"}]}
        )
    assert caught.value.messages == {"quotes[0].price": ["请填写金额，如 50000.00"]}


def test_table_with_too_many_rows_is_refused_before_its_cells_are_judged():
    rows = [{"supplier": "甲", "price": "bad"}] * 4
    assert clean([QUOTES | {"max_rows": 3}], {"quotes": rows})[1] == {
        "quotes": "最多填写 3 行，现有 4 行"
    }
