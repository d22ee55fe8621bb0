"""Definitions have size limits, refused with a Chinese message at the path at fault."""

import copy
import json
from pathlib import Path

import pytest

from core.errors import Invalid
from formbuilder.definitions import limits, load_item_definition

EXAMPLE = json.loads((Path(__file__).parent / "test_definitions_example.json").read_text("utf-8"))


def refused(definition) -> dict[str, str]:
    with pytest.raises(Invalid) as caught:
        load_item_definition(definition)
    return caught.value.fields


def test_the_example_is_within_every_limit():
    assert limits.size_faults(EXAMPLE) == {}


def test_too_many_steps():
    definition = copy.deepcopy(EXAMPLE)
    definition["steps"] = definition["steps"] * (limits.MAX_STEPS // len(definition["steps"]) + 1)
    assert "不能超过 60 个" in refused(definition)["steps"]


def test_too_many_fields_in_a_step():
    definition = copy.deepcopy(EXAMPLE)
    field = definition["steps"][0]["fields"][0]
    definition["steps"][0]["fields"] = [
        {**field, "key": f"f{i}"} for i in range(limits.MAX_FIELDS_PER_STEP + 1)
    ]
    assert "每个环节不能超过" in refused(definition)["steps[0].fields"]


def test_too_many_options():
    definition = copy.deepcopy(EXAMPLE)
    options = [{"value": f"v{i}", "label": f"选项{i}"} for i in range(limits.MAX_OPTIONS + 1)]
    definition["steps"][0]["fields"].append(
        {"key": "kind", "type": "choice", "label": "类别", "options": options}
    )
    assert "选项太多" in refused(definition)["steps[0].fields[2].options"]


def test_a_condition_nested_too_deeply():
    deep: dict = {"var": "amount"}
    for _ in range(limits.MAX_DEPTH + 2):
        deep = {"!": [deep]}
    definition = copy.deepcopy(EXAMPLE)
    definition["steps"][0]["fields"][0]["visible_when"] = deep
    assert "嵌套太深" in refused(definition)["steps[0].fields[0].visible_when"]


def test_a_definition_too_large_as_a_whole():
    definition = copy.deepcopy(EXAMPLE)
    definition["basis"] = ["《村民委员会组织法》" * 100] * 200
    assert "KB" in refused(definition)[""]


def test_the_api_refuses_an_oversized_definition_with_a_422(client, world, api_token, make_user):
    admin = make_user("limits-admin", (world.a1, "township_admin"))
    definition = copy.deepcopy(EXAMPLE)
    definition["steps"] = definition["steps"] * 20
    response = client.post("/api/v1/t/town-a1/items", json=definition, headers=api_token(admin))
    assert response.status_code == 422
    assert "大小限制" in response.json["error"]["message"]
    assert "steps" in response.json["error"]["fields"]
