"""``/t/<slug>/admin/plugins``: plugin health, errors, and per-tenant activation."""

import re
from types import SimpleNamespace

import pytest

from core import CONTRACT_VERSION, hookimpl
from core.plugins import BUILTIN_DOMAINS

A1, A2, COUNTY = "/t/town-a1/admin/plugins", "/t/town-a2/admin/plugins", "/t/county-a/admin/plugins"


@pytest.fixture
def host(app):
    return app.extensions["qingdan.plugins"]


def _card(page: str, key: str) -> str:
    """The part of the page about plugin ``key``."""
    cards = re.findall(r'<li class="card plugin.*?</li>\s*(?=<li class="card|</ul>)', page, re.S)
    (card,) = [c for c in cards if f"<code>{key}</code>" in c]
    return card


def _all_but(host, key):
    return [k for k in host.loaded_keys() if k != key]


def test_page_lists_the_eight_builtins_as_healthy(client, world, login):
    login(world.users.a1_admin)
    page = client.get(A1).get_data(as_text=True)
    for key in BUILTIN_DOMAINS:
        card = _card(page, key)
        assert '<span class="badge badge-ok">正常</span>' in card
        assert "内置" in card and "已启用" in card
    assert "村级重大决策事项" in page and "四议两公开" in page
    assert "全部运行正常" in page


def test_county_admin_turns_a_plugin_off_for_one_township(client, world, login, post_form, host):
    login(world.users.county_admin)
    response = post_form(A1, {"enabled": _all_but(host, "relief")})
    assert response.status_code == 302
    relief_a1 = _card(client.get(A1).get_data(as_text=True), "relief")
    relief_a2 = _card(client.get(A2).get_data(as_text=True), "relief")
    assert "未启用" in relief_a1 and "本单位设置" in relief_a1
    assert "已启用" in relief_a2 and "默认设置" in relief_a2


def test_township_inherits_its_countys_choice(client, world, login, post_form, host):
    login(world.users.county_admin)
    post_form(COUNTY, {"enabled": _all_but(host, "disaster")})
    card = _card(client.get(A1).get_data(as_text=True), "disaster")
    assert "未启用" in card and "沿用县（区）设置" in card


def test_township_admin_sees_plugins_read_only(client, world, login, post_form, host):
    login(world.users.a1_admin)
    page = client.get(A1).get_data(as_text=True)
    assert 'type="checkbox"' not in page
    assert "需要县（区）管理员权限" in page
    assert post_form(A1, {"enabled": _all_but(host, "relief")}).status_code == 403


def test_unknown_plugin_key_is_refused(client, world, login, post_form):
    login(world.users.county_admin)
    response = post_form(A1, {"enabled": ["decisions", "no-such-plugin"]})
    assert response.status_code == 422
    assert "没有这些插件：no-such-plugin" in response.get_data(as_text=True)


def test_a_plugin_whose_hook_raises_shows_its_error(client, world, login, host):
    def qingdan_responsibilities():
        raise RuntimeError("责任清单文件损坏")

    broken = SimpleNamespace(
        QINGDAN_CONTRACT=CONTRACT_VERSION,
        qingdan_responsibilities=hookimpl(qingdan_responsibilities),
    )
    host.register(broken, key="broken", version="1", builtin=True)
    host.caller("qingdan_responsibilities", {"broken", *BUILTIN_DOMAINS})()
    login(world.users.a1_admin)
    page = client.get(A1).get_data(as_text=True)
    card = _card(page, "broken")
    assert "运行出错" in card
    assert "qingdan_responsibilities" in card and "RuntimeError: 责任清单文件损坏" in card
    assert "1 个出错" in page
    assert page.count('<span class="badge badge-ok">正常</span>') == len(BUILTIN_DOMAINS)


def test_a_refused_plugin_is_listed_with_its_load_error(client, world, login, host):
    host.register(SimpleNamespace(QINGDAN_CONTRACT=99), key="ancient", version="0.1", builtin=False)
    login(world.users.county_admin)
    card = _card(client.get(A1).get_data(as_text=True), "ancient")
    assert "版本不兼容，已拒绝" in card and "第三方" in card
    assert "契约版本 99" in card
    assert "未加载，无法启用" in card and 'value="ancient"' not in card


def test_plugin_error_text_is_escaped(client, world, login, host):
    def qingdan_prohibitions():
        raise ValueError("<script>alert(1)</script>")

    host.register(
        SimpleNamespace(
            QINGDAN_CONTRACT=CONTRACT_VERSION, qingdan_prohibitions=hookimpl(qingdan_prohibitions)
        ),
        key="noisy",
        version="1",
        builtin=False,
    )
    host.caller("qingdan_prohibitions", {"noisy"})()
    login(world.users.a1_admin)
    page = client.get(A1).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_inherit_button_makes_the_township_follow_its_county(client, login, world, sess):
    from core.testing import csrf_token
    from tenants.operations import plugin_states, set_enabled_plugins

    login(world.users.county_admin)
    host = client.application.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, [])
    sess.commit()
    token = csrf_token(client, "/t/town-a1/admin/plugins")
    response = client.post("/t/town-a1/admin/plugins/inherit", data={"csrf_token": token})
    assert response.status_code == 302
    states = plugin_states(sess, host, world.a1)
    assert all(s["source"] == "default" and s["enabled"] for s in states)
