"""The list in force: plugin defaults of enabled plugins, county guidance, township items."""

from core.catalog import operations as ops
from tenants.operations import set_enabled_plugins

ROADS = """
    from core import hookimpl

    QINGDAN_CONTRACT = 1


    @hookimpl
    def qingdan_domain():
        return {"key": "roads", "name": "村道养护", "description": "", "icon": "road"}


    @hookimpl
    def qingdan_items():
        return [{
            "format": 1, "key": "roads.repair", "name": "村道维修", "domain": "roads",
            "basis": ["《农村公路养护管理办法》"], "responsible_role": "village_director",
            "steps": [{"key": "apply", "name": "申请", "kind": "task",
                       "role": "village_director", "next": None}],
        }, {"format": 1, "key": "roads.broken", "name": "坏定义"}]


    @hookimpl
    def qingdan_responsibilities():
        return [{"role": "village_director", "text": "组织村道日常巡查"}]
"""


def keys(sess, host, tenant):
    return [item.key for item, _version in ops.items_in_force(sess, host, tenant)]


def test_county_guidance_reaches_its_townships_only(app, sess, world, make_item, definition):
    host = app.extensions["qingdan.plugins"]
    make_item(world.a, definition)
    assert "local.street_lights" in keys(sess, host, world.a1)
    assert "local.street_lights" not in keys(sess, host, world.b1)


def test_a_township_can_switch_a_county_item_off(app, sess, world, make_item, definition):
    host = app.extensions["qingdan.plugins"]
    item = make_item(world.a, definition)
    ops.switch_item(sess, world.a1, item, False)
    assert "local.street_lights" not in keys(sess, host, world.a1)
    assert "local.street_lights" in keys(sess, host, world.a2)


def test_a_township_item_is_its_own(app, sess, world, make_item, definition):
    host = app.extensions["qingdan.plugins"]
    make_item(world.a1, definition, origin="township")
    assert "local.street_lights" in keys(sess, host, world.a1)
    assert "local.street_lights" not in keys(sess, host, world.a2)


def test_a_draft_is_not_in_force(app, sess, world, make_item, definition):
    host = app.extensions["qingdan.plugins"]
    make_item(world.a1, definition, origin="township", published=False)
    assert "local.street_lights" not in keys(sess, host, world.a1)


def test_plugin_defaults_follow_the_plugin_switch(installed_plugin, qingdan_config, sess, world):
    from core.app import create_app

    installed_plugin("roads", ROADS)
    app = create_app(qingdan_config)
    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, [*host.loaded_keys()])
    sess.commit()
    assert "roads.repair" in keys(sess, host, world.a1)
    assert "roads.repair" not in keys(sess, host, world.a2), "third-party plugins start off"
    errors = host.infos["roads"].errors
    assert errors and "roads.broken" not in keys(sess, host, world.a1)
