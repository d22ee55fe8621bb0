"""Acting on warnings through the API: acknowledge, assign, comment, resolve and dismiss with a
reason, and the review of a dismissal by the level above — each permission-checked, recorded
in the warning's history and audited."""

import pytest

from core.errors import Forbidden
from tests.core.supervision.warning_world import audited, events, people, reload, stored, wapi, xy

__all__ = ["people", "stored", "wapi", "xy"]  # fixtures


def test_acknowledging_puts_the_warning_in_hand_and_is_recorded(wapi, people, xy, sess):
    response = wapi(people.sup_x).post(xy.x.id, "acknowledge")
    assert response.status_code == 200, response.json
    assert (response.json["status"], response.json["status_label"]) == ("acknowledged", "处理中")
    assert [e["kind"] for e in response.json["events"]] == ["acknowledged"]
    assert response.json["events"][0]["actor"]["username"] == "sup-x"
    assert audited(sess, xy.x) == ["warning.acknowledged"]


def test_acknowledging_twice_is_a_conflict(wapi, people, xy):
    wapi(people.sup_x).post(xy.x.id, "acknowledge")
    response = wapi(people.inspector).post(xy.x.id, "acknowledge")
    assert response.status_code == 409
    assert response.json["error"]["message"] == "只有待处理的预警可以签收。"


def test_a_warning_is_assigned_to_a_supervisor_who_may_act_on_it(wapi, people, xy, sess):
    response = wapi(people.inspector).post(xy.x.id, "assign", {"to_user": "sup-x"})
    assert response.status_code == 200, response.json
    assert response.json["assigned_to"]["username"] == "sup-x"
    assert response.json["status"] == "acknowledged"
    assert events(sess, xy.x) == ["assigned"]


def test_assigning_to_someone_who_cannot_act_on_it_is_refused(wapi, people, xy):
    for username in ("sup-y", "a1-secretary", "insp-a2", "nobody-at-all"):
        response = wapi(people.inspector).post(xy.x.id, "assign", {"to_user": username})
        assert response.status_code == 422, username
        assert response.json["error"]["fields"] == {
            "to_user": "找不到该用户，或其不是能办理此预警的监督人员。"
        }


def test_a_comment_is_kept_in_the_history(wapi, people, xy, sess):
    response = wapi(people.sup_x).post(
        xy.x.id, "comment", {"text": "已电话询问村主任。\n明天回复。"}
    )
    assert response.status_code == 200
    assert response.json["events"][-1]["text"] == "已电话询问村主任。\n明天回复。"
    assert reload(sess, xy.x).status == "open"
    assert audited(sess, xy.x) == ["warning.commented"]


def test_resolving_needs_a_reason(wapi, people, xy, sess):
    for body in ({}, {"reason": "   "}):
        response = wapi(people.sup_x).post(xy.x.id, "resolve", body)
        assert response.status_code == 422
        assert "reason" in response.json["error"]["fields"]
    assert reload(sess, xy.x).status == "open"


def test_resolving_records_who_and_why(wapi, people, xy, sess):
    response = wapi(people.sup_x).post(xy.x.id, "resolve", {"reason": "已督促补办公示"})
    assert response.status_code == 200
    warning = reload(sess, xy.x)
    assert (warning.status, warning.decision_reason, warning.decided_by_id) == (
        "resolved",
        "已督促补办公示",
        people.sup_x.id,
    )
    assert warning.review_level is None
    assert audited(sess, xy.x) == ["warning.resolved"]
    assert wapi(people.sup_x).post(xy.x.id, "dismiss", {"reason": "再排除"}).status_code == 409


def test_dismissing_needs_a_reason(wapi, people, xy):
    response = wapi(people.sup_x).post(xy.x.id, "dismiss", {"reason": ""})
    assert response.status_code == 422
    assert response.json["error"]["fields"]["reason"] == "请填写排除理由：为什么该预警不成立。"


def test_a_village_dismissal_is_reviewed_by_the_township(wapi, people, xy, sess):
    response = wapi(people.sup_x).post(xy.x.id, "dismiss", {"reason": "该环节已线下完成"})
    assert response.json["review_level"] == "township"
    refused = wapi(people.county).post(xy.x.id, "review", {"decision": "uphold"})
    assert refused.status_code == 403
    assert refused.json["error"]["message"] == "该排除决定应由乡镇纪委复核。"
    upheld = wapi(people.inspector).post(xy.x.id, "review", {"decision": "uphold"})
    assert upheld.status_code == 200
    assert (upheld.json["status"], upheld.json["review_level"]) == ("dismissed", None)
    assert audited(sess, xy.x) == ["warning.dismissed", "warning.upheld"]


def test_a_township_dismissal_is_reviewed_by_the_county_who_may_reopen_it(wapi, people, xy, sess):
    wapi(people.inspector).post(xy.x.id, "dismiss", {"reason": "误报"})
    assert reload(sess, xy.x).review_level == "county"
    assert (
        wapi(people.inspector2).post(xy.x.id, "review", {"decision": "uphold"}).status_code == 403
    )
    without = wapi(people.county).post(xy.x.id, "review", {"decision": "reopen"})
    assert without.status_code == 422
    assert without.json["error"]["fields"] == {"comment": "重新打开须说明理由。"}
    reopened = wapi(people.county).post(
        xy.x.id, "review", {"decision": "reopen", "comment": "公示照片不清楚，需核实"}
    )
    assert reopened.status_code == 200
    warning = reload(sess, xy.x)
    assert (warning.status, warning.review_level, warning.decision_reason) == ("open", None, None)
    assert events(sess, xy.x) == ["dismissed", "reopened"]


def test_a_county_dismissal_needs_no_review(wapi, people, xy):
    response = wapi(people.county, "county-a").post(xy.x.id, "dismiss", {"reason": "重复预警"})
    assert response.status_code == 200
    assert (response.json["status"], response.json["review_level"]) == ("dismissed", None)


def test_nobody_reviews_their_own_dismissal(wapi, xy, make_user, world):
    both = make_user(
        "both",
        (world.a1, "village_supervisor", world.villages.a1x),
        (world.a1, "township_inspector"),
    )
    wapi(both).post(xy.x.id, "dismiss", {"reason": "误报"})
    response = wapi(both).post(xy.x.id, "review", {"decision": "uphold"})
    assert response.status_code == 403
    assert response.json["error"]["message"] == "不能复核自己作出的排除决定。"


def test_reviewing_what_awaits_no_review_is_a_conflict(wapi, people, xy):
    assert wapi(people.inspector).post(xy.x.id, "review", {"decision": "uphold"}).status_code == 409


def test_admins_read_warnings_but_do_not_act(wapi, people, xy):
    assert wapi(people.admin).get(f"/{xy.x.id}").status_code == 200
    response = wapi(people.admin).post(xy.x.id, "resolve", {"reason": "已处理"})
    assert response.status_code == 403


def test_an_admin_is_refused_before_the_body_is_read(wapi, people, xy):
    """Who may not act hears only that, not what their body lacked (as on the pages)."""
    for action in ("assign", "comment", "resolve", "dismiss", "review"):
        assert wapi(people.admin).post(xy.x.id, action, {}).status_code == 403, action


def test_an_admin_may_not_review_whatever_the_warning_state(app, people, xy, sess):
    """Refused for who they are, not for the warning's state (no 409 to someone who may never
    review)."""
    from core.supervision import warnings as ops

    with app.app_context(), pytest.raises(Forbidden):
        ops.review(sess, reload(sess, xy.x), people.admin, "uphold", None)


def test_the_detail_says_what_the_caller_may_do(wapi, people, xy):
    assert wapi(people.sup_x).get(f"/{xy.x.id}").json["actions"] == [
        "acknowledge",
        "assign",
        "comment",
        "dismiss",
        "resolve",
    ]
    assert wapi(people.admin).get(f"/{xy.x.id}").json["actions"] == []


def test_a_bad_body_is_refused_in_chinese(wapi, people, xy):
    response = wapi(people.sup_x).post(xy.x.id, "resolve", {"reason": 5, "extra": 1})
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {"reason": "应为文本", "extra": "未知字段"}
