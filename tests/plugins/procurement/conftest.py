"""Starting procurement cases through the API, as the holder of their first step's role."""

import pytest

from core.testing.cases import sample_data
from formbuilder.definitions import load_item_definition
from plugins.procurement.items import ITEMS

DEFINITIONS = {item["key"]: item for item in ITEMS}


def first_step(key: str) -> dict:
    return load_item_definition(DEFINITIONS[key])["steps"][0]


@pytest.fixture
def start(client, api_token, make_user, world):
    """``start(item_key, **data)`` starts a case in 甲一村 of town-a1 with valid data for its
    first step (``data`` overrides) and returns the case JSON."""
    starters = {}

    def run(key: str, **data) -> dict:
        step = first_step(key)
        role = step["role"]
        if role not in starters:
            starters[role] = make_user(f"starter-{role}", (world.a1, role, world.villages.a1x))
        response = client.post(
            "/api/v1/t/town-a1/cases",
            headers=api_token(starters[role]),
            json={
                "item": key,
                "village": world.villages.a1x.code,
                "data": sample_data(step) | data,
            },
        )
        assert response.status_code == 201, response.json
        return response.json

    return run
