"""A township with one person per village role, and helpers to drive cases through the API.

The transparency tests import these fixtures too.
"""

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from core.rules.models import Warning
from core.workflow.sweep import sweep

ROLES = (
    "village_secretary",
    "village_director",
    "village_committee",
    "village_accountant",
    "village_supervisor",
)


@pytest.fixture
def town(sess, world, make_user):
    """Township A1 and its village X, with a person for each village role and an admin."""
    village = world.villages.a1x
    people = {
        role.removeprefix("village_"): make_user(f"x-{role}", (world.a1, role, village))
        for role in ROLES
    }
    return SimpleNamespace(
        tenant=world.a1,
        county=world.a,
        village=village,
        other=world.villages.a1y,
        admin=world.users.a1_admin,
        people=SimpleNamespace(**people),
        world=world,
    )


@pytest.fixture
def call(client, api_token, town):
    """``call(user, "post", "/cases", body)`` against township A1's API."""

    def request(user, method, path, body=None):
        headers = api_token(user)
        url = f"/api/v1/t/{town.tenant.slug}{path}"
        if method == "get":
            return client.get(url, headers=headers)
        return client.post(url, json=body or {}, headers=headers)

    return request


@pytest.fixture
def start(call, town):
    """``start(item, user, data=None)``: a case of ``item`` in village X; with ``data`` its
    first step is done at once."""

    def run(item, user, data=None, village=None):
        body = {"item": item, "village": (village or town.village).code}
        if data is not None:
            body["data"] = data
        response = call(user, "post", "/cases", body)
        assert response.status_code == 201, response.json
        return response.json

    return run


@pytest.fixture
def step(call):
    """``step(user, case_id, key, data)``: complete the active step ``key``."""

    def run(user, case_id, key, data=None, status=200):
        response = call(user, "post", f"/cases/{case_id}/steps/{key}", {"data": data or {}})
        assert response.status_code == status, response.json
        return response.json

    return run


@pytest.fixture
def run_sweep(app):
    """``run_sweep(now=None)``: the periodic sweep over every tenant."""

    def run(now=None):
        with app.app_context():
            return sweep(app.extensions["qingdan.sessionmaker"], now)

    return run


@pytest.fixture
def warnings(sess):
    """``warnings(rule)``: the rule's warnings, oldest first."""

    def find(rule):
        sess.expire_all()
        return sess.scalars(select(Warning).where(Warning.rule == rule).order_by(Warning.id)).all()

    return find


@pytest.fixture
def ledger(client, login, town):
    """``ledger.sheet(columns, rows)``: an xlsx of ``rows`` under the columns' labels;
    ``ledger.upload(page, data, user=None)``: import it on ``page`` (the township admin's)."""
    import io

    from openpyxl import Workbook

    from core.testing import csrf_token

    def sheet(columns, rows):
        book = Workbook()
        for row in [{c["key"]: c["label"] for c in columns}, *rows]:
            book.active.append([row.get(c["key"]) for c in columns])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def upload(page, data, user=None):
        login(user or town.admin)
        return client.post(
            f"{page}/import",
            data={"csrf_token": csrf_token(client, page), "file": (io.BytesIO(data), "t.xlsx")},
            content_type="multipart/form-data",
        )

    return SimpleNamespace(sheet=sheet, upload=upload)
