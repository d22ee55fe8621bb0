"""The village and case pages are rendered once per language and served to every visitor,
each with a form token of their own, until anything of their township changes or their time
is up; with Redis, one copy serves every web process."""

import os
import uuid
from types import SimpleNamespace

import pytest
from sqlalchemy import update
from sqlalchemy.orm import sessionmaker

from core import db
from core.public import page_cache
from core.testing import csrf_token
from core.workflow.models import Case, Notice
from tests.core.public.test_village_page import _queries


@pytest.fixture
def cached(app, monkeypatch):
    """The app keeping pages for 300 s, in a store of this test's own."""
    app.config["QINGDAN"].public_cache_seconds = 300
    monkeypatch.setitem(app.extensions, page_cache.EXTENSION, page_cache.LocalPages())
    return app


@pytest.fixture
def clock(monkeypatch):
    """``clock.now``: the seconds the page cache reads as the time."""

    class Clock:
        now = 1_000_000.0

    monkeypatch.setattr(page_cache.time, "time", lambda: Clock.now)
    return Clock


@pytest.fixture
def shared(cached, monkeypatch):
    """The app keeping its pages in the test Redis, under a prefix of this test's own."""
    pages = page_cache.RedisPages(os.environ["QINGDAN_TEST_REDIS_URL"], f"test:{uuid.uuid4()}:")
    monkeypatch.setitem(cached.extensions, page_cache.EXTENSION, pages)
    yield pages
    for key in pages.redis.scan_iter(f"{pages.prefix}*"):
        pages.redis.delete(key)


def test_a_second_visit_reads_nothing_from_the_database(cached, client, village_world, clock):
    village_world.start(title="路灯帮扶")
    first = _queries(cached, client, village_world.url)
    again = _queries(cached, cached.test_client(), village_world.url)
    assert again == 0 < 10 < first


def test_each_visitor_gets_a_token_of_their_own_that_posts(cached, village_world, clock):
    one, two = cached.test_client(), cached.test_client()
    first, second = csrf_token(one, village_world.url), csrf_token(two, village_world.url)
    assert first != second
    assert page_cache.TOKEN_MARKER not in two.get(village_world.url).get_data(as_text=True)
    posted = two.post(
        f"{village_world.url}/complaints", data={"csrf_token": second, "text": "路灯款项去向不明。"}
    )
    assert posted.status_code == 303 and "/complaints/" in posted.location


def test_a_new_notice_shows_at_once(cached, client, village_world, clock):
    assert "还剩 5 天" not in client.get(village_world.url).get_data(as_text=True)
    village_world.start(title="路灯帮扶")
    assert "路灯帮扶：结果公示" in client.get(village_world.url).get_data(as_text=True)


def test_a_kept_page_is_rendered_again_when_its_time_is_up(cached, client, village_world, clock):
    client.get(village_world.url)
    assert _queries(cached, client, village_world.url) == 0
    clock.now += 300
    assert _queries(cached, client, village_world.url) > 0


def test_a_write_in_another_township_keeps_the_page(cached, client, sess, village_world, clock):
    client.get(village_world.url)
    village_world.world.a2.name = "甲二新镇"
    sess.commit()
    assert _queries(cached, client, village_world.url) == 0


def test_a_write_in_the_county_renders_its_townships_pages_again(
    cached, client, sess, village_world, clock
):
    client.get(village_world.url)
    village_world.world.a.name = "甲县新名"
    sess.commit()
    assert _queries(cached, client, village_world.url) > 0


def test_a_rolled_back_write_keeps_the_page(cached, client, sess, village_world, clock):
    client.get(village_world.url)
    village_world.tenant.name = "不作数"
    sess.flush()
    sess.rollback()
    assert _queries(cached, client, village_world.url) == 0


def test_an_update_statement_renders_the_township_s_pages_again(
    cached, client, sess, village_world, clock
):
    village_world.start(title="路灯帮扶")
    client.get(village_world.url)
    db.set_scope(sess, {village_world.tenant.id})
    sess.execute(update(Notice).values(title="路灯帮扶（更正）"))
    sess.commit()
    assert "路灯帮扶（更正）" in client.get(village_world.url).get_data(as_text=True)


def test_a_statement_in_the_system_scope_renders_every_page_again(
    cached, client, sess, village_world, clock
):
    client.get(village_world.url)
    with db.system_scope(sess):
        sess.execute(update(Case).where(Case.id == -1).values(title=""))
    sess.commit()
    assert _queries(cached, client, village_world.url) > 0


def test_the_case_page_is_kept_until_its_case_changes(cached, client, sess, village_world, clock):
    url = f"/p/town-a1/cases/{village_world.start(title='路灯帮扶')['code']}"
    client.get(url)
    assert _queries(cached, client, url) == 0
    with db.system_scope(sess):
        sess.get(Case, 1).title = "路灯帮扶（更正）"
        sess.commit()
    assert "路灯帮扶（更正）" in client.get(url).get_data(as_text=True)


def test_each_language_is_kept_apart(cached, client, village_world, clock):
    chinese = client.get(village_world.url).get_data(as_text=True)
    english = client.get(f"{village_world.url}?lang=en").get_data(as_text=True)
    assert 'lang="zh-CN"' in chinese and "权力清单" in chinese
    assert "权力清单" not in english


def test_without_a_window_every_visit_renders(app, client, village_world):
    client.get(village_world.url)
    village_world.start(title="路灯帮扶")
    assert "路灯帮扶：结果公示" in client.get(village_world.url).get_data(as_text=True)


def test_without_redis_each_process_keeps_its_own():
    app = _bare_app(SimpleNamespace(redis_url="", database_url="sqlite://"))
    page_cache.init_app(app)
    assert isinstance(app.extensions[page_cache.EXTENSION], page_cache.LocalPages)


def test_the_oldest_page_is_dropped_beyond_the_size(clock):
    pages = page_cache.LocalPages(size=2)
    for key in ("a", "b", "c"):
        pages.put(key, key.encode(), 30)
    assert [pages.get(key) for key in ("a", "b", "c")] == [None, b"b", b"c"]


@pytest.mark.redis
def test_with_redis_one_render_serves_every_process(cached, shared, client, village_world):
    village_world.start(title="路灯帮扶")
    first = _queries(cached, client, village_world.url)
    # another web process: nothing of its own kept, the same Redis
    elsewhere = page_cache.RedisPages(os.environ["QINGDAN_TEST_REDIS_URL"], shared.prefix)
    cached.extensions[page_cache.EXTENSION] = elsewhere
    again = _queries(cached, cached.test_client(), village_world.url)
    assert again == 0 < first
    (key,) = shared.redis.scan_iter(f"{shared.prefix}zh*")
    assert 0 < shared.redis.ttl(key) <= 300


@pytest.mark.redis
def test_with_redis_a_write_in_one_process_shows_in_every_other(
    cached, shared, client, village_world
):
    client.get(village_world.url)
    village_world.start(title="路灯帮扶")  # committed by this process
    elsewhere = page_cache.RedisPages(os.environ["QINGDAN_TEST_REDIS_URL"], shared.prefix)
    cached.extensions[page_cache.EXTENSION] = elsewhere
    html = cached.test_client().get(village_world.url).get_data(as_text=True)
    assert "路灯帮扶：结果公示" in html


@pytest.mark.redis
def test_redis_pages_are_named_by_the_deployment():
    config = SimpleNamespace(redis_url=os.environ["QINGDAN_TEST_REDIS_URL"])
    one, two = _bare_app(config), _bare_app(config)
    config.database_url = "postgresql://db-one/qingdan"
    page_cache.init_app(one)
    config.database_url = "postgresql://db-two/qingdan"
    page_cache.init_app(two)
    first, second = one.extensions[page_cache.EXTENSION], two.extensions[page_cache.EXTENSION]
    assert isinstance(first, page_cache.RedisPages)
    assert first.prefix != second.prefix


def test_a_cache_that_does_not_answer_costs_only_the_cache(
    cached, client, village_world, monkeypatch
):
    down = page_cache.RedisPages("redis://127.0.0.1:1/0", "test:")
    monkeypatch.setitem(cached.extensions, page_cache.EXTENSION, down)
    village_world.start(title="路灯帮扶")
    for _ in range(2):
        response = client.get(village_world.url)
        assert response.status_code == 200
        assert "路灯帮扶：结果公示" in response.get_data(as_text=True)


def _bare_app(config) -> SimpleNamespace:
    """As much of an app as ``page_cache.init_app`` reads."""
    return SimpleNamespace(
        config={"QINGDAN": config}, extensions={"qingdan.sessionmaker": sessionmaker()}
    )
