"""``/t/<slug>/cases/<id>/steps/<key>``: the generated step forms, submitted as a browser
does, and the engine's refusals shown on the page with their status."""

from core.workflow.models import Case


def test_a_task_step_is_completed_through_its_form(works, start, as_user, submit, step_path, sess):
    case = start()
    client = as_user(works.people.reviewer)
    response = submit(
        step_path(case["id"], "review"),
        {"step-decision": "return", "step-comment": "重填"},
        via=client,
    )
    assert response.status_code == 302
    client = as_user(works.people.committee)
    response = submit(
        step_path(case["id"], "apply"),
        {
            "amount": "13000",
            "purpose": "换灯泡",
            "step-on_behalf-filed": "y",
            "step-on_behalf-name": "李四",
        },
        via=client,
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/t/town-a1/cases/{case['id']}")
    stored = sess.get(Case, case["id"])
    assert stored.data == {"amount": "13000.00", "purpose": "换灯泡"}
    assert [r.step_key for r in stored.active_runs] == ["review"]
    assert stored.runs[-2].on_behalf_of == {"name": "李四", "id_number": None}
    assert "已办理“提出申请”" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_returned_step_shows_what_was_filed(works, start, complete, as_user, step_path):
    case = start()
    complete(
        works.people.reviewer, case["id"], "review", {"decision": "return", "comment": "金额不对"}
    )
    page = as_user(works.people.committee).get(step_path(case["id"], "apply"))
    assert 'value="12000.00"' in page.get_data(as_text=True)


def test_bad_input_answers_422_and_keeps_what_was_typed(
    works, start, complete, as_user, submit, step_path
):
    case = start()
    complete(works.people.reviewer, case["id"], "review", {"decision": "return", "comment": "改"})
    response = submit(
        step_path(case["id"], "apply"),
        {"amount": "一万", "purpose": "保留的用途"},
        via=as_user(works.people.committee),
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="一万"' in page and 'value="保留的用途"' in page
    amount = page[page.index('name="amount"') :]
    assert amount.index("请填写金额") < amount.index('name="purpose"')


def test_the_wrong_role_gets_403_with_the_engines_message(works, start, as_user, submit, step_path):
    case = start()
    response = submit(
        step_path(case["id"], "review"),
        {"step-decision": "approve"},
        via=as_user(works.people.secretary),
    )
    assert response.status_code == 403
    assert "本环节须由本村的乡镇管理员办理" in response.get_data(as_text=True)


def test_a_skipped_step_gets_409_with_the_current_step_named(
    works, start, as_user, submit, step_path
):
    case = start()
    response = submit(
        step_path(case["id"], "council"),
        {
            "step-expected": "9",
            "step-present": "9",
            "step-for": "9",
            "step-against": "0",
            "step-abstain": "0",
        },
        via=as_user(works.people.director),
    )
    assert response.status_code == 409
    assert "请按流程顺序办理，当前环节是“镇街审核”" in response.get_data(as_text=True)


def test_a_step_not_current_shows_no_form(works, start, as_user, step_path):
    case = start()
    page = as_user(works.people.director).get(step_path(case["id"], "council"))
    text = page.get_data(as_text=True)
    assert "该环节现在不在办理中" in text
    assert "提交会议记录" not in text


def test_a_meeting_without_quorum_is_refused_next_to_the_attendance(
    works, start, complete, as_user, submit, step_path
):
    case = start()
    complete(works.people.reviewer, case["id"], "review", {"decision": "approve"})
    complete(works.people.secretary, case["id"], "sign", {"role": "village_secretary"})
    complete(works.people.director, case["id"], "sign", {"role": "village_director"})
    response = submit(
        step_path(case["id"], "council"),
        {
            "venue": "村委会",
            "step-expected": "30",
            "step-present": "10",
            "step-for": "10",
            "step-against": "0",
            "step-abstain": "0",
        },
        via=as_user(works.people.director),
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "会议未达到规定人数" in page
    assert "须至少 20 人" in page
    assert 'value="村委会"' in page


def test_the_countersign_page_offers_the_unsigned_role_and_names_who_signed(
    works, start, complete, as_user, submit, step_path
):
    case = start()
    complete(works.people.reviewer, case["id"], "review", {"decision": "approve"})
    secretary = as_user(works.people.secretary)
    assert (
        submit(
            step_path(case["id"], "sign"), {"step-role": "village_secretary"}, via=secretary
        ).status_code
        == 302
    )
    page = as_user(works.people.director).get(step_path(case["id"], "sign")).get_data(as_text=True)
    assert "a1-secretary" in page
    assert 'value="village_director"' in page
    assert 'value="village_secretary"' not in page


def test_a_county_reads_a_case_but_cannot_act(works, world, start, as_user, submit, step_path):
    case = start()
    client = as_user(world.users.county_admin)
    page = client.get(f"/t/county-a/cases/{case['id']}")
    assert page.status_code == 200
    assert ">办理</a>" not in page.get_data(as_text=True)
    response = submit(
        f"/t/county-a/cases/{case['id']}/steps/review", {"step-decision": "approve"}, via=client
    )
    assert response.status_code == 403


def test_a_form_without_its_csrf_token_is_refused(works, start, as_user, step_path):
    case = start()
    client = as_user(works.people.reviewer)
    response = client.post(step_path(case["id"], "review"), data={"step-decision": "approve"})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_a_foreign_case_answers_404_like_a_missing_one(works, world, start, as_user, step_path):
    case = start()
    client = as_user(world.users.a2_admin)
    for path in (
        f"/t/town-a2/cases/{case['id']}",
        f"/t/town-a2/cases/{case['id']}/steps/apply",
        "/t/town-a2/cases/999999",
    ):
        assert client.get(path).status_code == 404
    assert client.get(step_path(case["id"], "apply")).status_code == 404


def test_unknown_step_answers_404(works, start, as_user, step_path):
    case = start()
    assert as_user(works.people.committee).get(step_path(case["id"], "nope")).status_code == 404


def test_cases_in_view_are_listed_and_filtered(works, start, as_user, sess):
    first, second = start(), start()
    sess.get(Case, second["id"]).status = "withdrawn"
    sess.commit()
    client = as_user(works.people.committee)
    page = client.get("/t/town-a1/cases").get_data(as_text=True)
    assert first["code"] in page and second["code"] in page
    page = client.get("/t/town-a1/cases?status=withdrawn").get_data(as_text=True)
    assert second["code"] in page and first["code"] not in page
