"""Running a case to the end through the API with generated valid data.

``run_to_completion`` is how a plugin proves every default procedure it ships can actually be
completed: it acts as someone holding each step's role (creating such a person when the
village has none), fills each form with values its field types accept, records meetings that
pass, signs countersigns with distinct people, approves, and lets notices run out.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from sqlalchemy import select

from core.db import utcnow
from core.workflow.models import Case, Notice
from core.workflow.roles import holders
from core.workflow.samples import SAMPLE_ID, passing_tally, sample_data, sample_value

_people = count(1)

__all__ = ["SAMPLE_ID", "passing_tally", "run_to_completion", "sample_data", "sample_value"]


def run_to_completion(
    client, sess, case_id: int, slug: str, token_for, make_user, max_actions: int = 200
) -> dict:
    """Drive case ``case_id`` through the API until it is completed; return its JSON.

    ``token_for(user)`` gives bearer headers; ``make_user(name, (tenant, role, village?))``
    makes a person for a role nobody holds yet.
    """
    state: dict = {}
    for _ in range(max_actions):
        state = client.get(
            f"/api/v1/t/{slug}/cases/{case_id}", headers=_any(token_for, sess, case_id)
        ).json
        if state["status"] in ("completed", "withdrawn"):
            return state
        for key in state["active_steps"]:
            _act(client, sess, case_id, slug, key, token_for, make_user)
    raise AssertionError(f"case {case_id} did not finish: {state}")


def _act(client, sess, case_id, slug, key, token_for, make_user) -> None:
    sess.expire_all()
    case = sess.get(Case, case_id)
    step = next(s for s in case.process.steps if s["key"] == key)
    url = f"/api/v1/t/{slug}/cases/{case_id}/steps/{key}"
    if step["kind"] == "notice":
        notice = sess.scalar(
            select(Notice).where(Notice.case_id == case_id, Notice.status == "open")
        )
        notice.ends_at = utcnow() - timedelta(seconds=1)
        sess.commit()
    if step["kind"] == "countersign":
        signed = {
            s["role"]
            for run in case.runs
            if run.step_key == key and run.status == "active"
            for s in run.signatures or ()
        }
        for role in step["roles"]:
            if role not in signed:
                user = _fresh_holder(sess, case, role, make_user)
                response = client.post(url, json={"data": {"role": role}}, headers=token_for(user))
                assert response.status_code == 200, response.json
        return
    actors = {run.actor_id for run in case.runs if run.actor_id}
    user = _holder(
        sess, case, step["role"], make_user, avoid=actors if step["kind"] == "approval" else set()
    )
    response = client.post(url, json={"data": sample_data(step)}, headers=token_for(user))
    assert response.status_code == 200, (key, response.json)


def _holder(sess, case, role, make_user, avoid=frozenset()):
    from core.auth.models import User

    ids = holders(sess, case.tenant_id, case.village_id, role) - set(avoid)
    if ids:
        return sess.get(User, min(ids))
    return _fresh_holder(sess, case, role, make_user)


def _fresh_holder(sess, case, role, make_user):
    """A new person holding ``role`` where the case runs, so countersigns get distinct people."""
    from core.auth.models import Role
    from tenants.models import Tenant, Village

    tenant = sess.get(Tenant, case.tenant_id)
    level = sess.get(Role, role).level
    where = (
        (tenant, role, sess.get(Village, case.village_id)) if level == "village" else (tenant, role)
    )
    return make_user(f"auto-{role}-{next(_people)}", where)


def _any(token_for, sess, case_id):
    """Headers of someone who may read the case: its starter."""
    from core.auth.models import User

    case = sess.get(Case, case_id)
    return token_for(sess.get(User, case.created_by_id))
