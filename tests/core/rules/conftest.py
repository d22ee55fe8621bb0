"""The workflow's fixtures (the example item, its people, the API caller) and rule helpers."""

import json

import pytest
from sqlalchemy import select

from core.rules.models import Warning
from core.workflow.models import Case, StepRun
from core.workflow.sweep import sweep
from tests.core.workflow import conftest as workflow

# the workflow's fixtures, shared with the rules' tests
api, meeting_ok, start, works = workflow.api, workflow.meeting_ok, workflow.start, workflow.works


@pytest.fixture
def run_sweep(app):
    """``run_sweep(now=None)`` sweeps every tenant as the periodic sweep would."""

    def run(now=None):
        with app.app_context():
            return sweep(app.extensions["qingdan.sessionmaker"], now)

    return run


@pytest.fixture
def warnings(sess):
    """``warnings(rule)``: the warnings of ``rule`` (every rule's if None), oldest first."""

    def find(rule=None):
        sess.expire_all()
        query = select(Warning).order_by(Warning.id)
        if rule:
            query = query.where(Warning.rule == rule)
        return sess.scalars(query).all()

    return find


@pytest.fixture
def complete(api):
    def run(user, case_id, step, data=None, status=200):
        response = api(user).post(f"/cases/{case_id}/steps/{step}", {"data": data or {}})
        assert response.status_code == status, response.json
        return response.json

    return run


@pytest.fixture
def to_council(works, complete):
    """``to_council(case)``: approve and countersign the started case; its meeting is next."""

    def run(case):
        p = works.people
        complete(p.reviewer, case["id"], "review", {"decision": "approve"})
        complete(p.secretary, case["id"], "sign", {"role": "village_secretary"})
        complete(p.director, case["id"], "sign", {"role": "village_director"})
        return case

    return run


@pytest.fixture
def to_notice(works, start, to_council, complete, meeting_ok):
    """A case whose result notice (5 days) is running."""

    def run():
        case = to_council(start())
        complete(works.people.director, case["id"], "council", meeting_ok)
        return case

    return run


@pytest.fixture
def run_of(sess):
    def find(case_id, step_key):
        sess.expire_all()
        return sess.scalars(
            select(StepRun)
            .where(StepRun.case_id == case_id, StepRun.step_key == step_key)
            .order_by(StepRun.id.desc())
        ).first()

    return find


@pytest.fixture
def case_of(sess):
    def find(case_id):
        sess.expire_all()
        return sess.get(Case, case_id)

    return find


@pytest.fixture
def lax_item(sess, works, world, api):
    """``local.lax_lights``: the example item with no quorum on its council meeting and no
    ``distinct_from`` on its review — definitions the engine cannot hold to the defaults.

    :return: ``start(user=None, **data)`` for a case of it, its first step done.
    """
    from core.catalog.operations import create_item, publish

    definition = json.loads(workflow.EXAMPLE.read_text("utf-8"))
    definition.update(key="local.lax_lights", name="路灯安装（简易）")
    for step in definition["steps"]:
        if step["key"] == "council":
            del step["quorum"]
        if step["key"] == "review":
            step["distinct_from"] = []
    publish(sess, create_item(sess, world.a, definition, origin="county", actor_id=None))
    sess.commit()

    def start_lax(user=None):
        response = api(user or works.people.committee).post(
            "/cases",
            {
                "item": "local.lax_lights",
                "village": works.village.code,
                "data": {"amount": "12000.00", "purpose": "村口路灯"},
            },
        )
        assert response.status_code == 201, response.json
        return response.json

    return start_lax
