"""Starting personnel cases in village X of township A1 through the API."""

import pytest

from core.testing.cases import sample_data
from plugins.personnel.items import ITEMS

BY_KEY = {item["key"]: item for item in ITEMS}


@pytest.fixture
def start(client, api_token, make_user, world):
    """``start(item_key, **overrides)``: a new case whose first step is done with sample data
    and the overrides, by a fresh holder of the first step's role; returns the case JSON."""

    def run(key: str, **overrides):
        first = BY_KEY[key]["steps"][0]
        user = make_user(None, (world.a1, first["role"], world.villages.a1x))
        response = client.post(
            "/api/v1/t/town-a1/cases",
            json={
                "item": key,
                "village": world.villages.a1x.code,
                "data": sample_data(first) | overrides,
            },
            headers=api_token(user),
        )
        assert response.status_code == 201, response.json
        return response.json

    return run
