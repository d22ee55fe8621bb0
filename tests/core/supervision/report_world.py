"""Fixtures of the report-handling tests: supervisors at every level of county A, and
villagers' reports of township A1's villages X and Y (and of township A2) stored as the
public page would have stored them."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from core.db import utcnow
from core.public.reports import new_code
from core.supervision.models import Complaint

PHONE = "13812345678"


@pytest.fixture
def people(world, make_user):
    v = world.villages
    return SimpleNamespace(
        sup_x=make_user("sup-x", (world.a1, "village_supervisor", v.a1x)),
        sup_y=make_user("sup-y", (world.a1, "village_supervisor", v.a1y)),
        inspector=make_user("insp-a1", (world.a1, "township_inspector")),
        inspector2=make_user("insp2-a1", (world.a1, "township_inspector")),
        inspector_a2=make_user("insp-a2", (world.a2, "township_inspector")),
        county=make_user("insp-a", (world.a, "county_inspector")),
        secretary=world.users.a1_secretary,
        admin=world.users.a1_admin,
    )


@pytest.fixture
def filed(sess):
    """``filed(village, text=…, days_ago=1, due_in=9, **columns)``: a report of ``village``."""

    def make(village, text="村干部优亲厚友。", days_ago=1, due_in=9, **columns):
        received = columns.pop("created_at", utcnow() - timedelta(days=days_ago))
        complaint = Complaint(
            tenant_id=village.tenant_id,
            tracking_code=new_code(),
            kind=columns.pop("kind", "report"),
            village_id=village.id,
            text=text,
            phone=columns.pop("phone", None),
            photo_ids=columns.pop("photo_ids", []),
            status=columns.pop("status", "received"),
            created_at=received,
            due_at=columns.pop("due_at", utcnow() + timedelta(days=due_in)),
            **columns,
        )
        sess.add(complaint)
        sess.commit()
        return complaint

    return make


@pytest.fixture
def xy(filed, world):
    """A report of village X with a phone number, an anonymous one of village Y."""
    return SimpleNamespace(
        x=filed(world.villages.a1x, "甲一村的举报：鱼塘私包", phone=PHONE),
        y=filed(world.villages.a1y, "甲二村的举报：低保优亲"),
    )


@pytest.fixture
def rapi(client, api_token):
    """``rapi(user).post(report_id, action, body)`` / ``.get(path)`` on town-a1's reports."""

    class Caller:
        def __init__(self, user, slug="town-a1"):
            self.headers, self.base = api_token(user), f"/api/v1/t/{slug}/reports"

        def get(self, path=""):
            return client.get(self.base + path, headers=self.headers)

        def post(self, report_id, action, body=None):
            url = f"{self.base}/{report_id}/{action}"
            return client.post(url, json={} if body is None else body, headers=self.headers)

    return Caller


def reload(sess, complaint):
    sess.expire_all()
    return sess.get(Complaint, complaint.id)


@pytest.fixture
def started(app, sess, world):
    """``started(title)``: a case of the example item in village X of township A1."""
    import json
    from pathlib import Path

    from core.catalog.operations import create_item, publish
    from core.workflow.cases import start_case

    example = Path(__file__).parents[2] / "formbuilder" / "test_definitions_example.json"
    definition = json.loads(example.read_text("utf-8"))
    definition["steps"][0]["role"] = "village_secretary"
    publish(sess, create_item(sess, world.a, definition, origin="county", actor_id=None))
    sess.commit()

    def start(title="鱼塘发包"):
        with app.app_context():
            case = start_case(
                sess,
                app.extensions["qingdan.plugins"],
                world.a1,
                world.villages.a1x,
                definition["key"],
                world.users.a1_secretary,
                title=title,
            )
        sess.commit()
        return case

    return start
