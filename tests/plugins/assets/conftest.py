"""Starting asset cases through the API and driving them to their end with chosen data."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import utcnow
from core.testing.cases import sample_data
from core.workflow.models import Notice
from formbuilder.definitions import expand_steps, load_item_definition
from plugins.assets.items import ITEMS

STEPS = {
    item["key"]: {s["key"]: s for s in expand_steps(load_item_definition(item))} for item in ITEMS
}


@pytest.fixture
def people(make_user, world):
    """``people(role)``: one holder of ``role`` for 甲一村 (or its township)."""
    made = {}

    def holder(role: str):
        if role not in made:
            where = (world.a1, role)
            if role.startswith("village_"):
                where += (world.villages.a1x,)
            made[role] = make_user(f"asset-{role}", where)
        return made[role]

    return holder


@pytest.fixture
def start(client, api_token, people, world):
    """``start(item_key, **data)`` starts a case in 甲一村 with valid data for its first step
    (``data`` overrides) and returns the case JSON."""

    def run(key: str, **data) -> dict:
        step = next(iter(STEPS[key].values()))
        response = client.post(
            "/api/v1/t/town-a1/cases",
            headers=api_token(people(step["role"])),
            json={
                "item": key,
                "village": world.villages.a1x.code,
                "data": sample_data(step) | data,
            },
        )
        assert response.status_code == 201, response.json
        return response.json

    return run


@pytest.fixture
def drive(client, api_token, people, sess):
    """``drive(case, {step: data})`` completes the case's steps in turn with valid data,
    ``data`` overriding it for the steps named, letting notices run out; returns its JSON."""

    def run(case: dict, overrides: dict | None = None) -> dict:
        overrides = overrides or {}
        url = f"/api/v1/t/town-a1/cases/{case['id']}"
        for _ in range(40):
            state = client.get(url, headers=api_token(people("township_admin"))).json
            if state["status"] == "completed":
                return state
            key = state["active_steps"][0]
            step = STEPS[state["item"]][key]
            if step["kind"] == "notice":
                notice = sess.scalar(
                    select(Notice).where(Notice.case_id == case["id"], Notice.status == "open")
                )
                notice.ends_at = utcnow() - timedelta(seconds=1)
                sess.commit()
            data = sample_data(step) | overrides.get(key, {})
            response = client.post(
                f"{url}/steps/{key}", json={"data": data}, headers=api_token(people(step["role"]))
            )
            assert response.status_code == 200, (key, response.json)
        raise AssertionError(f"case {case['id']} did not finish")

    return run
