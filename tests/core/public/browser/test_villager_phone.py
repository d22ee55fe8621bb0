"""Issue 7, must-show 1, on a phone-sized screen: open the village page from the URL its QR
code encodes, find the running notice, object to it, look up a case by its code, file a report
and follow it by its tracking code. Screenshots go to ``test-artifacts/``."""

import pytest

from core.public import views
from core.testing import PHONE, screenshot

pytestmark = pytest.mark.browser


def test_a_villager_uses_the_public_pages_on_a_phone(
    browse, live_server, village_world, monkeypatch, client
):
    case = village_world.start(title="村民困难帮扶")
    encoded = []
    real = views.qr.qr_svg
    monkeypatch.setattr(
        views.qr, "qr_svg", lambda data, **kw: encoded.append(data) or real(data, **kw)
    )
    page = browse(None, viewport=PHONE)
    page.goto(f"{live_server}{village_world.url}/qr.svg")
    assert encoded == [f"{live_server}{village_world.url}"]

    page.goto(encoded[0])
    assert page.locator("h1").inner_text().startswith("甲一村")
    screenshot(page, "public-village-phone")

    page.click("text=村民困难帮扶：结果公示")
    page.fill("#objection-text", "受助人家里新买了小汽车，不符合条件。")
    screenshot(page, "public-notice-objection")
    page.click("text=提交异议")
    assert "公示异议" in page.content() and "处理中" in page.content()
    screenshot(page, "public-objection-filed")

    page.goto(encoded[0])
    page.fill("#case-code", case["code"].lower())
    page.click("text=查询办件")
    assert page.locator("h1").inner_text() == "村民困难帮扶"
    assert "结果公示" in page.content()
    screenshot(page, "public-case-phone")

    page.goto(encoded[0])
    page.fill("#report-text", "村口垃圾长期无人清运。")
    page.click("text=提交举报")
    code = page.locator(".code").inner_text()
    assert len(code) == 12
    screenshot(page, "public-report-filed")

    page.goto(encoded[0])
    page.fill("#tracking-code", code)
    page.click("text=查询答复")
    assert "已受理" in page.content() and code in page.content()
    screenshot(page, "public-report-followed")
