"""The plugin host: built-ins, entry points, contract versions and failure isolation."""

import types

import pytest
from sqlalchemy.exc import OperationalError

from core import CONTRACT_VERSION, hookimpl
from core.app import create_app
from core.plugins import BUILTIN_DOMAINS, PluginHost

EIGHT = {
    "decisions": "村级重大决策事项",
    "procurement": "村级采购事项",
    "finance": "村级财务管理",
    "personnel": "村级工作人员任用",
    "transparency": "阳光村务",
    "assets": "村集体资源和资产管理",
    "relief": "村民救助",
    "disaster": "救灾款申请",
}


def plugin(key, **hooks):
    """A plugin object with the given hook implementations."""
    ns = types.SimpleNamespace(QINGDAN_CONTRACT=CONTRACT_VERSION)
    for name, func in hooks.items():
        setattr(ns, name, hookimpl(func))
    return ns


def test_the_eight_domains_register_with_chinese_names(app):
    host = app.extensions["qingdan.plugins"]
    assert {k: host.infos[k].domain["name"] for k in BUILTIN_DOMAINS} == EIGHT
    assert all(host.infos[k].status == "loaded" for k in BUILTIN_DOMAINS)


def test_a_raising_hook_is_isolated_and_recorded():
    host = PluginHost()
    host.load_builtins()

    def boom():
        raise RuntimeError("数据库连不上")

    host.register(
        plugin("broken", qingdan_responsibilities=boom), key="broken", version="1", builtin=False
    )
    host.register(
        plugin("fine", qingdan_responsibilities=lambda: [{"role": "x", "text": "y"}]),
        key="fine",
        version="1",
        builtin=False,
    )
    results = host.caller("qingdan_responsibilities", {"broken", "fine"})()
    assert results == [[{"role": "x", "text": "y"}]]
    info = host.infos["broken"]
    assert info.status == "degraded"
    assert info.errors[0].hook == "qingdan_responsibilities"
    assert "数据库连不上" in info.errors[0].message
    assert host.infos["fine"].status == "loaded"


def test_a_database_gone_away_inside_a_hook_is_not_the_plugins_fault():
    host = PluginHost()

    def away():
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    host.register(
        plugin("innocent", qingdan_responsibilities=away),
        key="innocent",
        version="1",
        builtin=False,
    )
    with pytest.raises(OperationalError):
        host.caller("qingdan_responsibilities", {"innocent"})()
    assert host.infos["innocent"].status == "loaded"


def test_a_plugin_for_another_contract_version_is_refused():
    host = PluginHost()
    old = plugin("old", qingdan_domain=lambda: {"key": "old", "name": "旧插件"})
    old.QINGDAN_CONTRACT = CONTRACT_VERSION + 1
    assert host.register(old, key="old", version="1", builtin=False) is None
    assert host.infos["old"].state == "refused"
    assert "契约版本" in host.infos["old"].load_error
    assert "old" not in host.loaded_keys()


def test_a_plugin_with_an_unknown_hook_is_refused():
    host = PluginHost()
    odd = plugin("odd", qingdan_no_such_hook=lambda: None)
    assert host.register(odd, key="odd", version="1", builtin=False) is None
    assert host.infos["odd"].state == "failed"


def test_caller_asks_only_enabled_plugins():
    host = PluginHost()
    host.register(
        plugin("a", qingdan_prohibitions=lambda: ["a"]), key="a", version="1", builtin=True
    )
    host.register(
        plugin("b", qingdan_prohibitions=lambda: ["b"]), key="b", version="1", builtin=True
    )
    assert host.caller("qingdan_prohibitions", {"b"})() == [["b"]]


WELLS = """
    from flask import Blueprint

    from core import hookimpl

    QINGDAN_CONTRACT = 1
    bp = Blueprint("wells", __name__)


    @bp.get("/t/<slug>/wells/")
    def wells(slug):
        return "机井台账"


    @hookimpl
    def qingdan_domain():
        return {"key": "wells", "name": "机井管理", "description": "农田机井", "icon": "well"}


    @hookimpl
    def qingdan_prohibitions():
        return [{"text": "不得私自出租机井", "rule": None}]


    @hookimpl
    def qingdan_blueprints():
        return [bp]
"""


@pytest.fixture
def installed_distribution(installed_plugin):
    installed_plugin("wells", WELLS, version="2.3.0")


def test_an_entry_point_plugin_is_loaded_and_off_by_default(
    installed_distribution, qingdan_config, world, sess
):
    from tenants.operations import plugin_states

    app = create_app(qingdan_config)
    host = app.extensions["qingdan.plugins"]
    info = host.infos["wells"]
    assert (info.name, info.version, info.builtin, info.status) == (
        "机井管理",
        "2.3.0",
        False,
        "loaded",
    )
    with app.app_context():
        states = {s["key"]: s["enabled"] for s in plugin_states(sess, host, world.a1)}
    assert states["wells"] is False
    assert all(states[k] for k in BUILTIN_DOMAINS)


def test_an_entry_point_that_fails_to_import_is_reported(installed_plugin, qingdan_config):
    installed_plugin("bad", "raise ImportError('缺少依赖 numpy')\n")
    host = create_app(qingdan_config).extensions["qingdan.plugins"]
    assert host.infos["bad"].state == "failed"
    assert "缺少依赖 numpy" in host.infos["bad"].load_error
    assert len(host.loaded_keys()) == len(BUILTIN_DOMAINS)


def test_a_disabled_plugin_is_off_for_that_tenant_only(
    installed_distribution, qingdan_config, world, sess, login
):
    from core.plugins import tenant_hook
    from tenants.operations import set_enabled_plugins

    app = create_app(qingdan_config)
    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, [*BUILTIN_DOMAINS, "wells"])
    set_enabled_plugins(sess, host, world.a2, list(BUILTIN_DOMAINS))
    sess.commit()
    client = login(world.users.county_admin, test_client=app.test_client())
    assert client.get("/t/town-a1/wells/").status_code == 200
    assert client.get("/t/town-a2/wells/").status_code == 404
    with app.test_request_context():
        from core import db

        a1 = db.session().merge(world.a1)
        a2 = db.session().merge(world.a2)
        wells = [{"text": "不得私自出租机井", "rule": None}]
        assert wells in tenant_hook(a1, "qingdan_prohibitions")()
        assert wells not in tenant_hook(a2, "qingdan_prohibitions")()


QUOTES = """
    from core import hookimpl

    QINGDAN_CONTRACT = 1


    @hookimpl
    def qingdan_field_types():
        return [{"key": "quotes_table", "label": "报价表", "base": "table",
                 "options": {"columns": [{"key": "supplier", "type": "text", "label": "供应商"}],
                             "min_rows": 3}}]
"""


def test_plugin_field_types_are_registered(installed_plugin, qingdan_config):
    from formbuilder import fieldtypes

    installed_plugin("quotes", QUOTES)
    create_app(qingdan_config)
    assert fieldtypes.get("quotes_table").label == "报价表"


def test_a_bad_field_type_is_the_plugins_error_alone(installed_plugin, qingdan_config):
    installed_plugin("badtype", QUOTES.replace('"base": "table"', '"base": "hologram"'))
    host = create_app(qingdan_config).extensions["qingdan.plugins"]
    assert host.infos["badtype"].errors[0].hook == "qingdan_field_types"
    assert host.infos["decisions"].status == "loaded"
