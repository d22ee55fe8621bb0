"""Issue 9: a flowchart is drawn once per tenant and inputs, and never served stale."""

import pytest

from core.documents import chart_cache

ITEM = {"key": "local.help", "name": "困难帮扶", "steps": []}
STEPS = [{"key": "apply", "name": "申请", "kind": "form", "role": "villager", "fields": []}]


@pytest.fixture
def drawings(monkeypatch):
    """The inputs of every chart actually drawn."""
    drawn = []

    def draw(item, steps, **kwargs):
        drawn.append((item["name"], kwargs["role_names"].get("villager")))
        return f"<svg>{len(drawn)}</svg>"

    chart_cache.charts.clear()
    monkeypatch.setattr(chart_cache, "flowchart_svg", draw)
    yield drawn
    chart_cache.charts.clear()


def chart(tenant_id=1, item=ITEM, villager="村民"):
    return chart_cache.cached_flowchart_svg(
        tenant_id, item, STEPS, role_names={"villager": villager}
    )


def test_the_same_chart_is_drawn_once(drawings):
    assert chart() == chart() == "<svg>1</svg>"
    assert len(drawings) == 1


def test_another_tenant_gets_its_own_drawing(drawings):
    chart(tenant_id=1)
    assert chart(tenant_id=2) == "<svg>2</svg>"
    assert len(drawings) == 2


def test_changed_inputs_are_drawn_again(drawings):
    chart()
    assert chart(item={**ITEM, "name": "困难帮扶（修订）"}) == "<svg>2</svg>"
    assert chart(villager="群众") == "<svg>3</svg>"
    assert drawings[-1] == ("困难帮扶", "群众")


def test_the_cache_keeps_only_the_latest_charts(drawings, monkeypatch):
    monkeypatch.setattr(chart_cache.charts, "size", 2)
    chart(tenant_id=1)
    chart(tenant_id=2)
    chart(tenant_id=1)  # used again: now the newest
    chart(tenant_id=3)  # pushes out tenant 2
    chart(tenant_id=1)
    assert len(drawings) == 3
    chart(tenant_id=2)
    assert len(drawings) == 4


def test_a_public_item_chart_is_drawn_once_for_many_visitors(client, sess, world, monkeypatch):
    from core.catalog.operations import create_item, publish
    from tests.core.public.seed import DEFINITION

    publish(sess, create_item(sess, world.a, DEFINITION, origin="county", actor_id=None))
    sess.commit()
    real = chart_cache.flowchart_svg
    drawn = []

    def draw(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    chart_cache.charts.clear()
    monkeypatch.setattr(chart_cache, "flowchart_svg", draw)
    url = f"/p/town-a1/{world.villages.a1x.code}/items/local.help/flowchart.svg"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and b"<svg" in first.data
    assert len(drawn) == 1
