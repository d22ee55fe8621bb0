"""Each rule the engine enforces refuses with a clear message (issue 4, must show 2)."""

from datetime import timedelta

from core.db import utcnow
from core.workflow.models import Notice


def to_review(api, works, start):
    case = start()
    assert case["active_steps"] == ["review"]
    return case


def test_a_small_amount_goes_straight_to_review(start):
    case = start("12000.00")
    assert case["active_steps"] == ["review"]
    assert case["data"]["amount"] == "12000.00"


def test_a_large_amount_goes_through_the_four_deliberations(start):
    case = start("50000.00")
    assert case["active_steps"] == ["deliberate.propose"]


def test_just_below_the_threshold_skips_them(start):
    assert start("49999.99")["active_steps"] == ["review"]


def test_the_wrong_role_is_refused(api, works, start):
    case = start()
    response = api(works.people.secretary).post(
        f"/cases/{case['id']}/steps/review", {"data": {"decision": "approve"}}
    )
    assert response.status_code == 403
    assert "乡镇管理员" in response.json["error"]["message"]


def test_someone_of_another_village_cannot_start_a_case_here(api, works):
    response = api(works.people.outsider).post(
        "/cases", {"item": "local.street_lights", "village": works.village.code, "data": {}}
    )
    assert response.status_code == 403
    assert "两委委员" in response.json["error"]["message"]


def test_a_skipped_step_is_refused(api, works, start, meeting_ok):
    case = start()
    response = api(works.people.director).post(
        f"/cases/{case['id']}/steps/council", {"data": meeting_ok}
    )
    assert response.status_code == 409
    assert "当前环节是“镇街审核”" in response.json["error"]["message"]


def test_self_approval_is_refused(api, works, start):
    case = start(user=works.people.both)
    response = api(works.people.both).post(
        f"/cases/{case['id']}/steps/review", {"data": {"decision": "approve"}}
    )
    assert response.status_code == 403
    assert response.json["error"]["code"] == "self_approval"
    assert "不能审批自己经办的事项" in response.json["error"]["message"]


def approve(api, works, case):
    response = api(works.people.reviewer).post(
        f"/cases/{case['id']}/steps/review", {"data": {"decision": "approve"}}
    )
    assert response.status_code == 200, response.json
    return response.json


def test_one_person_cannot_countersign_for_two_roles(api, works, start, make_user, world, sess):
    both = make_user(
        "both-sign",
        (world.a1, "village_secretary", works.village),
        (world.a1, "village_director", works.village),
    )
    case = approve(api, works, start())
    first = api(both).post(
        f"/cases/{case['id']}/steps/sign", {"data": {"role": "village_secretary"}}
    )
    assert first.status_code == 200
    second = api(both).post(
        f"/cases/{case['id']}/steps/sign", {"data": {"role": "village_director"}}
    )
    assert second.status_code == 403
    assert "同一人不能为两个角色会签" in second.json["error"]["message"]


def countersign(api, works, case):
    for user, role in (
        (works.people.secretary, "village_secretary"),
        (works.people.director, "village_director"),
    ):
        response = api(user).post(f"/cases/{case['id']}/steps/sign", {"data": {"role": role}})
        assert response.status_code == 200, response.json
    return response.json


def test_countersign_completes_when_every_role_signed(api, works, start):
    case = countersign(api, works, approve(api, works, start()))
    assert case["active_steps"] == ["council"]


def test_a_meeting_short_of_quorum_is_refused(api, works, start):
    case = countersign(api, works, approve(api, works, start()))
    short = {"expected": 30, "present": 19, "for": 19, "against": 0, "abstain": 0}
    response = api(works.people.director).post(
        f"/cases/{case['id']}/steps/council", {"data": short}
    )
    assert response.status_code == 422
    assert response.json["error"]["code"] == "quorum_short"
    assert "须至少 20 人" in response.json["error"]["message"]


def test_a_meeting_short_of_majority_is_refused(api, works, start):
    case = countersign(api, works, approve(api, works, start()))
    split = {"expected": 30, "present": 24, "for": 12, "against": 12, "abstain": 0}
    response = api(works.people.director).post(
        f"/cases/{case['id']}/steps/council", {"data": split}
    )
    assert response.status_code == 422
    assert response.json["error"]["code"] == "majority_short"
    assert "至少 13 票" in response.json["error"]["message"]


def to_notice(api, works, start, meeting_ok):
    case = countersign(api, works, approve(api, works, start()))
    response = api(works.people.director).post(
        f"/cases/{case['id']}/steps/council", {"data": {**meeting_ok, "venue": "村委会"}}
    )
    assert response.json["active_steps"] == ["notice"]
    return response.json


def test_a_notice_cannot_close_before_its_days(api, works, start, meeting_ok):
    case = to_notice(api, works, start, meeting_ok)
    response = api(works.people.director).post(f"/cases/{case['id']}/steps/notice")
    assert response.status_code == 409
    assert "公示期未满" in response.json["error"]["message"]


def test_a_notice_with_an_open_objection_cannot_close(api, works, start, sess, meeting_ok):
    from core.workflow.notices import file_objection, resolve_objection

    case = to_notice(api, works, start, meeting_ok)
    notice = sess.query(Notice).filter_by(case_id=case["id"]).one()
    objection = file_objection(sess, notice, "路灯位置离我家太近", None)
    notice.ends_at = utcnow() - timedelta(minutes=1)
    sess.commit()
    response = api(works.people.director).post(f"/cases/{case['id']}/steps/notice")
    assert response.status_code == 409
    assert "异议尚未处理" in response.json["error"]["message"]
    resolve_objection(sess, objection, works.people.director.id, "已与村民沟通，调整位置")
    sess.commit()
    done = api(works.people.director).post(f"/cases/{case['id']}/steps/notice")
    assert done.status_code == 200
    assert done.json["status"] == "completed"


def test_bad_form_data_names_the_field(api, works):
    response = api(works.people.committee).post(
        "/cases",
        {
            "item": "local.street_lights",
            "village": works.village.code,
            "data": {"amount": "一万", "colour": "red"},
        },
    )
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"colour"}
