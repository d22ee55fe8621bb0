"""A valid item definition loads with its defaults filled in; meeting fractions parse."""

import copy
import json
from fractions import Fraction
from pathlib import Path

import pytest

from core.errors import Invalid
from formbuilder.definitions import load_item_definition, parse_fraction

EXAMPLE = json.loads((Path(__file__).parent / "test_definitions_example.json").read_text("utf-8"))


def test_valid_definition_loads():
    item = load_item_definition(copy.deepcopy(EXAMPLE))
    assert item["key"] == "local.street_lights"
    assert [step["key"] for step in item["steps"]] == [
        "apply",
        "deliberate",
        "review",
        "sign",
        "council",
        "notice",
    ]


def test_a_loaded_definition_loads_again_unchanged():
    item = load_item_definition(copy.deepcopy(EXAMPLE))
    assert load_item_definition(copy.deepcopy(item)) == item


def test_loading_does_not_change_the_input():
    definition = copy.deepcopy(EXAMPLE)
    load_item_definition(definition)
    assert definition == EXAMPLE


def test_optional_item_keys_are_filled_in():
    item = load_item_definition(copy.deepcopy(EXAMPLE))
    assert item["description"] is None
    assert item["guide_unit"] is None
    assert item["publicity"] == "申请结果在村务公开栏公示5天"
    assert item["materials"] == ["安装位置示意图"]


def test_each_step_carries_every_key_of_its_kind():
    steps = {step["key"]: step for step in load_item_definition(copy.deepcopy(EXAMPLE))["steps"]}
    assert steps["review"]["branches"] == []
    assert steps["review"]["time_limit"] is None
    assert steps["council"]["majority_of"] == "present"
    assert steps["sign"]["role"] is None
    assert set(steps["deliberate"]) == {"key", "name", "kind", "include", "next"}
    assert "quorum" not in steps["apply"]


def test_time_limit_counts_working_days_unless_told_otherwise():
    definition = copy.deepcopy(EXAMPLE)
    definition["steps"][0]["time_limit"] = {"days": 5}
    assert load_item_definition(definition)["steps"][0]["time_limit"] == {
        "days": 5,
        "working": True,
    }


def test_a_branch_may_read_a_field_of_an_earlier_step():
    definition = copy.deepcopy(EXAMPLE)
    definition["steps"][4]["branches"] = [
        {"when": {">=": [{"var": "amount"}, 100000]}, "goto": "notice"}
    ]
    load_item_definition(definition)


def test_a_single_step_definition_loads():
    definition = copy.deepcopy(EXAMPLE)
    definition["steps"] = [definition["steps"][5]]
    assert load_item_definition(definition)["steps"][0]["next"] is None


def test_an_approval_may_return_to_and_stay_apart_from_an_included_block():
    definition = copy.deepcopy(EXAMPLE)
    definition["steps"][2]["return_to"] = "deliberate"
    definition["steps"][2]["distinct_from"] = ["deliberate", "deliberate.propose"]
    definition["steps"][0]["next"] = "deliberate"  # the block now always runs before review
    load_item_definition(definition)


@pytest.mark.parametrize(
    ("text", "fraction"),
    [
        ("2/3", Fraction(2, 3)),
        ("1/2", Fraction(1, 2)),
        ("1/1", Fraction(1)),
        (" 3/4 ", Fraction(3, 4)),
    ],
)
def test_fractions_parse(text, fraction):
    assert parse_fraction(text) == fraction


@pytest.mark.parametrize("text", ["3/2", "0/1", "abc", "1/0", "-1/2", "2/3/4", "", 0.5, None])
def test_bad_fractions_do_not_parse(text):
    assert parse_fraction(text) is None


def test_a_field_may_be_marked_as_concerning_a_minor():
    definition = copy.deepcopy(EXAMPLE)
    field = definition["steps"][0]["fields"][0]
    field["minor"] = True
    assert load_item_definition(definition)["steps"][0]["fields"][0]["minor"] is True
    field["minor"] = "yes"
    with pytest.raises(Invalid) as refused:
        load_item_definition(definition)
    assert "steps[0].fields[0].minor" in refused.value.fields
