"""The case page and its actions: 退回, 撤销 and 转办, offered to those allowed and refused
with the engine's message otherwise."""

from sqlalchemy import select

from core.workflow.models import Case, StepRun

CASES = "/t/town-a1/cases"


def _case(sess, case_id):
    sess.expire_all()
    return sess.get(Case, case_id)


def test_the_case_page_shows_the_timeline_data_and_flowchart(works, start, as_user):
    case = start()
    client = as_user(works.people.committee)
    page = client.get(f"{CASES}/{case['id']}").get_data(as_text=True)
    assert case["code"] in page and "办理中" in page
    assert "路灯安装" in page and "第 1 版" in page
    assert "提出申请" in page and "committee" in page
    assert "金额（元）" in page and "12,000.00 元" in page
    svg = client.get(f"{CASES}/{case['id']}/flowchart.svg")
    assert svg.mimetype == "image/svg+xml"
    assert 'aria-current="step"' in svg.get_data(as_text=True)


def test_the_step_holder_returns_the_case_with_a_reason(works, start, as_user, submit, sess):
    case = start()
    client = as_user(works.people.reviewer)
    page = client.get(f"{CASES}/{case['id']}").get_data(as_text=True)
    assert "退回" in page and 'value="apply"' in page
    missing = submit(
        f"{CASES}/{case['id']}/return",
        {"return-to_step": "apply"},
        via=client,
        form_page=f"{CASES}/{case['id']}",
    )
    assert missing.status_code == 422
    assert "退回时请写明理由" in missing.get_data(as_text=True)
    response = submit(
        f"{CASES}/{case['id']}/return",
        {"return-to_step": "apply", "return-reason": "材料不全"},
        via=client,
        form_page=f"{CASES}/{case['id']}",
    )
    assert response.status_code == 302
    stored = _case(sess, case["id"])
    assert stored.status == "returned"
    assert [r.step_key for r in stored.active_runs] == ["apply"]
    assert "材料不全" in client.get(f"{CASES}/{case['id']}").get_data(as_text=True)


def test_the_starter_withdraws_the_case(works, start, as_user, submit, sess):
    case = start()
    client = as_user(works.people.committee)
    response = submit(
        f"{CASES}/{case['id']}/withdraw",
        {"withdraw-reason": "项目取消"},
        via=client,
        form_page=f"{CASES}/{case['id']}",
    )
    assert response.status_code == 302
    assert _case(sess, case["id"]).status == "withdrawn"
    page = client.get(f"{CASES}/{case['id']}").get_data(as_text=True)
    assert "已撤销" in page and "项目取消" in page


def test_someone_else_is_neither_offered_nor_allowed_to_withdraw(
    works, start, as_user, submit, sess
):
    case = start()
    client = as_user(works.people.secretary)
    assert "撤销办件" not in client.get(f"{CASES}/{case['id']}").get_data(as_text=True)
    response = submit(
        f"{CASES}/{case['id']}/withdraw",
        {"withdraw-reason": "不想办了"},
        via=client,
        form_page=f"{CASES}/{case['id']}",
    )
    assert response.status_code == 403
    assert "只有发起人或乡镇管理员可以撤销办件" in response.get_data(as_text=True)
    assert _case(sess, case["id"]).status == "open"


def test_a_county_admin_is_not_offered_a_township_withdrawal(works, world, start, as_user):
    case = start()
    page = as_user(world.users.county_admin).get(f"/t/county-a/cases/{case['id']}")
    assert "撤销办件" not in page.get_data(as_text=True)


def test_the_step_holder_transfers_it_to_another_holder(
    works, world, start, make_user, as_user, submit, sess
):
    second = make_user("second-admin", (world.a1, "township_admin"))
    case = start()
    client = as_user(works.people.reviewer)
    assert "second-admin" in client.get(f"{CASES}/{case['id']}").get_data(as_text=True)
    response = submit(
        f"{CASES}/{case['id']}/steps/review/transfer",
        {"transfer-to_user": str(second.id)},
        via=client,
        form_page=f"{CASES}/{case['id']}",
    )
    assert response.status_code == 302
    run = sess.scalar(
        select(StepRun).where(StepRun.case_id == case["id"], StepRun.status == "active")
    )
    sess.refresh(run)
    assert run.assignee_id == second.id
    assert "转办给 second-admin" in client.get(f"{CASES}/{case['id']}").get_data(as_text=True)


def test_a_transfer_to_someone_without_the_role_is_refused(works, start, as_user, submit):
    case = start()
    response = submit(
        f"{CASES}/{case['id']}/steps/review/transfer",
        {"transfer-to_user": str(works.people.secretary.id)},
        via=as_user(works.people.reviewer),
        form_page=f"{CASES}/{case['id']}",
    )
    assert response.status_code == 422
    assert "不是本村的乡镇管理员" in response.get_data(as_text=True)


def test_the_case_page_shows_its_open_warnings_most_serious_first(works, start, as_user, sess):
    from core.rules.models import Warning

    case = start()
    for rule, severity, status in (
        ("a", "yellow", "open"),
        ("b", "red", "open"),
        ("c", "blue", "closed"),
    ):
        sess.add(
            Warning(
                tenant_id=works.tenant.id,
                rule=f"test.{rule}",
                severity=severity,
                subject=f"case:{case['id']}:{rule}",
                case_id=case["id"],
                village_id=works.village.id,
                message=f"预警{rule}",
                status=status,
            )
        )
    sess.commit()
    page = as_user(works.people.committee).get(f"{CASES}/{case['id']}").get_data(as_text=True)
    assert "红色预警" in page and "黄色预警" in page
    assert page.index("预警b") < page.index("预警a")
    assert "预警c" not in page


def test_a_county_lists_its_townships_cases(works, world, start, as_user):
    case = start()
    page = as_user(world.users.county_admin).get("/t/county-a/cases").get_data(as_text=True)
    assert case["code"] in page
    assert case["code"] not in as_user(world.users.county_b_admin).get(
        "/t/county-b/cases"
    ).get_data(as_text=True)
