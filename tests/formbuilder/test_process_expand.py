"""Expanding a definition's includes into concrete steps, with the tenant's figures."""

import copy
import json
from pathlib import Path

import pytest

from core.errors import Invalid
from formbuilder.definitions import expand_steps, load_item_definition, settings_errors

EXAMPLE = json.loads((Path(__file__).parent / "test_definitions_example.json").read_text("utf-8"))
BLOCK = [
    "deliberate.propose",
    "deliberate.discuss",
    "deliberate.review",
    "deliberate.resolve",
    "deliberate.publish_resolution",
    "deliberate.publish_results",
]


@pytest.fixture
def item():
    return load_item_definition(copy.deepcopy(EXAMPLE))


def _by_key(steps):
    return {step["key"]: step for step in steps}


def test_four_deliberations_expands_in_order(item):
    keys = [step["key"] for step in expand_steps(item)]
    assert keys == ["apply", *BLOCK, "review", "sign", "council", "notice"]


def test_block_steps_are_chained_and_continue_where_the_include_went(item):
    steps = _by_key(expand_steps(item))
    assert [steps[key]["next"] for key in BLOCK] == [*BLOCK[1:], "review"]


def test_a_branch_to_the_include_lands_on_its_first_step(item):
    apply = _by_key(expand_steps(item))["apply"]
    assert apply["branches"][0]["goto"] == "deliberate.propose"
    assert apply["next"] == "review"


def test_block_steps_carry_their_group(item):
    steps = _by_key(expand_steps(item))
    assert {steps[key]["group"] for key in BLOCK} == {"deliberate"}
    assert {steps[key]["group_name"] for key in BLOCK} == {"四议两公开"}
    assert steps["review"]["group"] is None


def test_block_steps_have_the_domain_defaults(item):
    steps = _by_key(expand_steps(item))
    assert [steps[key]["kind"] for key in BLOCK] == ["task", *["meeting"] * 3, *["notice"] * 2]
    assert [steps[key]["role"] for key in BLOCK] == [
        *["village_secretary"] * 3,
        *["village_director"] * 3,
    ]
    review = steps["deliberate.review"]
    assert (review["quorum"], review["majority"], review["majority_of"]) == (
        "2/3",
        "1/2",
        "expected",
    )
    assert steps["deliberate.resolve"]["quorum"] == "2/3"
    assert steps["deliberate.discuss"]["majority"] == "1/2"
    assert steps["deliberate.publish_resolution"]["notice_days"] == 3


def test_settings_override_quorum_and_notice_days(item):
    settings = {
        "four_deliberations": {"review": {"quorum": "3/4"}, "publish_days": 5},
        "theme": "红色",
    }
    steps = _by_key(expand_steps(item, settings))
    assert steps["deliberate.review"]["quorum"] == "3/4"
    assert steps["deliberate.review"]["majority"] == "1/2"
    assert steps["deliberate.resolve"]["quorum"] == "2/3"
    assert steps["deliberate.publish_resolution"]["notice_days"] == 5
    assert steps["deliberate.publish_results"]["notice_days"] == 5


def test_a_step_setting_beats_the_block_wide_one(item):
    settings = {"four_deliberations": {"publish_days": 5, "publish_results": {"notice_days": 7}}}
    steps = _by_key(expand_steps(item, settings))
    assert steps["deliberate.publish_resolution"]["notice_days"] == 5
    assert steps["deliberate.publish_results"]["notice_days"] == 7


def test_settings_do_not_leak_into_the_next_expansion(item):
    expand_steps(item, {"four_deliberations": {"review": {"quorum": "3/4"}}})
    assert _by_key(expand_steps(item))["deliberate.review"]["quorum"] == "2/3"


@pytest.mark.parametrize(
    ("settings", "path"),
    [
        ({"review": {"quorum": "3/2"}}, "four_deliberations.review.quorum"),
        ({"review": {"majority_of": "all"}}, "four_deliberations.review.majority_of"),
        ({"review": {"notice_days": 3}}, "four_deliberations.review.notice_days"),
        ({"publish_days": 0}, "four_deliberations.publish_days"),
        ({"vote": {"quorum": "1/2"}}, "four_deliberations.vote"),
    ],
)
def test_bad_settings_are_refused_at_their_path(item, settings, path):
    assert path in settings_errors({"four_deliberations": settings})
    with pytest.raises(Invalid) as caught:
        expand_steps(item, {"four_deliberations": settings})
    assert path in caught.value.fields


def test_approval_references_to_an_include_are_resolved(item):
    definition = copy.deepcopy(EXAMPLE)
    definition["steps"][0]["next"] = "deliberate"
    definition["steps"][2]["return_to"] = "deliberate"
    definition["steps"][2]["distinct_from"] = ["apply", "deliberate"]
    review = _by_key(expand_steps(load_item_definition(definition)))["review"]
    assert review["return_to"] == "deliberate.propose"
    assert review["distinct_from"] == ["apply", *BLOCK]


def test_expanding_does_not_change_the_definition(item):
    before = copy.deepcopy(item)
    expand_steps(item, {"four_deliberations": {"publish_days": 9}})
    assert item == before


def test_a_definition_without_includes_expands_to_its_own_steps(item):
    item["steps"] = [step for step in item["steps"] if step["kind"] != "include"]
    item["steps"][0]["branches"] = []
    assert [step["key"] for step in expand_steps(item)] == [
        "apply",
        "review",
        "sign",
        "council",
        "notice",
    ]
