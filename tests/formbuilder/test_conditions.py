"""Conditions on the server: the shared case table, the fields a condition reads, and the
operators it may use. ``browser/test_conditions_browser.py`` runs the same table in Chromium."""

import json
import math
from pathlib import Path

import pytest

from core.errors import Invalid
from formbuilder.conditions import evaluate, problems, truthy, variables
from formbuilder.conditions.js import to_number, to_string

CASES = json.loads((Path(__file__).parent / "conditions_cases.json").read_text("utf-8"))


def test_the_shared_table_is_large_and_unambiguous():
    assert len(CASES) >= 30
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case_table(case):
    result = evaluate(case["logic"], case["data"])
    assert result == case["expected"]
    assert isinstance(result, bool) == isinstance(case["expected"], bool)


def test_money_reaches_the_bidding_threshold():
    rule = {">=": [{"var": "amount"}, 50000]}
    assert truthy(rule, {"amount": "50000.00"})
    assert not truthy(rule, {"amount": "49999.99"})
    assert not truthy(rule, {})
    assert not truthy(rule, {"amount": ""})


def test_truthy_treats_an_empty_array_as_false():
    assert not truthy({"var": "tags"}, {"tags": []})
    assert truthy({"var": "tags"}, {"tags": ["低保"]})
    assert truthy({"var": "note"}, {"note": "0"})


def test_variables_of_plain_and_defaulted_vars():
    assert variables({"var": "amount"}) == {"amount"}
    assert variables({"var": ["amount", 0]}) == {"amount"}
    assert variables({"==": [{"var": "kind"}, "other"]}) == {"kind"}


def test_variables_take_the_first_segment_of_dotted_names():
    assert variables({"var": "applicant.household.size"}) == {"applicant"}


def test_variables_cover_nested_logic_defaults_and_missing():
    logic = {
        "and": [
            {"<": [0, {"var": "a"}, {"var": "b"}]},
            {"var": ["c", {"var": "d"}]},
            {"!": {"missing": ["e", "f.g"]}},
            {"missing_some": [1, ["h", "i"]]},
        ]
    }
    assert variables(logic) == {"a", "b", "c", "d", "e", "f", "h", "i"}


def test_variables_leave_out_names_read_from_each_item():
    logic = {"some": [{"var": "quotes"}, {">": [{"var": "price"}, 2000]}]}
    assert variables(logic) == {"quotes"}


def test_variables_of_constants_are_empty():
    assert variables(True) == set()
    assert variables({"var": ""}) == set()


def test_unknown_operator_is_named_in_chinese():
    assert problems({"log": [1]}) == ["不支持的条件运算符“log”。"]
    assert problems({"and": [True, {"method": ["x", "upper"]}]}) == ["不支持的条件运算符“method”。"]


@pytest.mark.parametrize(
    "logic",
    [{">": [1]}, {"!": [1, 2]}, {"<": [1, 2, 3, 4]}, {"-": []}, {"some": [{"var": "x"}]}],
)
def test_wrong_number_of_arguments_is_rejected(logic):
    assert "参数个数不对" in problems(logic)[0]


def test_objects_must_hold_exactly_one_operator():
    assert problems({"==": [1, 1], "!=": [1, 2]}) == ["条件中的每个对象必须恰好包含一个运算符。"]


def test_var_and_missing_must_name_fields():
    assert problems({"var": [{"var": "x"}]}) == ["“var”后面应写字段名（文字）。"]
    assert problems({"missing": [1]}) == ["“missing”应列出字段名。"]
    assert problems({"missing_some": [1, "a"]}) == ["“missing_some”应列出字段名。"]


def test_allowed_logic_has_no_problems():
    assert problems({"if": [{">=": [{"var": "amount"}, 50000]}, "招标", "询价"]}) == []


def test_evaluate_refuses_logic_with_problems():
    with pytest.raises(Invalid, match="log"):
        evaluate({"log": "x"}, {})


def test_deep_nesting_is_refused():
    logic: object = True
    for _ in range(40):
        logic = {"!": [logic]}
    assert problems(logic) == ["条件嵌套层数过多，请简化。"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("50000.00", 50000),
        ("", 0),
        (" 7 ", 7),
        ("0x10", 16),
        ("1e3", 1000),
        ("-Infinity", -math.inf),
    ],
)
def test_strings_become_numbers_as_in_javascript(text, number):
    assert to_number(text) == number


@pytest.mark.parametrize("text", ["abc", "1_000", "12元", "inf", "0x"])
def test_strings_javascript_does_not_read_as_numbers(text):
    assert math.isnan(to_number(text))


@pytest.mark.parametrize(
    ("value", "text"),
    [(50000.0, "50000"), (0.1, "0.1"), (1e21, "1e+21"), (1.5e-7, "1.5e-7"), (1e16, "10000000000000000"),
     ([1, None, [2, 3]], "1,,2,3"), ({}, "[object Object]"), (None, "null"), (True, "true")],
)  # fmt: skip
def test_values_become_strings_as_in_javascript(value, text):
    assert to_string(value) == text
