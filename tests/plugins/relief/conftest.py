"""Relief cases in village X of township A1, driven through the API, and ledger rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core import settings
from core.db import utcnow
from core.testing.cases import sample_data
from core.workflow import process
from core.workflow.models import Case, Notice
from plugins.relief.items import ITEMS
from plugins.relief.models import ReliefRecipient

BY_KEY = {item["key"]: item for item in ITEMS}
SLUG = "town-a1"


@pytest.fixture
def start(client, api_token, make_user, world):
    """``start(item_key, **first_step_data)``: a new case in village X whose first step is
    done with sample data and the overrides; returns the case JSON."""

    def run(key: str, **overrides):
        first = BY_KEY[key]["steps"][0]
        user = make_user(None, (world.a1, first["role"], world.villages.a1x))
        response = client.post(
            f"/api/v1/t/{SLUG}/cases",
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


@pytest.fixture
def drive(client, sess, api_token, make_user, world):
    """``drive(case_id, until=step_key, data={step_key: overrides})``: complete the case's
    steps with sample data (and the overrides) by fresh holders of each role, letting notices
    run out, until ``until`` is active or the case is closed; returns the ``Case``."""

    def holder(role: str):
        village = () if role.startswith("township") else (world.villages.a1x,)
        return make_user(None, (world.a1, role, *village))

    def post(case_id: int, key: str, user, data: dict) -> None:
        response = client.post(
            f"/api/v1/t/{SLUG}/cases/{case_id}/steps/{key}",
            json={"data": data},
            headers=api_token(user),
        )
        assert response.status_code == 200, (key, response.json)

    def run(case_id: int, until: str | None = None, data: dict | None = None) -> Case:
        for _ in range(60):
            sess.expire_all()
            case = sess.get(Case, case_id)
            active = [r.step_key for r in case.active_runs]
            if case.status in ("completed", "withdrawn") or until in active:
                return case
            key = active[0]
            step = process.step(case, key)
            if step["kind"] == "countersign":
                for role in step["roles"]:
                    post(case_id, key, holder(role), {"role": role})
                continue
            if step["kind"] == "notice":
                notice = sess.query(Notice).filter_by(case_id=case_id, status="open").one()
                notice.ends_at = utcnow() - timedelta(seconds=1)
                sess.commit()
            post(case_id, key, holder(step["role"]), sample_data(step) | (data or {}).get(key, {}))
        raise AssertionError(f"case {case_id} did not reach {until}")

    return run


@pytest.fixture
def add_recipient(sess, world):
    """``add_recipient(id_number, **values)``: a ledger row of township A1 (village X, 低保
    from 2026-01-01, open-ended, unless the values say otherwise)."""

    def add(number: str, **values) -> ReliefRecipient:
        row = ReliefRecipient(
            tenant_id=world.a1.id,
            village_id=values.pop("village", world.villages.a1x).id,
            head_name=values.pop("head_name", "王小明"),
            id_number=number,
            household_size=values.pop("household_size", 3),
            benefit=values.pop("benefit", "dibao"),
            amount=Decimal(values.pop("amount", "600.00")),
            starts_on=values.pop("starts_on", date(2026, 1, 1)),
            **values,
        )
        sess.add(row)
        sess.commit()
        return row

    return add


@pytest.fixture
def set_local(app, sess, world):
    """``set_local(key, value)``: township A1's own value of a local figure."""

    def put(key: str, value) -> None:
        with app.app_context():
            settings.save_values(sess, world.a1, {key: str(value)})
        sess.commit()

    return put
