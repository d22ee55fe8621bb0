"""The browser fixtures of the test plugin: Debian's Chromium through Playwright, the test app
served over HTTP, signed-in pages and screenshots kept as artifacts."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from core.testing import PASSWORD  # defined before this module is imported

CHROMIUM = "/usr/bin/chromium"
#: flags for a closed network: no background connections that would be refused
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (never a downloaded browser).

    Skipped where it is not installed, except in CI, where that fails.
    """
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide Debian's Chromium at {CHROMIUM}")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = Path(os.environ.get("QINGDAN_TEST_ARTIFACTS", "test-artifacts"))


@pytest.fixture
def live_server(app):
    """The test app served over HTTP on a free port, for the browser; yields its base URL."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join()


@pytest.fixture
def browse(chromium, live_server):
    """``browse(user, viewport=DESKTOP)``: a page of a fresh browser context, signed in as
    ``user`` (or anonymous, for the public pages, when ``user`` is None)."""
    contexts = []

    def open_page(user=None, viewport=DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        if user is not None:
            page.goto(f"{live_server}/login")
            page.fill("#username", user.username)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state()
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot as a test artifact (``test-artifacts/<name>.png``)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
