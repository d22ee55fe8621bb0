"""The shared condition table in headless Chromium, through the vendored json-logic-js: the
browser must agree with the server on every case, or a form would show one thing and the
engine enforce another."""

import json
from pathlib import Path

import pytest

import formbuilder
from formbuilder.conditions import evaluate

VENDORED = Path(formbuilder.__file__).parent / "static" / "vendor" / "json-logic.js"
CASES = json.loads((Path(__file__).parents[1] / "conditions_cases.json").read_text("utf-8"))
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(chromium):
    """A blank page with json-logic-js loaded."""
    page = chromium.new_page()
    page.add_script_tag(path=str(VENDORED))
    yield page
    page.close()


def test_browser_agrees_with_the_server_on_every_case(page):
    results = page.evaluate(
        "cases => cases.map(c => jsonLogic.apply(c.logic, c.data))",
        [{"logic": case["logic"], "data": case["data"]} for case in CASES],
    )
    for case, result in zip(CASES, results, strict=True):
        server = evaluate(case["logic"], case["data"])
        assert (result, type(result) is bool) == (server, type(server) is bool), case["name"]
        assert result == case["expected"], case["name"]
