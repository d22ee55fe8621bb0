"""The assets plugin as a whole: its villager panel, its lists, and switching it off."""

from datetime import date, timedelta

from core.catalog.lists import lists_in_force
from core.catalog.operations import items_in_force
from core.testing.cases import SAMPLE_ID
from plugins.assets.models import Asset, Contract, RentPayment
from tenants.operations import set_enabled_plugins


def panel(app, world, village):
    from plugins.assets.panels import contracts_panel

    with app.test_request_context():
        return contracts_panel(world.a1, village)


def test_the_panel_lists_contracts_and_rents_with_the_lessee_masked(app, sess, world):
    t, today = world.a1.id, date.today()
    pond = Asset(tenant_id=t, village_id=world.villages.a1x.id, name="南塘<b>水面</b>",
                 kind="resource", location="南塘", status="leased")  # fmt: skip
    sess.add(pond)
    sess.flush()
    for number, name, status, paid in [
        ("ZL-1", "张小明", "active", 500),
        ("ZL-2", "李四", "active", 1000),
        ("ZL-0", "王五", "renewed", 0),
    ]:
        sess.add(Contract(tenant_id=t, village_id=pond.village_id, asset_id=pond.id,
                          contract_no=number, lessee_name=name, lessee_id_number=SAMPLE_ID,
                          lessee_phone="13800138000", starts_on=today - timedelta(days=10),
                          ends_on=today + timedelta(days=700), annual_rent_fen=100_000,
                          status=status,
                          payments=[RentPayment(tenant_id=t, paid_on=today, amount_fen=paid * 100)]))  # fmt: skip
    sess.commit()
    html = panel(app, world, world.villages.a1x)["html"]
    assert "张*明" in html and "李*" in html and "张小明" not in html
    assert SAMPLE_ID not in html and "13800138000" not in html
    assert "欠缴 500.00 元" in html and "已交清" in html
    assert "王*" not in html  # a renewed contract is history, not in force
    assert "南塘&lt;b&gt;水面&lt;/b&gt;" in html


def test_the_panel_says_so_when_there_is_nothing(app, world):
    found = panel(app, world, world.villages.a1y)
    assert found["key"] == "assets.contracts" and "暂无" in found["html"]


def test_disabling_the_plugin_for_a_township_removes_its_items_there_only(app, sess, world):
    host = app.extensions["qingdan.plugins"]

    def keys(tenant):
        return {item.key for item, _ in items_in_force(sess, host, tenant)}

    assert "assets.lease" in keys(world.a1)
    set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "assets"])
    sess.commit()
    assert not {k for k in keys(world.a1) if k.startswith("assets.")}
    assert "assets.lease" in keys(world.a2)


def test_the_ledger_pages_answer_404_where_the_plugin_is_off(app, client, login, sess, world):
    host = app.extensions["qingdan.plugins"]
    login(world.users.a1_admin)
    assert client.get("/t/town-a1/assets/contracts").status_code == 200
    set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "assets"])
    sess.commit()
    assert client.get("/t/town-a1/assets/contracts").status_code == 404


def test_the_lists_carry_the_asset_duties_and_prohibitions(app, sess, world):
    host = app.extensions["qingdan.plugins"]
    duties, bans = lists_in_force(sess, host, world.a1)
    assert any(d.plugin == "assets" and d.role_key == "village_accountant" for d in duties)
    assert {b.rule for b in bans if b.plugin == "assets"} >= {
        "assets.lease_expiry",
        "assets.rent_overdue",
        "assets.kin_lessee",
    }
