"""In a real browser: the township inspector issues a red order from a red warning, the
village submits its rectification with a photo, the inspector sends it back once, then
accepts it — and the village's rating follows each step as the sweep runs. Screenshots go
to ``test-artifacts/``."""

from datetime import date, timedelta

import pytest

from core.testing import PHONE, screenshot
from tests.core.supervision import test_orders, test_orders_sweep
from tests.core.supervision.test_orders import PNG, red_warning

pytestmark = pytest.mark.browser
inspection = test_orders.inspection  # a fixture, shared
run_sweep = test_orders_sweep.run_sweep  # a fixture, shared
TOWN = "/t/town-a1"


def points_of(page, live_server, code: str) -> str:
    page.goto(f"{live_server}{TOWN}/ratings")
    return page.locator(f"tr[data-village='{code}'] .points").inner_text()


def test_a_red_order_runs_to_acceptance_in_the_browser(
    browse, live_server, inspection, sess, run_sweep, tmp_path
):
    warning = red_warning(sess, inspection.world.a1, inspection.village)
    run_sweep()
    inspector = browse(inspection.people.inspector)
    assert points_of(inspector, live_server, inspection.village.code) == "90"

    inspector.goto(f"{live_server}{TOWN}/orders/new?warning={warning.id}")
    inspector.select_option("#village", str(inspection.village.id))
    inspector.check("input[name=colour][value=red]")
    inspector.fill("#failing", "越级审批，未经乡镇审核即支付")
    inspector.fill("#deadline", (date.today() + timedelta(days=7)).isoformat())
    inspector.check(f"input[name=people][value='{inspection.people.secretary.id}']")
    screenshot(inspector, "orders-issue")
    inspector.get_by_role("button", name="下发").click()
    inspector.wait_for_load_state()
    assert "督查令已下发" in inspector.content()
    order_url = inspector.url
    run_sweep()
    assert points_of(inspector, live_server, inspection.village.code) == "70"

    photo = tmp_path / "整改照片.png"
    photo.write_bytes(PNG)
    village = browse(inspection.people.secretary, viewport=PHONE)
    village.goto(order_url)
    village.fill("#text", "已追回款项，补办乡镇审核手续")
    village.set_input_files("#files", str(photo))
    village.get_by_role("button", name="提交整改").click()
    village.wait_for_load_state()
    assert "整改情况已提交" in village.content()
    screenshot(village, "orders-rectification-phone")

    inspector.goto(order_url)
    assert "整改照片.png" in inspector.content()
    inspector.fill("#back-comment", "缺少乡镇审核意见书")
    inspector.get_by_role("button", name="退回重改").click()
    inspector.wait_for_load_state()
    assert "已退回重改" in inspector.locator("#order-status").inner_text()

    village.goto(order_url)
    village.fill("#text", "已补交乡镇审核意见书")
    village.get_by_role("button", name="提交整改").click()
    village.wait_for_load_state()

    inspector.goto(order_url)
    inspector.get_by_role("button", name="验收通过").click()
    inspector.wait_for_load_state()
    assert "已验收" in inspector.locator("#order-status").inner_text()
    screenshot(inspector, "orders-accepted")
    run_sweep()  # the order still weighs on this month: it was open in it
    assert points_of(inspector, live_server, inspection.village.code) == "70"
