"""The designer's operations: starting, copying, importing, saving and exporting local items."""

import json

import pytest

from core.catalog.operations import publish
from core.errors import Forbidden, Invalid, NotFound
from formbuilder.designer import operations as ops


@pytest.fixture
def township(app, sess, world):
    with app.app_context():
        yield sess.merge(world.a1)


@pytest.fixture
def admin(sess, world):
    return sess.merge(world.users.a1_admin)


def test_a_suggested_key_takes_the_latin_letters_of_the_name(sess, township):
    assert ops.suggest_key(sess, township, "Street Lights 2026") == "local.street_lights_2026"


def test_a_chinese_name_gets_a_numbered_key_not_yet_taken(sess, township, admin):
    ops.create_local_item(sess, township, admin, "路灯安装")
    assert ops.suggest_key(sess, township, "修桥") == "local.item2"


def test_a_new_item_starts_as_a_draft_that_loads(sess, township, admin):
    item = ops.create_local_item(sess, township, admin, "路灯安装")
    assert item.origin == "township"
    assert item.key == "local.item1"
    assert [v.status for v in item.versions] == ["draft"]
    assert ops.export(item.draft)["name"] == "路灯安装"


def test_a_new_item_needs_a_name(sess, township, admin):
    with pytest.raises(Invalid, match="事项名称"):
        ops.create_local_item(sess, township, admin, "   ")


def test_a_local_key_must_start_with_local(sess, township, admin):
    with pytest.raises(Invalid) as caught:
        ops.create_local_item(sess, township, admin, "路灯", key="relief.dibao")
    assert "key" in caught.value.fields


def test_a_plugin_item_is_copied_under_a_local_key(app, sess, township, admin):
    from core import plugins

    host = app.extensions["qingdan.plugins"]
    with app.test_request_context():
        source, name = ops.copy_sources(sess, plugins.host(), township)[0]
        item = ops.copy_item(sess, host, township, admin, source.key)
    copied = ops.export(item.draft)
    assert item.key.startswith("local.") and item.tenant_id == township.id
    assert copied["name"] == name
    assert copied["steps"] == ops.export(source.published)["steps"]


def test_an_own_item_cannot_be_copied_as_a_county_item(app, sess, township, admin):
    ops.create_local_item(sess, township, admin, "路灯", key="local.lights")
    with pytest.raises(NotFound):
        ops.copy_item(sess, app.extensions["qingdan.plugins"], township, admin, "local.lights")


def test_export_then_import_gives_the_same_definition(sess, township, admin, local_item):
    first = ops.import_definition(sess, township, admin, json.dumps(local_item).encode())
    exported = ops.export(first.draft)
    exported["key"] = "local.street_lights_copy"
    second = ops.import_definition(sess, township, admin, json.dumps(exported).encode())
    assert {**ops.export(second.draft), "key": first.key} == ops.export(first.draft)


def test_an_import_that_is_not_json_is_refused_in_chinese(sess, township, admin):
    with pytest.raises(Invalid, match="JSON"):
        ops.import_definition(sess, township, admin, b"\xff\xfenot json")


def test_an_import_reports_faults_by_path(sess, township, admin, local_item):
    local_item["steps"][0]["fields"][0]["type"] = "monye"
    with pytest.raises(Invalid) as caught:
        ops.import_definition(sess, township, admin, json.dumps(local_item).encode())
    assert "steps[0].fields[0].type" in caught.value.fields


def test_saving_a_published_item_makes_a_new_draft(sess, township, admin, local_item):
    item = ops.import_definition(sess, township, admin, json.dumps(local_item).encode())
    publish(sess, item)
    local_item["name"] = "路灯安装（修订）"
    draft = ops.save(sess, township, item, admin, local_item)
    assert (draft.number, draft.status) == (2, "draft")
    assert ops.export(item.published)["name"] == "路灯安装"


def test_the_key_cannot_change_on_save(sess, township, admin, local_item):
    item = ops.import_definition(sess, township, admin, json.dumps(local_item).encode())
    local_item["key"] = "local.other"
    with pytest.raises(Invalid, match="不能修改"):
        ops.save(sess, township, item, admin, local_item)


def test_a_key_that_is_no_item_key_is_not_looked_up(sess, township):
    with pytest.raises(NotFound):
        ops.local_item(sess, township, "local.x\x00")


def test_a_county_admin_reads_but_does_not_edit(sess, township, world):
    assert ops.require_reader(sess.merge(world.users.county_admin), township) is False
    with pytest.raises(Forbidden):
        ops.require_editor(sess.merge(world.users.county_admin), township)


def test_village_staff_may_not_open_the_designer(sess, township, world):
    with pytest.raises(Forbidden):
        ops.require_reader(sess.merge(world.users.a1_secretary), township)
