"""阳光村务: the default items load, draw, and run to their end."""

import pytest

from formbuilder.definitions import load_item_definition
from plugins.transparency.items import ITEMS

KEYS = [item["key"] for item in ITEMS]


def test_the_plugin_ships_at_least_four_complete_items():
    assert len(ITEMS) >= 4
    for definition in ITEMS:
        item = load_item_definition(definition)
        assert item["domain"] == "transparency"
        assert item["basis"] and item["publicity"] and item["guide_unit"]


def test_every_posting_is_reviewed_by_the_supervision_committee_first():
    for item in ITEMS:
        steps = {s["key"]: s for s in item["steps"]}
        before = [
            s
            for s in item["steps"]
            if s.get("next") == "post" or any(b["goto"] == "post" for b in s.get("branches", ()))
        ]
        assert steps["post"]["kind"] == "notice"
        assert [s["role"] for s in before] == ["village_supervisor"], item["key"]


def test_the_items_are_in_force_with_a_flowchart_each(call, town):
    listed = call(town.admin, "get", "/items?domain=transparency").json
    assert {item["key"] for item in listed} >= set(KEYS)
    for key in KEYS:
        response = call(town.admin, "get", f"/items/{key}/flowchart.svg")
        assert response.status_code == 200
        assert "<svg" in response.get_data(as_text=True)


@pytest.mark.parametrize("key", KEYS)
def test_each_item_runs_to_completion(key, town, start, run_case):
    first = next(i for i in ITEMS if i["key"] == key)["steps"][0]["role"]
    case = start(key, getattr(town.people, first.removeprefix("village_")))
    assert run_case(case["id"], town.tenant.slug)["status"] == "completed"
