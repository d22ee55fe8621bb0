"""The case page: steps done and to come, timeline, what was published, limits."""

from tests.core.public.seed import PEOPLE


def test_the_case_page_shows_steps_and_their_limits(client, village_world):
    case = village_world.start()
    html = client.get(f"/p/town-a1/cases/{case['code']}").get_data(as_text=True)
    assert "提出申请" in html and "已完成" in html
    assert "结果公示" in html and "办理中" in html
    assert "5 个工作日" in html and "按时" in html


def test_only_public_fields_are_shown_masked(client, village_world):
    case = village_world.start()
    html = client.get(f"/p/town-a1/cases/{case['code']}").get_data(as_text=True)
    assert "受助人" in html and "王*锤" in html
    assert "联系电话" not in html and "经办人身份证号" not in html
    assert "受助子女" not in html  # a minor


def test_the_look_up_form_leads_to_the_case(client, village_world):
    case = village_world.start()
    response = client.get(f"/p/town-a1/cases?code={case['code'].lower()}")
    assert response.status_code == 302
    assert response.location.endswith(f"/p/town-a1/cases/{case['code']}")


def test_an_empty_look_up_says_what_is_missing(client, village_world):
    response = client.get("/p/town-a1/cases?code=")
    assert response.status_code == 422
    assert "请填写办件编号" in response.get_data(as_text=True)


def test_another_township_s_case_reads_like_a_missing_one(client, village_world):
    case = village_world.start()
    foreign = client.get(f"/p/town-a2/cases/{case['code']}")
    missing = client.get("/p/town-a2/cases/TOWNA2-2026-999999")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.get_data() == missing.get_data()


def test_the_case_flowchart_is_an_svg(client, village_world):
    case = village_world.start()
    chart = client.get(f"/p/town-a1/cases/{case['code']}/flowchart.svg")
    assert chart.status_code == 200 and b"<svg" in chart.data
    assert PEOPLE.applicant[0].encode() not in chart.data
