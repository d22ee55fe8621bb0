"""A township village with a running notice on a case full of personal data, public and not."""

from types import SimpleNamespace

import pytest

from tests.core.public.seed import DEFINITION, case_data


@pytest.fixture
def village_world(sess, world, make_user, api_token, client):
    """Township A1 with ``local.help`` in force; ``start()`` files a case in village X whose
    first step is done, so its result notice is running."""
    from core.catalog.operations import create_item, publish

    item = create_item(sess, world.a, DEFINITION, origin="county", actor_id=None)
    publish(sess, item)
    village = world.villages.a1x
    committee = make_user("committee", (world.a1, "village_committee", village))
    make_user("supervisor", (world.a1, "village_supervisor", village))
    make_user("inspector", (world.a1, "township_inspector"))
    sess.commit()
    headers = api_token(committee)

    def start(title: str = "", data: dict | None = None) -> dict:
        response = client.post(
            "/api/v1/t/town-a1/cases",
            json={
                "item": "local.help",
                "village": village.code,
                "title": title,
                "data": case_data() if data is None else data,
            },
            headers=headers,
        )
        assert response.status_code == 201, response.json
        return response.json

    return SimpleNamespace(
        tenant=world.a1,
        village=village,
        item=item,
        start=start,
        world=world,
        url=f"/p/town-a1/{village.code}",
    )
