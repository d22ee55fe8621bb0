"""The villager page: list by domain, running notices, look-ups, panels, lists, contacts."""

from sqlalchemy import event

from core import db
from tests.core.public.seed import HOSTILE


def test_the_village_page_needs_no_login(client, village_world):
    page = client.get(village_world.url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'lang="zh-CN"' in html
    assert "困难帮扶" in html and "户口簿" in html


def test_the_page_lists_running_notices_with_days_left(client, village_world):
    village_world.start(title="路灯帮扶")
    html = client.get(village_world.url).get_data(as_text=True)
    assert "路灯帮扶：结果公示" in html
    assert "还剩 5 天" in html


def test_the_page_names_who_to_call(client, village_world):
    html = client.get(village_world.url).get_data(as_text=True)
    assert "supervisor" in html and "inspector" in html


def test_the_page_shows_the_responsibility_and_negative_lists(client, village_world):
    html = client.get(village_world.url).get_data(as_text=True)
    assert "责任清单" in html and "负面清单" in html


def test_the_page_carries_the_plugins_panels(client, village_world):
    html = client.get(village_world.url).get_data(as_text=True)
    assert "我们的钱包" in html
    assert "暂无已入账的收支" in html  # the finance plugin's panel, rendered as HTML
    assert "&lt;p" not in html and "&lt;table" not in html and "&lt;section" not in html


def test_a_village_of_another_township_reads_as_missing(client, village_world):
    other = village_world.world.villages.a2x.code
    foreign = client.get(f"/p/town-a1/{other}")
    missing = client.get("/p/town-a1/000000000000")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.get_data() == missing.get_data()


def test_an_unknown_township_reads_as_missing(client, village_world):
    assert client.get(f"/p/nowhere/{village_world.village.code}").status_code == 404


def test_hostile_case_titles_render_escaped(client, village_world):
    village_world.start(title=HOSTILE)
    html = client.get(village_world.url).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html  # shown as typed, never evaluated


def test_the_item_page_shows_materials_and_the_flowchart(client, village_world):
    url = f"{village_world.url}/items/local.help"
    html = client.get(url).get_data(as_text=True)
    assert "户口簿" in html and "flowchart.svg" in html
    chart = client.get(f"{url}/flowchart.svg")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"


def test_an_item_not_in_force_reads_as_missing(client, village_world):
    assert client.get(f"{village_world.url}/items/local.nothing").status_code == 404


def _queries(app, client, url) -> int:
    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", counter)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return count


def test_the_page_reads_in_a_fixed_number_of_queries(app, client, village_world):
    village_world.start(title="一")
    client.get(village_world.url)  # first visit copies the plugins' items and lists
    one = _queries(app, client, village_world.url)
    for n in range(4):
        village_world.start(title=f"又一件{n}")
    assert _queries(app, client, village_world.url) == one
