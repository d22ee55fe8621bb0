"""Running a case to the end through the API with generated valid data.

``run_to_completion`` is how a plugin proves every default procedure it ships can actually be
completed: it acts as someone holding each step's role (creating such a person when the
village has none), fills each form with values its field types accept, records meetings that
pass, signs countersigns with distinct people, approves, and lets notices run out.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from itertools import count
from math import floor

from sqlalchemy import select

from core.db import utcnow
from core.workflow.models import Case, Notice
from core.workflow.roles import holders

#: a valid resident ID number (GB 11643 check digit included)
SAMPLE_ID = "11010519491231002X"
_people = count(1)


def sample_value(field: dict):
    """A value ``field``'s type accepts, within its limits; None for what holds no input."""
    kind = field.get("type")
    low, high = field.get("min"), field.get("max")
    if kind in ("text", "textarea"):
        return "测试内容"
    if kind == "integer":
        return int(low if low is not None else (high if high is not None and high < 1 else 1))
    if kind in ("decimal", "money"):
        value = low if low is not None else min(high, 1000) if high is not None else 1000
        return f"{float(value):.2f}"
    if kind == "date":
        return date.today().isoformat()
    if kind == "datetime":
        return utcnow().replace(microsecond=0).isoformat()
    if kind == "choice":
        return field["options"][0]["value"]
    if kind == "multichoice":
        return [field["options"][0]["value"]]
    if kind == "boolean":
        return True
    if kind == "id_number":
        return SAMPLE_ID
    if kind == "phone":
        return "13800138000"
    if kind == "person":
        return {"name": "张三", "id_number": SAMPLE_ID}
    if kind == "attachment":
        return {"id": "1", "name": "材料.pdf", "content_type": "application/pdf", "size": 1024}
    if kind == "table":
        rows = max(field.get("min_rows") or 1, 1)
        return [
            {c["key"]: sample_value(c) for c in field["columns"] if c.get("type") != "section"}
            for _ in range(rows)
        ]
    if kind == "vote":
        return {"expected": 10, "present": 9, "for": 8, "against": 1, "abstain": 0}
    if kind == "signature":
        return {"confirmed": True}
    return None


def sample_data(step: dict) -> dict:
    """Values for every field of ``step`` that takes input (hidden ones are dropped by the
    server anyway), plus what the step's kind records."""
    data = {}
    for field in step.get("fields") or ():
        value = sample_value(field)
        if value is not None:
            data[field["key"]] = value
    if step["kind"] == "meeting":
        data |= passing_tally(step)
    if step["kind"] == "approval":
        data |= {"decision": "approve", "comment": "同意"}
    return data


def passing_tally(step: dict, expected: int = 30) -> dict:
    """Everyone attends and everyone votes for: passes any quorum and majority."""
    share = Fraction(step.get("majority") or "1/2")
    assert floor(share * expected) < expected
    return {"expected": expected, "present": expected, "for": expected, "against": 0, "abstain": 0}


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
