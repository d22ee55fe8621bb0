"""Issue 4, must-show 1, in a real browser: a road-lamp case of 80,000 yuan runs the
四议两公开 procedure, the township review, the countersign, the representatives' meeting and
the result notice through the generated step forms, each role signed in on its own, until
the case page says 已办结. Also: a field with ``visible_when`` is hidden until its condition
holds. Screenshots go to ``test-artifacts/``."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import utcnow
from core.testing import PHONE, screenshot
from core.workflow.models import Case, Notice

pytestmark = pytest.mark.browser
TOWN = "/t/town-a1"
LAMP_REPORT = {
    "format": 1,
    "key": "local.lamp_report",
    "name": "路灯报修",
    "domain": "local",
    "basis": ["《村民委员会组织法》"],
    "responsible_role": "village_committee",
    "steps": [
        {
            "key": "report",
            "name": "登记报修",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                {"key": "kind", "type": "text", "label": "故障类型", "help": "填 other 时须说明"},
                {
                    "key": "other",
                    "type": "text",
                    "label": "其他说明",
                    "visible_when": {"==": [{"var": "kind"}, "other"]},
                },
            ],
            "next": None,
        }
    ],
}


def open_step(page, live_server, case_id: int, step_name: str) -> None:
    """Go to the to-do list and open the step named ``step_name`` of the case."""
    page.goto(f"{live_server}{TOWN}/todo")
    row = page.locator("tr", has_text=step_name)
    row.get_by_role("link", name="办理").click()
    page.wait_for_load_state()
    assert f"/cases/{case_id}/steps/" in page.url


def submit(page, label: str) -> None:
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()
    assert "已办理" in page.content() or "已会签" in page.content(), page.content()


def tally(page, expected: int, present: int, yes: int) -> None:
    for key, value in (
        ("expected", expected),
        ("present", present),
        ("for", yes),
        ("against", present - yes),
        ("abstain", 0),
    ):
        page.fill(f"#step-{key}", str(value))


def end_notice(sess, case_id: int) -> None:
    notice = sess.scalar(select(Notice).where(Notice.case_id == case_id, Notice.status == "open"))
    notice.ends_at = utcnow() - timedelta(seconds=1)
    sess.commit()


def test_a_large_case_runs_the_four_deliberations_through_the_pages(
    works, sess, browse, live_server
):
    p = works.people
    committee = browse(p.committee, PHONE)
    committee.goto(f"{live_server}{TOWN}/cases/new?item=local.street_lights")
    committee.fill("#title", "村口至小学路段路灯安装")
    committee.get_by_role("button", name="发起").click()
    committee.wait_for_load_state()
    committee.fill("#amount", "80000")
    committee.fill("#purpose", "安装太阳能路灯 20 盏")
    screenshot(committee, "step-form-phone")
    submit(committee, "提交")
    screenshot(committee, "case-page-open-phone")
    case_id = sess.scalar(select(Case.id))

    secretary = browse(p.secretary)
    open_step(secretary, live_server, case_id, "村党组织提议")
    submit(secretary, "提交")
    open_step(secretary, live_server, case_id, "两委")
    tally(secretary, 9, 9, 8)
    screenshot(secretary, "step-form-meeting")
    submit(secretary, "提交会议记录")
    open_step(secretary, live_server, case_id, "党员大会审议")
    tally(secretary, 40, 32, 30)
    submit(secretary, "提交会议记录")

    director = browse(p.director)
    open_step(director, live_server, case_id, "村民会议或村民代表会议决议")
    tally(director, 30, 25, 22)
    submit(director, "提交会议记录")
    for notice in ("决议公开", "实施结果公开"):
        end_notice(sess, case_id)
        open_step(director, live_server, case_id, notice)
        submit(director, "结束公示")

    reviewer = browse(p.reviewer, PHONE)
    reviewer.goto(f"{live_server}{TOWN}/todo")
    screenshot(reviewer, "todo-phone")
    open_step(reviewer, live_server, case_id, "镇街审核")
    reviewer.get_by_label("同意").check()
    reviewer.fill("#step-comment", "符合规定")
    submit(reviewer, "提交审批意见")

    open_step(secretary, live_server, case_id, "联审联签")
    secretary.get_by_label("村党组织书记").check()
    submit(secretary, "会签")
    open_step(director, live_server, case_id, "联审联签")
    director.get_by_label("村委会主任").check()
    submit(director, "会签")

    open_step(director, live_server, case_id, "村民代表会议")
    director.fill("#venue", "村委会议室")
    tally(director, 30, 24, 20)
    submit(director, "提交会议记录")
    end_notice(sess, case_id)
    open_step(director, live_server, case_id, "结果公示")
    screenshot(director, "step-form-notice")
    submit(director, "结束公示")

    assert "已办结" in director.content()
    screenshot(director, "case-page")
    committee.goto(f"{live_server}{TOWN}/cases/{case_id}")
    assert "已办结" in committee.content()
    screenshot(committee, "case-page-phone")


def test_a_field_is_hidden_until_its_condition_holds(works, sess, browse, live_server):
    from core.catalog.operations import create_item, publish

    publish(
        sess, create_item(sess, works.tenant.county, LAMP_REPORT, origin="county", actor_id=None)
    )
    sess.commit()
    page = browse(works.people.committee, PHONE)
    page.goto(f"{live_server}{TOWN}/cases/new?item=local.lamp_report")
    page.get_by_role("button", name="发起").click()
    page.wait_for_load_state()
    other = page.locator("#other")
    assert other.is_hidden()
    page.fill("#kind", "灯不亮")
    assert other.is_hidden()
    page.fill("#kind", "other")
    other.wait_for(state="visible")
    page.fill("#other", "灯杆歪斜")
    screenshot(page, "visible-when-phone")
    page.fill("#kind", "短路")
    other.wait_for(state="hidden")
