"""The responsibility and negative lists: plugin entries, admin entries, per-tenant plugins."""

from core.catalog.lists import lists_in_force
from core.testing import csrf_token
from tenants.operations import set_enabled_plugins

LISTS = """
    from core import hookimpl

    QINGDAN_CONTRACT = 1


    @hookimpl
    def qingdan_responsibilities():
        return [{"role": "village_director", "text": "组织村道日常巡查"}]


    @hookimpl
    def qingdan_prohibitions():
        return [{"text": "不得将村道养护工程交由亲属承包", "rule": "kin_contractor"}]
"""


def test_plugin_entries_follow_the_plugin_switch(installed_plugin, qingdan_config, sess, world):
    from core.app import create_app

    installed_plugin("roads", LISTS)
    host = create_app(qingdan_config).extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, host.loaded_keys())
    sess.commit()
    duties, bans = (
        [e for e in entries if e.plugin == "roads"]
        for entries in lists_in_force(sess, host, world.a1)
    )
    assert [d.text for d in duties] == ["组织村道日常巡查"]
    assert bans[0].rule == "kin_contractor"
    assert all(
        e.plugin != "roads" for entries in lists_in_force(sess, host, world.a2) for e in entries
    )


def test_an_admin_adds_and_removes_an_entry(client, login, world, sess):
    login(world.users.a1_admin)
    token = csrf_token(client, "/t/town-a1/lists")
    response = client.post(
        "/t/town-a1/lists",
        data={"csrf_token": token, "duty-role": "village_secretary", "duty-text": "每月召开支委会"},
    )
    assert response.status_code == 302
    page = client.get("/t/town-a1/lists").get_data(as_text=True)
    assert "每月召开支委会" in page
    from sqlalchemy import select

    from core.catalog.models import Responsibility

    entry = sess.scalar(select(Responsibility).where(Responsibility.text == "每月召开支委会"))
    response = client.post(f"/t/town-a1/lists/duty/{entry.id}/remove", data={"csrf_token": token})
    assert response.status_code == 302
    assert "每月召开支委会" not in client.get("/t/town-a1/lists").get_data(as_text=True)


def test_an_empty_entry_is_refused_and_nothing_is_lost(client, login, world):
    login(world.users.a1_admin)
    token = csrf_token(client, "/t/town-a1/lists")
    response = client.post("/t/town-a1/lists", data={"csrf_token": token, "ban-text": "  "})
    assert response.status_code == 422
    assert "请填写内容" in response.get_data(as_text=True)


def test_a_village_secretary_cannot_edit(client, login, world):
    login(world.users.a1_secretary)
    token = csrf_token(client, "/t/town-a1/lists")
    response = client.post("/t/town-a1/lists", data={"csrf_token": token, "ban-text": "不得"})
    assert response.status_code == 403


def test_a_county_lists_entry_reaches_its_townships(client, login, world):
    login(world.users.county_admin)
    token = csrf_token(client, "/t/county-a/lists")
    client.post("/t/county-a/lists", data={"csrf_token": token, "ban-text": "不得优亲厚友"})
    login(world.users.a1_admin)
    assert "不得优亲厚友" in client.get("/t/town-a1/lists").get_data(as_text=True)
    login(world.users.county_b_admin)
    assert client.get("/t/town-a1/lists").status_code == 404
