import json
from pathlib import Path
from types import SimpleNamespace

import pytest

EXAMPLE = Path(__file__).parents[2] / "formbuilder" / "test_definitions_example.json"


@pytest.fixture
def meeting_ok():
    """A tally that meets a 2/3 quorum and a majority of those present."""
    return {"expected": 30, "present": 25, "for": 20, "against": 3, "abstain": 2}


@pytest.fixture
def works(sess, world, make_user):
    """Township A1 with the example item in force and a person for every role of village X.

    The item: apply (village committee) → ≥ 50,000 yuan: 四议两公开 → township review
    (approval, not by the applicant) → countersign (secretary + director) → representatives'
    meeting → result notice (5 days).
    """
    from core.catalog.operations import create_item, publish

    item = create_item(
        sess, world.a, json.loads(EXAMPLE.read_text("utf-8")), origin="county", actor_id=None
    )
    publish(sess, item)
    village = world.villages.a1x
    people = SimpleNamespace(
        committee=make_user("committee", (world.a1, "village_committee", village)),
        secretary=world.users.a1_secretary,
        director=make_user("director", (world.a1, "village_director", village)),
        reviewer=world.users.a1_admin,
        # a committee member who is also a township admin: may not approve their own matter
        both=make_user(
            "both", (world.a1, "village_committee", village), (world.a1, "township_admin")
        ),
        outsider=make_user("outsider", (world.a1, "village_committee", world.villages.a1y)),
    )
    sess.commit()
    return SimpleNamespace(item=item, village=village, people=people, tenant=world.a1)


@pytest.fixture
def api(client, api_token):
    """``api(user).post(path, json)`` with the user's bearer token."""

    class Caller:
        def __init__(self, user):
            self.headers = api_token(user)

        def post(self, path, body=None, **headers):
            return client.post(
                f"/api/v1/t/town-a1{path}", json=body or {}, headers={**self.headers, **headers}
            )

        def get(self, path):
            return client.get(f"/api/v1/t/town-a1{path}", headers=self.headers)

    return Caller


@pytest.fixture
def start(api, works):
    """Start a case of the example item in village X as the committee member."""

    def run(amount="12000.00", user=None):
        response = api(user or works.people.committee).post(
            "/cases",
            {
                "item": "local.street_lights",
                "village": works.village.code,
                "data": {"amount": amount, "purpose": "村口路灯"},
            },
        )
        assert response.status_code == 201, response.json
        return response.json

    return run


@pytest.fixture
def definition_with_new_notice_days(sess, works):
    """Publish version 2 of the example item with a 7-day result notice."""
    from core.catalog import operations as ops

    def publish_v2():
        definition = ops.definition_of(works.item.published)
        definition["steps"][-1]["notice_days"] = 7
        ops.save_draft(sess, works.item, definition, actor_id=None)
        ops.publish(sess, works.item)
        sess.commit()

    return publish_v2
