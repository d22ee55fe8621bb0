"""补贴去哪了 · 救灾款物: masked, escaped, the past year only, never a minor."""

from datetime import date, timedelta

from disaster_ids import adult, minor

from core.db import utcnow
from core.plugins import tenant_hook
from core.public.masking import mask_id
from plugins.disaster.panels import subsidies_panel

TODAY = utcnow().date()


def panel_html(app, world) -> str:
    with app.app_context():
        return str(subsidies_panel(world.a1, world.villages.a1x)["html"])


def recent(add_recipient, number, **values):
    start = TODAY - timedelta(days=30)
    return add_recipient(number, period_start=start, period_end=start, **values)


def test_the_panel_masks_names_and_id_numbers(app, world, add_recipient):
    number = adult(1)
    recent(add_recipient, number, head_name="陈建国", amount="2400.00", status="pending")
    html = panel_html(app, world)
    assert "陈*国" in html and "陈建国" not in html
    assert mask_id(number) in html and number not in html
    assert "2,400.00" in html and "待发放" in html


def test_the_panel_never_shows_a_minor(app, world, add_recipient):
    recent(add_recipient, minor(2), head_name="林小宝")
    assert "林*宝" not in panel_html(app, world)


def test_the_panel_escapes_and_keeps_to_the_past_year(app, world, add_recipient):
    recent(add_recipient, adult(3), head_name="<i>黄</i>")
    add_recipient(
        adult(4), head_name="许旧年", period_start=date(2020, 1, 1), period_end=date(2020, 3, 1)
    )
    html = panel_html(app, world)
    assert "<i>" not in html and "&lt;" in html
    assert "许*年" not in html


def test_the_panel_comes_through_the_hook(app, world):
    with app.app_context():
        panels = tenant_hook(world.a1, "qingdan_public_panels")(
            tenant=world.a1, village=world.villages.a1x
        )
    assert "disaster.subsidies" in {p["key"] for batch in panels for p in batch or ()}
