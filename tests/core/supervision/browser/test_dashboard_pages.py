"""Must-show 1, in a real browser: a works case awarded above its tier raises red warnings;
the township inspector issues a red order from one; the village submits its rectification;
the inspector sends it back once, then accepts it and resolves the warnings — and the
village's rating and the dashboard follow each step as the sweep runs. Screenshots go to
``test-artifacts/``."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core.rules.models import Warning
from core.testing import PHONE, screenshot
from tests.core.supervision import test_orders, test_orders_sweep
from tests.plugins.procurement import conftest as procurement
from tests.plugins.procurement import test_procurement_rules as procurement_rules

pytestmark = pytest.mark.browser
# fixtures, shared
inspection, run_sweep = test_orders.inspection, test_orders_sweep.run_sweep
start, act = procurement.start, procurement_rules.act
TOWN = "/t/town-a1"
ITEM = "procurement.small_works"


def points_of(page, live_server, code: str) -> int:
    page.goto(f"{live_server}{TOWN}/dashboard/villages")
    return int(page.locator(f"tr[data-village='{code}'] .points").inner_text())


def open_red(page, live_server) -> int:
    """The dashboard's count of open red warnings (from its table)."""
    page.goto(f"{live_server}{TOWN}/dashboard")
    link = page.locator("#severity table a[href*='severity=red']")
    return int(link.get_attribute("data-count"))


def test_a_tier_bypass_runs_from_warning_to_accepted_order_on_the_dashboard(
    browse, live_server, inspection, sess, run_sweep, start, act
):
    village = inspection.village
    run_sweep()
    inspector = browse(inspection.people.inspector)
    assert points_of(inspector, live_server, village.code) == 100
    assert open_red(inspector, live_server) == 0

    case = start(ITEM, amount="30000.00")
    for key in ("committees", "supervise"):
        act(case["id"], ITEM, key)
    act(case["id"], ITEM, "direct_award", award_amount="150000.00")
    sess.expire_all()
    raised = sess.scalars(
        select(Warning).where(Warning.case_id == case["id"], Warning.severity == "red")
    ).all()
    assert "procurement.tier_bypass" in {w.rule for w in raised}
    run_sweep()
    after_warning = points_of(inspector, live_server, village.code)
    assert after_warning == 100 - 10 * len(raised)
    assert open_red(inspector, live_server) == len(raised)
    screenshot(inspector, "dashboard-red-warning")

    tier = next(w for w in raised if w.subject.endswith(":tier"))
    inspector.goto(f"{live_server}{TOWN}/orders/new?warning={tier.id}")
    inspector.select_option("#village", str(village.id))
    inspector.check("input[name=colour][value=red]")
    inspector.fill("#failing", "工程超出直接发包限额，未进乡镇定额平台")
    inspector.fill("#deadline", (date.today() + timedelta(days=7)).isoformat())
    inspector.check(f"input[name=people][value='{inspection.people.secretary.id}']")
    inspector.get_by_role("button", name="下发").click()
    inspector.wait_for_load_state()
    assert "督查令已下发" in inspector.content()
    order_url = inspector.url
    run_sweep()
    assert points_of(inspector, live_server, village.code) == after_warning - 20
    assert open_red(inspector, live_server) == len(raised)  # the order does not close them
    screenshot(inspector, "dashboard-red-order")

    secretary = browse(inspection.people.secretary, viewport=PHONE)
    secretary.goto(order_url)
    secretary.fill("#text", "已暂停付款，补报乡镇定额平台")
    secretary.get_by_role("button", name="提交整改").click()
    secretary.wait_for_load_state()
    assert "整改情况已提交" in secretary.content()

    inspector.goto(order_url)
    inspector.fill("#back-comment", "缺少定额平台抽取记录")
    inspector.get_by_role("button", name="退回重改").click()
    inspector.wait_for_load_state()
    assert "已退回重改" in inspector.locator("#order-status").inner_text()
    run_sweep()
    assert points_of(inspector, live_server, village.code) == after_warning - 20

    secretary.goto(order_url)
    secretary.fill("#text", "已补交定额平台抽取记录")
    secretary.get_by_role("button", name="提交整改").click()
    secretary.wait_for_load_state()
    inspector.goto(order_url)
    inspector.get_by_role("button", name="验收通过").click()
    inspector.wait_for_load_state()
    assert "已验收" in inspector.locator("#order-status").inner_text()

    for warning in raised:  # the rectification dealt with what the warnings found
        inspector.goto(f"{live_server}{TOWN}/warnings/{warning.id}")
        inspector.fill("#resolve-reason", "督查令整改已验收")
        inspector.get_by_role("button", name="处理完毕").click()
        inspector.wait_for_load_state()
    run_sweep()
    # the order and the warnings weighed on this month: the month's rating keeps them
    assert points_of(inspector, live_server, village.code) == after_warning - 20
    assert open_red(inspector, live_server) == 0
    screenshot(inspector, "dashboard-after-acceptance")
