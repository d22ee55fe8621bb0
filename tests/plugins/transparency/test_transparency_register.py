"""The publicity register: a posting is recorded the day it goes up, with whether the
supervision committee reviewed it; staff browse, export and import it; the villager page
shows the latest posting of each category."""

from sqlalchemy import select

from core.plugins import tenant_hook
from plugins.transparency import register
from plugins.transparency.models import Posting

TALLY = {"expected": 5, "present": 5, "for": 5, "against": 0, "abstain": 0}
FINANCE = {
    "cycle": "月度",
    "period": "2026年10月",
    "income": "52000.00",
    "expense": "31000.00",
    "balance": "21000.00",
}


def postings(sess):
    sess.expire_all()
    return sess.scalars(select(Posting).order_by(Posting.id)).all()


def finance_posted(start, step, town):
    case = start("transparency.finance_periodic", town.people.accountant, FINANCE)
    step(town.people.supervisor, case["id"], "review", TALLY)
    return case


def test_a_posting_is_recorded_when_its_notice_goes_up(sess, town, start, step):
    case = start("transparency.finance_periodic", town.people.accountant, FINANCE)
    assert postings(sess) == []
    state = step(town.people.supervisor, case["id"], "review", TALLY)
    assert state["active_steps"] == ["post"]
    [row] = postings(sess)
    assert (row.category, row.period, row.days, row.reviewed) == ("财务", "2026年10月", 15, True)
    assert (row.village_id, row.case_id) == (town.village.id, case["id"])
    assert row.title == "2026年10月财务收支情况"


def test_a_query_answered_without_publishing_posts_nothing(sess, town, start, step):
    case = start(
        "transparency.query_answer",
        town.people.committee,
        {
            "received_on": "2026-11-01",
            "channel": "当面",
            "asker": "王大妈",
            "subject": "低保名单",
            "question": "为什么某户能吃低保",
        },
    )
    step(
        town.people.director,
        case["id"],
        "answer",
        {
            "answered_on": "2026-11-03",
            "reply": "经民主评议通过",
            "publish": False,
        },
    )
    state = step(town.people.supervisor, case["id"], "check", {"decision": "approve"})
    assert state["status"] == "completed"
    assert postings(sess) == []


def test_a_published_answer_is_a_village_affairs_posting(sess, town, start, step):
    case = start(
        "transparency.query_answer",
        town.people.committee,
        {
            "received_on": "2026-11-01",
            "channel": "书面",
            "asker": "李四",
            "subject": "道路维修费用",
            "question": "维修花了多少钱",
        },
    )
    step(
        town.people.director,
        case["id"],
        "answer",
        {
            "answered_on": "2026-11-03",
            "reply": "共计3万元，明细见财务公开",
            "publish": True,
        },
    )
    step(town.people.supervisor, case["id"], "check", {"decision": "approve"})
    [row] = postings(sess)
    assert (row.category, row.title, row.days, row.reviewed) == (
        "村务",
        "村民质询答复：道路维修费用",
        7,
        True,
    )


def test_the_panel_shows_the_latest_posting_of_each_category(app, sess, town, start, step):
    finance_posted(start, step, town)
    with app.test_request_context():
        panels = tenant_hook(town.tenant, "qingdan_public_panels")(
            tenant=town.tenant, village=town.village
        )
    [panel] = [p for batch in panels for p in batch if p["key"] == "transparency"]
    html = panel["html"]
    assert "财务公开" in html and "2026年10月" in html and "已审核" in html
    assert html.count("暂无公开记录") == 2  # 党务 and 村务


def test_the_panel_of_another_village_is_empty(app, sess, town, start, step):
    finance_posted(start, step, town)
    with app.test_request_context():
        panels = tenant_hook(town.tenant, "qingdan_public_panels")(
            tenant=town.tenant, village=town.other
        )
    [panel] = [p for batch in panels for p in batch if p["key"] == "transparency"]
    assert panel["html"].count("暂无公开记录") == 3


def page(town):
    return f"/t/{town.tenant.slug}/transparency/postings"


ROW = {
    "village_code": "990101001001",
    "village_name": "甲一村",
    "category": "党务",
    "period": "2026年第三季度",
    "title": "党费收缴情况",
    "posted_on": "2026-07-18",
    "days": 15,
    "reviewed": "是",
}


def test_import_keeps_good_rows_and_reports_bad_ones(ledger, sess, client, login, town):
    bad = [ROW | {"category": "其他"}, ROW | {"village_code": "990101002001"}, ROW | {"days": 0}]
    response = ledger.upload(
        page(town), ledger.sheet(register.COLUMNS, [*bad, ROW, ROW | {"reviewed": "否"}])
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "已导入 <strong>2</strong> 行" in text and "<strong>3</strong> 行有误" in text
    assert "公开类别：请从选项中选择" in text
    assert "本乡镇没有代码为 990101002001 的村" in text  # a village of a sibling township
    assert [p.reviewed for p in postings(sess)] == [True, False]


def test_export_then_import_gives_the_same_register(ledger, sess, client, login, town, start, step):
    finance_posted(start, step, town)
    ledger.upload(page(town), ledger.sheet(register.COLUMNS, [ROW]))
    exported = client.get(f"/t/{town.tenant.slug}/transparency/postings.xlsx")
    assert exported.status_code == 200
    before = sorted((register.as_row(p) for p in postings(sess)), key=lambda r: r["title"])
    for row in postings(sess):
        sess.delete(row)
    sess.commit()
    ledger.upload(page(town), exported.data)
    after = sorted((register.as_row(p) for p in postings(sess)), key=lambda r: r["title"])
    assert after == before


def test_the_ledger_page_lists_postings_by_village(client, login, town, start, step):
    finance_posted(start, step, town)
    login(town.people.director)
    base = f"/t/{town.tenant.slug}/transparency/postings"
    assert "2026年10月财务收支情况" in client.get(base).get_data(as_text=True)
    other = client.get(f"{base}?village={town.other.code}").get_data(as_text=True)
    assert "2026年10月财务收支情况" not in other
    assert client.get(f"{base}?village=990201001001").status_code == 404  # another county's
