"""The village page is rendered once per window and language and served to every visitor,
each with a form token of their own."""

import pytest

from core.public import page_cache
from core.testing import csrf_token
from tests.core.public.test_village_page import _queries


@pytest.fixture
def cached(app):
    app.config["QINGDAN"].public_cache_seconds = 30
    return app


@pytest.fixture
def clock(monkeypatch):
    """``clock.now``: the seconds the page cache reads as the time."""

    class Clock:
        now = 1_000_000.0

    monkeypatch.setattr(page_cache.time, "time", lambda: Clock.now)
    return Clock


def test_a_second_visit_reads_no_list_notices_or_panels(cached, client, village_world, clock):
    village_world.start(title="路灯帮扶")
    first = _queries(cached, client, village_world.url)
    again = _queries(cached, cached.test_client(), village_world.url)
    assert again <= 4 < 10 < first  # the tenant, its county and the village only


def test_each_visitor_gets_a_token_of_their_own_that_posts(cached, village_world, clock):
    one, two = cached.test_client(), cached.test_client()
    first, second = csrf_token(one, village_world.url), csrf_token(two, village_world.url)
    assert first != second
    assert page_cache.TOKEN_MARKER not in two.get(village_world.url).get_data(as_text=True)
    posted = two.post(
        f"{village_world.url}/complaints", data={"csrf_token": second, "text": "路灯款项去向不明。"}
    )
    assert posted.status_code == 303 and "/complaints/" in posted.location


def test_a_new_notice_shows_once_the_window_has_passed(cached, client, village_world, clock):
    assert "还剩 5 天" not in client.get(village_world.url).get_data(as_text=True)
    village_world.start(title="路灯帮扶")
    assert "路灯帮扶" not in client.get(village_world.url).get_data(as_text=True)
    clock.now += 30
    assert "路灯帮扶：结果公示" in client.get(village_world.url).get_data(as_text=True)


def test_each_language_is_kept_apart(cached, client, village_world, clock):
    chinese = client.get(village_world.url).get_data(as_text=True)
    english = client.get(f"{village_world.url}?lang=en").get_data(as_text=True)
    assert 'lang="zh-CN"' in chinese and "权力清单" in chinese
    assert "权力清单" not in english


def test_without_a_window_every_visit_renders(app, client, village_world):
    client.get(village_world.url)
    village_world.start(title="路灯帮扶")
    assert "路灯帮扶：结果公示" in client.get(village_world.url).get_data(as_text=True)
