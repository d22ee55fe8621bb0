"""Fixtures for the case pages: submitting page forms as a browser does, and moving a case
along through the API to the step a test is about."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import utcnow
from core.testing import csrf_token
from core.workflow.models import Notice

TOWN = "/t/town-a1"


@pytest.fixture
def submit(client):
    """``submit(path, data)`` posts ``data`` as the page's form would, with the session's
    CSRF token (read from ``form_page``, default ``path``); ``via`` is another test client."""

    def post(path, data=None, form_page=None, via=None, **kwargs):
        c = via or client
        token = csrf_token(c, form_page or path)
        return c.post(path, data={"csrf_token": token, **(data or {})}, **kwargs)

    return post


@pytest.fixture
def as_user(app, login):
    """``as_user(user)``: a test client of its own, signed in as ``user``."""
    return lambda user: login(user, test_client=app.test_client())


@pytest.fixture
def step_path():
    return lambda case_id, step: f"{TOWN}/cases/{case_id}/steps/{step}"


@pytest.fixture
def complete(api):
    """Complete a step through the API (to set a case up; the pages are what is tested)."""

    def run(user, case_id, step, data=None):
        response = api(user).post(f"/cases/{case_id}/steps/{step}", {"data": data or {}})
        assert response.status_code == 200, response.json
        return response.json

    return run


@pytest.fixture
def end_notice(sess):
    """Let the open notice of a case have run its days."""

    def run(case_id):
        notice = sess.scalar(
            select(Notice).where(Notice.case_id == case_id, Notice.status == "open")
        )
        notice.ends_at = utcnow() - timedelta(seconds=1)
        sess.commit()
        return notice

    return run


@pytest.fixture
def at_final_notice(works, start, complete, meeting_ok):
    """A case under 50,000 yuan taken to its result notice (结果公示)."""

    def run():
        p = works.people
        case = start()
        complete(p.reviewer, case["id"], "review", {"decision": "approve"})
        complete(p.secretary, case["id"], "sign", {"role": "village_secretary"})
        complete(p.director, case["id"], "sign", {"role": "village_director"})
        return complete(p.director, case["id"], "council", meeting_ok)

    return run
