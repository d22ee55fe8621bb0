"""Cases end to end through the API, and the clerk's actions: return, withdraw, transfer, 代办."""

from datetime import timedelta

from sqlalchemy import select

from core.db import utcnow
from core.workflow.models import Case, Notice


def complete(api, user, case_id, step, data=None, status=200):
    response = api(user).post(f"/cases/{case_id}/steps/{step}", {"data": data or {}})
    assert response.status_code == status, response.json
    return response.json


def test_a_four_deliberations_case_runs_end_to_end(api, works, start, sess, meeting_ok):
    p = works.people
    case = start("80000.00")
    cid = case["id"]
    complete(api, p.secretary, cid, "deliberate.propose")
    complete(
        api,
        p.secretary,
        cid,
        "deliberate.discuss",
        {"expected": 9, "present": 9, "for": 7, "against": 1, "abstain": 1},
    )
    complete(
        api,
        p.secretary,
        cid,
        "deliberate.review",
        {"expected": 40, "present": 30, "for": 25, "against": 3, "abstain": 2},
    )
    state = complete(api, p.director, cid, "deliberate.resolve", meeting_ok)
    assert state["active_steps"] == ["deliberate.publish_resolution"]
    for step in ("deliberate.publish_resolution", "deliberate.publish_results"):
        notice = sess.scalar(select(Notice).where(Notice.case_id == cid, Notice.status == "open"))
        assert notice.published == [
            {"key": "amount", "label": "金额（元）", "text": "80,000.00 元"}
        ]
        notice.ends_at = utcnow() - timedelta(seconds=1)
        sess.commit()
        state = complete(api, p.director, cid, step)
    assert state["active_steps"] == ["review"]
    complete(api, p.reviewer, cid, "review", {"decision": "approve"})
    complete(api, p.secretary, cid, "sign", {"role": "village_secretary"})
    complete(api, p.director, cid, "sign", {"role": "village_director"})
    complete(api, p.director, cid, "council", meeting_ok)
    notice = sess.scalar(select(Notice).where(Notice.case_id == cid, Notice.status == "open"))
    notice.ends_at = utcnow() - timedelta(seconds=1)
    sess.commit()
    done = complete(api, p.director, cid, "notice")
    assert done["status"] == "completed"
    assert done["active_steps"] == []
    assert [s["status"] for s in done["steps"]] == ["completed"] * 11


def test_an_approval_return_sends_the_case_back(api, works, start):
    case = start()
    back = complete(
        api,
        works.people.reviewer,
        case["id"],
        "review",
        {"decision": "return", "comment": "金额与预算不符"},
    )
    assert back["status"] == "returned"
    assert back["active_steps"] == ["apply"]
    again = complete(
        api,
        works.people.committee,
        case["id"],
        "apply",
        {"amount": "11000.00", "purpose": "村口路灯"},
    )
    assert again["status"] == "open"
    assert again["active_steps"] == ["review"]
    assert again["data"]["amount"] == "11000.00"


def test_a_return_needs_a_comment(api, works, start):
    case = start()
    response = api(works.people.reviewer).post(
        f"/cases/{case['id']}/steps/review", {"data": {"decision": "return"}}
    )
    assert response.status_code == 422
    assert "理由" in response.json["error"]["message"]


def test_the_holder_returns_the_case_to_an_earlier_step(api, works, start):
    case = start()
    response = api(works.people.reviewer).post(
        f"/cases/{case['id']}/return", {"to_step": "apply", "reason": "材料不全"}
    )
    assert response.status_code == 200
    assert response.json["active_steps"] == ["apply"]


def test_withdraw_by_the_starter_with_a_reason(api, works, start):
    case = start()
    assert (
        api(works.people.committee)
        .post(f"/cases/{case['id']}/withdraw", {"reason": ""})
        .status_code
        == 422
    )
    response = api(works.people.committee).post(
        f"/cases/{case['id']}/withdraw", {"reason": "项目取消"}
    )
    assert response.json["status"] == "withdrawn"
    again = api(works.people.reviewer).post(
        f"/cases/{case['id']}/steps/review", {"data": {"decision": "approve"}}
    )
    assert again.status_code == 409


def test_someone_else_cannot_withdraw(api, works, start):
    case = start()
    response = api(works.people.secretary).post(
        f"/cases/{case['id']}/withdraw", {"reason": "不想办了"}
    )
    assert response.status_code == 403


def test_transfer_hands_the_step_to_another_holder(api, works, start, make_user, world):
    second = make_user("second-admin", (world.a1, "township_admin"))
    case = start()
    response = api(works.people.reviewer).post(
        f"/cases/{case['id']}/steps/review/transfer", {"to_user": "second-admin"}
    )
    assert response.status_code == 200
    blocked = api(works.people.reviewer).post(
        f"/cases/{case['id']}/steps/review", {"data": {"decision": "approve"}}
    )
    assert blocked.status_code == 403
    assert "转办" in blocked.json["error"]["message"]
    complete(api, second, case["id"], "review", {"decision": "approve"})


def test_transfer_to_someone_without_the_role_is_refused(api, works, start):
    case = start()
    response = api(works.people.reviewer).post(
        f"/cases/{case['id']}/steps/review/transfer", {"to_user": "director"}
    )
    assert response.status_code == 422


def test_filing_on_behalf_of_a_villager_is_recorded(api, works, sess):
    response = api(works.people.committee).post(
        "/cases",
        {
            "item": "local.street_lights",
            "village": works.village.code,
            "data": {"amount": "3000.00"},
            "on_behalf_of": {"name": "王大爷"},
        },
    )
    assert response.status_code == 201
    case = sess.get(Case, response.json["id"])
    assert case.runs[0].on_behalf_of == {"name": "王大爷", "id_number": None}


def test_a_resubmitted_request_does_not_complete_twice(api, works, start):
    case = start()
    headers = {"Idempotency-Key": "req-1"}
    caller = api(works.people.reviewer)
    first = caller.post(
        f"/cases/{case['id']}/steps/review", {"data": {"decision": "approve"}}, **headers
    )
    second = caller.post(
        f"/cases/{case['id']}/steps/review", {"data": {"decision": "approve"}}, **headers
    )
    assert first.status_code == second.status_code == 200
    assert second.json == first.json
    assert [s["key"] for s in second.json["steps"]].count("review") == 1


def test_another_townships_case_answers_404(api, works, start, world, client, api_token):
    case = start()
    headers = api_token(world.users.a2_admin)
    foreign = client.get(f"/api/v1/t/town-a2/cases/{case['id']}", headers=headers)
    missing = client.get("/api/v1/t/town-a2/cases/999999", headers=headers)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json == missing.json


def test_the_case_pins_its_version(api, works, start, sess, definition_with_new_notice_days):
    case = start()
    definition_with_new_notice_days()
    state = api(works.people.reviewer).get(f"/cases/{case['id']}").json
    assert state["version"] == 1


def test_the_first_step_is_due_in_working_days(api, works, sess):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    response = api(works.people.committee).post(
        "/cases", {"item": "local.street_lights", "village": works.village.code}
    )
    run = sess.get(Case, response.json["id"]).runs[0]
    local_start = run.started_at.astimezone(ZoneInfo("Asia/Shanghai"))
    local_due = run.due_at.astimezone(ZoneInfo("Asia/Shanghai"))
    assert (local_due.hour, local_due.minute) == (23, 59)
    assert (local_due.date() - local_start.date()).days >= 5
    assert isinstance(local_due, datetime)


def test_run_case_drives_any_item_to_its_end(start, run_case):
    case = start("90000.00")
    final = run_case(case["id"], "town-a1")
    assert final["status"] == "completed"
    assert len(final["steps"]) == 11
