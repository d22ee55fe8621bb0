"""The procurement plugin as a whole: its villager panel, its lists, and switching it off."""

from datetime import date

from core.catalog.lists import lists_in_force
from core.catalog.operations import items_in_force
from plugins.procurement.models import Award, Supplier
from tenants.operations import set_enabled_plugins


def panel(app, world, village):
    from plugins.procurement.panels import awards_panel

    with app.test_request_context():
        return awards_panel(world.a1, village)


def test_the_panel_shows_the_villages_awards_masking_a_persons_name(app, sess, world):
    t = world.a1.id
    company = Supplier(tenant_id=t, name="平安建筑有限公司", credit_code="91110000600037341L")
    person = Supplier(tenant_id=t, name="李大木", phone="13912345678")
    sess.add_all([company, person])
    sess.flush()
    for supplier, subject, village in [
        (company, "村道硬化<script>", world.villages.a1x),
        (person, "会议室桌椅", world.villages.a1x),
        (company, "排水沟修缮", world.villages.a1y),
    ]:
        sess.add(Award(tenant_id=t, village_id=village.id, supplier=supplier, subject=subject,
                       amount_fen=850_000, awarded_on=date(2026, 3, 2), method="quote"))  # fmt: skip
    sess.commit()
    html = panel(app, world, world.villages.a1x)["html"]
    assert "平安建筑有限公司" in html and "8,500.00" in html
    assert "李*木" in html and "李大木" not in html and "13912345678" not in html
    assert "村道硬化&lt;script&gt;" in html and "<script>" not in html
    assert "排水沟修缮" not in html


def test_the_panel_says_so_when_there_is_nothing(app, world):
    found = panel(app, world, world.villages.a1y)
    assert found["key"] == "procurement.awards" and "暂无" in found["html"]


def test_disabling_the_plugin_for_a_township_removes_its_items_there_only(app, sess, world):
    host = app.extensions["qingdan.plugins"]

    def keys(tenant):
        return {item.key for item, _ in items_in_force(sess, host, tenant)}

    assert "procurement.small_works" in keys(world.a1)
    set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "procurement"])
    sess.commit()
    assert not {k for k in keys(world.a1) if k.startswith("procurement.")}
    assert "procurement.small_works" in keys(world.a2)


def test_the_ledger_pages_answer_404_where_the_plugin_is_off(app, client, login, sess, world):
    host = app.extensions["qingdan.plugins"]
    login(world.users.a1_admin)
    assert client.get("/t/town-a1/procurement/awards").status_code == 200
    set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "procurement"])
    sess.commit()
    assert client.get("/t/town-a1/procurement/awards").status_code == 404


def test_the_lists_carry_the_procurement_duties_and_prohibitions(app, sess, world):
    host = app.extensions["qingdan.plugins"]
    duties, bans = lists_in_force(sess, host, world.a1)
    assert any(d.plugin == "procurement" and d.role_key == "village_supervisor" for d in duties)
    assert {b.rule for b in bans if b.plugin == "procurement"} >= {
        "procurement.split_purchase",
        "procurement.too_few_quotes",
        "procurement.tier_bypass",
        "procurement.kin_contractor",
    }
