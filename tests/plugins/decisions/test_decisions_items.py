"""村级重大决策事项: the default items load, draw, and run to their end; the project item's
branch follows the local major-matter threshold."""

import pytest

from core import settings
from formbuilder.definitions import load_item_definition
from plugins.decisions.items import ITEMS

KEYS = [item["key"] for item in ITEMS]


def test_the_plugin_ships_at_least_five_complete_items():
    assert len(ITEMS) >= 5
    for definition in ITEMS:
        item = load_item_definition(definition)
        assert item["domain"] == "decisions"
        assert item["basis"] and item["publicity"] and item["guide_unit"]
        assert all(step.get("name") or step["kind"] == "include" for step in item["steps"])


def test_the_major_matter_item_wraps_four_deliberations_in_a_proposal_and_a_record():
    steps = next(i for i in ITEMS if i["key"] == "decisions.major_matter")["steps"]
    assert [s["kind"] for s in steps] == ["task", "include", "task"]
    assert steps[1]["include"] == "four_deliberations"


def test_the_items_are_in_force_with_a_flowchart_each(call, town):
    listed = call(town.admin, "get", "/items?domain=decisions").json
    assert {item["key"] for item in listed} >= set(KEYS)
    for key in KEYS:
        response = call(town.admin, "get", f"/items/{key}/flowchart.svg")
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert "<svg" in response.get_data(as_text=True)


@pytest.mark.parametrize("key", KEYS)
def test_each_item_runs_to_completion(key, town, start, run_case):
    first = next(i for i in ITEMS if i["key"] == key)["steps"][0]["role"]
    case = start(key, getattr(town.people, first.removeprefix("village_")))
    final = run_case(case["id"], town.tenant.slug)
    assert final["status"] == "completed"


def project(start, town, amount):
    data = {
        "matter": "村道硬化",
        "project_type": "道路交通",
        "location": "一组",
        "amount": amount,
        "funding": "财政奖补和村集体",
        "draft_resolution": "硬化一组村道800米",
    }
    return start("decisions.project_approval", town.people.committee, data)


def test_a_project_under_the_threshold_is_decided_by_the_two_committees(start, town):
    case = project(start, town, "49999.99")
    assert case["active_steps"] == ["resolve"]


def test_a_project_at_the_threshold_goes_through_four_deliberations(start, town):
    case = project(start, town, "50000.00")
    assert case["active_steps"] == ["deliberate.propose"]


def test_the_threshold_is_the_townships_setting(app, sess, start, town):
    with app.test_request_context():
        settings.save_values(sess, town.tenant, {"decisions.major_threshold": "30000"})
    sess.commit()
    case = project(start, town, "40000.00")
    assert case["active_steps"] == ["deliberate.propose"]
