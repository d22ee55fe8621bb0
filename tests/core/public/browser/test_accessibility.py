"""Issue 7: axe-core finds no serious or critical violation on the village page and the case
page at a phone's size. (Lighthouse scores are measured by tools/lighthouse and kept in the
README; axe runs here, on every test run, because a regression in markup is cheap to catch.)"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.testing import PHONE

pytestmark = pytest.mark.browser

#: impacts that fail the test; "minor" and "moderate" ones are reported, not failed
SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def test_the_village_page_has_no_serious_accessibility_violation(
    browse, live_server, village_world
):
    village_world.start(title="村民困难帮扶")
    page = browse(None, viewport=PHONE)
    page.goto(f"{live_server}{village_world.url}")
    assert serious_violations(page) == []


def test_the_case_page_has_no_serious_accessibility_violation(browse, live_server, village_world):
    case = village_world.start(title="村民困难帮扶")
    page = browse(None, viewport=PHONE)
    page.goto(f"{live_server}/p/town-a1/cases/{case['code']}")
    assert page.locator("h1").inner_text() == "村民困难帮扶"
    assert serious_violations(page) == []
