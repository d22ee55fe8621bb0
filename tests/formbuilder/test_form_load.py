"""Checking a step's field definitions: every fault, each at its exact path, in Chinese."""

from __future__ import annotations

import pytest

from core.errors import Invalid
from formbuilder.definitions.form import load_fields

PATH = "steps[2].fields"
CHOICES = [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}]


def faults(fields: list) -> dict[str, str]:
    with pytest.raises(Invalid) as caught:
        load_fields(fields, PATH)
    return caught.value.fields


def text(key: str, **settings) -> dict:
    return {"key": key, "type": "text", "label": "说明", **settings}


def test_valid_fields_load_as_written():
    fields = [
        text("note", required=True, help="选填"),
        {"key": "n", "type": "integer", "label": "数", "min": 0},
    ]
    assert load_fields(fields, PATH) == fields


def test_duplicate_key_is_refused_at_the_second_field():
    assert faults([text("note"), text("other"), text("note")]) == {
        f"{PATH}[2].key": "标识“note”与第 1 个字段重复"
    }


def test_unknown_type_is_refused():
    assert faults([text("note"), {"key": "sum", "type": "monye", "label": "金额"}]) == {
        f"{PATH}[1].type": "没有“monye”这种字段类型"
    }


def test_unknown_setting_is_refused():
    assert faults([text("note", placeholder="请输入")]) == {
        f"{PATH}[0].placeholder": "未知的设置项"
    }


def test_setting_of_another_type_is_unknown_here():
    assert faults([text("note", options=CHOICES)]) == {f"{PATH}[0].options": "未知的设置项"}


def test_condition_naming_a_field_not_in_the_form_is_refused():
    shown_when = {"==": [{"var": "kind"}, "other"]}
    assert faults([text("note", visible_when=shown_when)]) == {
        f"{PATH}[0].visible_when": "引用了本表单中不存在的字段：kind"
    }


def test_formula_naming_a_field_not_in_the_form_is_refused():
    total = {
        "key": "total",
        "type": "computed",
        "label": "合计",
        "formula": {"+": [{"var": "a"}, 1]},
    }
    assert faults([total]) == {f"{PATH}[0].formula": "引用了本表单中不存在的字段：a"}


def test_condition_cannot_read_a_section_heading():
    heading = {"key": "part", "type": "section", "label": "第一部分"}
    assert faults([heading, text("note", required_when={"var": "part"})]) == {
        f"{PATH}[1].required_when": "引用了本表单中不存在的字段：part"
    }


def test_malformed_condition_is_refused_with_the_conditions_message():
    assert faults([text("note", visible_when={"~": [1, 2]})]) == {
        f"{PATH}[0].visible_when": "不支持的条件运算符“~”。"
    }


def test_choice_without_options_is_refused():
    assert faults([{"key": "kind", "type": "choice", "label": "类别"}]) == {
        f"{PATH}[0].options": "单选题至少需要两个选项"
    }


def test_choice_with_one_option_is_refused():
    single = {"key": "kind", "type": "choice", "label": "类别", "options": CHOICES[:1]}
    assert faults([single]) == {f"{PATH}[0].options": "单选题至少需要两个选项"}


def test_repeated_option_value_is_refused_at_the_option():
    repeated = {
        "key": "kind",
        "type": "multichoice",
        "label": "类别",
        "options": CHOICES + CHOICES[:1],
    }
    assert faults([repeated]) == {f"{PATH}[0].options[2].value": "选项值“a”重复了"}


def test_table_with_more_min_rows_than_max_rows_is_refused():
    table = {
        "key": "t",
        "type": "table",
        "label": "表",
        "columns": [text("c")],
        "min_rows": 5,
        "max_rows": 3,
    }
    assert faults([table]) == {f"{PATH}[0].min_rows": "最少行数不能大于最多行数"}


def test_fault_in_a_table_column_is_reported_inside_the_column():
    table = {
        "key": "t",
        "type": "table",
        "label": "表",
        "columns": [text("c"), {"key": "d", "type": "x", "label": "列"}],
    }
    assert faults([table]) == {f"{PATH}[0].columns[1].type": "没有“x”这种字段类型"}


def test_table_cannot_hold_a_table():
    inner = {"key": "inner", "type": "table", "label": "内表", "columns": [text("c")]}
    outer = {"key": "t", "type": "table", "label": "表", "columns": [inner]}
    assert faults([outer]) == {f"{PATH}[0].columns[0].type": "表格的列不能是表格或分节标题"}


def test_key_must_be_a_stable_identifier_not_a_label():
    assert faults([text("金额")]) == {
        f"{PATH}[0].key": "只能由小写英文字母、数字和下划线组成，以字母开头，最多 50 个字符"
    }


def test_missing_label_is_refused():
    assert faults([{"key": "note", "type": "text"}]) == {f"{PATH}[0].label": "必须填写"}


def test_overlong_label_is_refused():
    assert faults([text("note", label="长" * 201)]) == {f"{PATH}[0].label": "应为 1 到 200 个字符"}


def test_reserved_key_is_refused():
    assert faults([text("csrf_token")]) == {
        f"{PATH}[0].key": "“csrf_token”是系统保留的标识，请换一个"
    }


def test_field_that_is_not_an_object_is_refused():
    assert faults(["note"]) == {f"{PATH}[0]": "每个字段的设置应为一个对象（{…}）"}


def test_every_fault_is_reported_at_once():
    fields = [
        text("note", label=""),
        {"key": "kind", "type": "choice", "label": "类别", "options": []},
        text("note", required="yes"),
    ]
    assert set(faults(fields)) == {
        f"{PATH}[0].label",
        f"{PATH}[1].options",
        f"{PATH}[2].key",
        f"{PATH}[2].required",
    }
