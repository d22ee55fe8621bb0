"""Items and versions: published versions never change; every edit is a new draft."""

import pytest

from core.catalog import operations as ops
from core.errors import Conflict, Invalid


def test_publishing_a_new_version_leaves_the_old_one_byte_for_byte(
    sess, world, make_item, definition
):
    item = make_item(world.a, definition)
    first = item.published
    stored, digest = first.definition_json, first.digest
    definition["steps"][2]["notice_days"] = 7
    ops.save_draft(sess, item, definition, actor_id=None)
    ops.publish(sess, item)
    sess.commit()
    sess.expire_all()
    old = ops.version(item, 1)
    assert old.definition_json == stored
    assert ops.digest(old.definition_json) == digest == old.digest
    assert item.published.number == 2
    assert ops.definition_of(item.published)["steps"][2]["notice_days"] == 7


def test_a_published_version_refuses_to_change(sess, world, make_item, definition):
    item = make_item(world.a, definition)
    item.published.name = "改过的名字"
    with pytest.raises(ValueError, match="published"):
        sess.flush()


def test_saving_twice_updates_the_one_open_draft(sess, world, make_item, definition):
    item = make_item(world.a, definition)
    definition["name"] = "路灯维修"
    ops.save_draft(sess, item, definition, actor_id=None)
    definition["name"] = "路灯安装与维修"
    draft = ops.save_draft(sess, item, definition, actor_id=None)
    assert [v.number for v in item.versions] == [1, 2]
    assert draft.name == "路灯安装与维修"


def test_publishing_without_a_draft_is_refused(sess, world, make_item, definition):
    item = make_item(world.a, definition)
    with pytest.raises(Conflict, match="没有待发布的草稿"):
        ops.publish(sess, item)


def test_the_key_cannot_change(sess, world, make_item, definition):
    item = make_item(world.a, definition)
    definition["key"] = "local.other"
    with pytest.raises(Invalid, match="不能修改"):
        ops.save_draft(sess, item, definition, actor_id=None)


def test_a_duplicate_key_in_the_same_tenant_is_refused(sess, world, make_item, definition):
    make_item(world.a, definition)
    with pytest.raises(Invalid, match="已被使用"):
        ops.create_item(sess, world.a, definition, origin="county", actor_id=None)


def test_an_invalid_definition_is_refused_with_its_path(sess, world, definition):
    definition["steps"][0]["kind"] = "dance"
    with pytest.raises(Invalid) as exc:
        ops.create_item(sess, world.a, definition, origin="county", actor_id=None)
    assert "steps[0].kind" in exc.value.fields
