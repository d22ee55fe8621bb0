"""Conditions read as Chinese words: one table of rules and the phrase each should become."""

import pytest

from formbuilder.conditions.words import describe

LABELS = {"amount": "金额（元）", "kind": "类型", "is_poor": "是否低保户", "count": "户数"}
AMOUNT = {"var": "amount"}
KIND = {"var": "kind"}

CASES = [
    ({">=": [AMOUNT, 50000]}, "金额（元）≥ 50,000"),
    ({">": [{"var": "count"}, 3]}, "户数 > 3"),
    ({"<": [AMOUNT, 2000.5]}, "金额（元）< 2,000.5"),
    ({"<=": [AMOUNT, 3000.0]}, "金额（元）≤ 3,000"),
    ({"==": [KIND, "road"]}, "类型 = “road”"),
    ({"===": [KIND, "road"]}, "类型 = “road”"),
    ({"!=": [KIND, "road"]}, "类型 ≠ “road”"),
    ({"==": [{"var": "is_poor"}, True]}, "是否低保户 = 是"),
    ({"==": [KIND, None]}, "类型 = 空"),
    ({"<": [10000, AMOUNT, 50000]}, "10,000 < 金额（元）< 50,000"),
    ({"<=": [10000, AMOUNT, 50000]}, "10,000 ≤ 金额（元）≤ 50,000"),
    ({"and": [{">=": [AMOUNT, 1]}, {"==": [KIND, "road"]}]}, "金额（元）≥ 1 且 类型 = “road”"),
    ({"or": [{"<": [AMOUNT, 1]}, {"var": "is_poor"}]}, "金额（元）< 1 或 是否低保户：是"),
    (
        {"or": [{"and": [{"var": "is_poor"}, {">": [AMOUNT, 0]}]}, {"==": [KIND, "x"]}]},
        "（是否低保户：是 且 金额（元）> 0）或 类型 = “x”",
    ),
    ({"and": [{"and": [{"var": "is_poor"}, {"var": "kind"}]}]}, "是否低保户：是 且 类型：是"),
    ({"!": {"var": "is_poor"}}, "是否低保户：否"),
    ({"!": [{"var": "is_poor"}]}, "是否低保户：否"),
    ({"!!": [{"var": "is_poor"}]}, "是否低保户：是"),
    ({"!": {"!": {"var": "is_poor"}}}, "是否低保户：是"),
    ({"!": {"==": [KIND, "road"]}}, "类型 ≠ “road”"),
    ({"!": {"!=": [KIND, "road"]}}, "类型 = “road”"),
    ({"!": {">": [AMOUNT, 5]}}, "并非（金额（元）> 5）"),
    (
        {"!": {"or": [{"var": "is_poor"}, {"var": "kind"}]}},
        "并非（是否低保户：是 或 类型：是）",
    ),
    ({"in": [KIND, ["road", "bridge"]]}, "类型 属于 “road”、“bridge”"),
    ({"!": {"in": [KIND, ["road"]]}}, "类型 不属于 “road”"),
    ({"in": ["桥", KIND]}, "类型 包含 “桥”"),
    ({"missing": ["amount", "kind"]}, "未填写金额（元）、类型"),
    ({"missing": "amount"}, "未填写金额（元）"),
    ({"!": {"missing": ["amount"]}}, "已填写金额（元）"),
    ({"missing_some": [1, ["amount", "kind"]]}, "金额（元）、类型中已填写少于 1 项"),
    (True, "总是"),
    (False, "从不"),
    ({"var": "unlabelled_field"}, "unlabelled_field：是"),
    ({"var": ["amount", 0]}, "金额（元）：是"),
    ({">": [{"+": [AMOUNT, {"var": "count"}]}, 10]}, "（金额（元）+ 户数）> 10"),
    ({">": [{"*": [AMOUNT, 2]}, 10]}, "（金额（元）× 2）> 10"),
]

ODD_SHAPES = [
    ({"if": [{"var": "is_poor"}, 1, 2]}, "if（是否低保户，1，2）"),
    ({"frobnicate": [AMOUNT]}, "frobnicate（金额（元））"),
    ({">": [AMOUNT]}, ">（金额（元））"),
    ({"==": [1, 2, 3]}, "==（1，2，3）"),
    ({"a": 1, "b": [2, 3]}, "a（1）；b（2，3）"),
    ({}, "（空）"),
    ([], "（空）"),
    ({"and": []}, "and（）"),
    ({"var": ""}, "填报数据：是"),
    ("road", "“road”"),
    (None, "空"),
    ({"in": [KIND, []]}, "类型 属于 （空）"),
    ({"missing": []}, "missing（）"),
    ({"var": [[1], 2]}, "[1]：是"),
    (3.5, "3.5"),
]


@pytest.mark.parametrize(("logic", "words"), CASES)
def test_condition_reads_as_words(logic, words):
    assert describe(logic, LABELS) == words


@pytest.mark.parametrize(("logic", "words"), ODD_SHAPES)
def test_unknown_shapes_fall_back_to_a_compact_form(logic, words):
    assert describe(logic, LABELS) == words


def test_labels_are_optional_for_every_field():
    assert describe({">=": [AMOUNT, 50000]}, {}) == "amount ≥ 50,000"
