"""The county template library: counties fill it, townships copy from it."""

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from core.catalog.models import Item
from core.errors import Invalid
from core.testing import csrf_token
from formbuilder.library import operations as ops
from formbuilder.library.models import LibraryEntry

LOCAL_ITEM = json.loads(
    (Path(__file__).parents[1] / "filing" / "local_item.json").read_text("utf-8")
)


@pytest.fixture
def guidance(sess, world):
    """A county guidance item, published."""
    from core.catalog.operations import create_item, publish

    item = create_item(
        sess,
        world.a,
        {**copy.deepcopy(LOCAL_ITEM), "key": "county.lights"},
        origin="county",
        actor_id=None,
    )
    publish(sess, item)
    sess.commit()
    return item


@pytest.fixture
def entry(sess, world, guidance, app):
    from core import plugins

    with app.app_context():
        made = ops.add_entry(
            sess,
            plugins.host(),
            world.a,
            "county-a:county.lights",
            "各村路灯",
            world.users.county_admin,
        )
    sess.commit()
    return made


def test_a_county_admin_adds_an_item_from_the_page(client, login, sess, world, guidance):
    login(world.users.county_admin)
    token = csrf_token(client, "/t/county-a/library")
    response = client.post(
        "/t/county-a/library",
        data={"csrf_token": token, "source": "county-a:county.lights", "description": "路灯模板"},
    )
    assert response.status_code == 302
    assert sess.scalar(select(LibraryEntry.description)) == "路灯模板"


def test_adding_without_a_description_keeps_what_was_typed(client, login, world, guidance):
    login(world.users.county_admin)
    token = csrf_token(client, "/t/county-a/library")
    response = client.post(
        "/t/county-a/library",
        data={"csrf_token": token, "source": "county-a:county.lights", "description": ""},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "请写一句简介" in page
    assert 'value="county-a:county.lights" selected' in page


def test_an_approved_township_item_can_be_added(sess, world, app):
    from core import plugins
    from formbuilder.filing import operations as filing

    item = filing.create_local_item(sess, world.a1, copy.deepcopy(LOCAL_ITEM), world.users.a1_admin)
    filing.submit(sess, world.a1, item, world.users.a1_admin)
    with app.app_context():
        assert "town-a1:local.street_lights" not in ops.sources(sess, plugins.host(), world.a)
        filing.approve(sess, world.a1, item, world.users.county_admin)
        assert "town-a1:local.street_lights" in ops.sources(sess, plugins.host(), world.a)


def test_a_township_admin_copies_an_entry_as_a_local_draft(client, login, sess, world, entry):
    login(world.users.a1_admin)
    page = client.get("/t/town-a1/library").get_data(as_text=True)
    assert "各村路灯" in page and 'value="local.lights"' in page
    token = csrf_token(client, "/t/town-a1/library")
    response = client.post(
        f"/t/town-a1/library/{entry.id}/copy", data={"csrf_token": token, "key": "local.lights"}
    )
    assert response.status_code == 302
    copied = sess.scalar(select(Item).where(Item.tenant_id == world.a1.id))
    assert (copied.key, copied.origin, copied.draft.number) == ("local.lights", "township", 1)


def test_a_copy_under_a_key_not_local_is_refused_and_the_key_kept(client, login, world, entry):
    login(world.users.a1_admin)
    token = csrf_token(client, "/t/town-a1/library")
    response = client.post(
        f"/t/town-a1/library/{entry.id}/copy", data={"csrf_token": token, "key": "lights"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "须以“local.”开头" in page and 'value="lights"' in page


def test_a_taken_key_is_refused(sess, world, entry):
    ops.copy_entry(sess, world.a1, entry, "local.lights", world.users.a1_admin)
    with pytest.raises(Invalid, match="已被使用"):
        ops.copy_entry(sess, world.a1, entry, "local.lights", world.users.a1_admin)


def test_village_staff_cannot_copy(client, login, world, entry):
    login(world.users.a1_secretary)
    token = csrf_token(client, "/t/town-a1/library")
    response = client.post(
        f"/t/town-a1/library/{entry.id}/copy", data={"csrf_token": token, "key": "local.x"}
    )
    assert response.status_code == 403


def test_a_township_cannot_add_to_the_library(client, login, world, guidance):
    login(world.users.a1_admin)
    token = csrf_token(client, "/t/town-a1/library")
    response = client.post(
        "/t/town-a1/library",
        data={"csrf_token": token, "source": "county-a:county.lights", "description": "x"},
    )
    assert response.status_code == 403


def test_another_countys_township_does_not_see_the_entry(
    client, login, sess, world, entry, make_user
):
    b_admin = make_user("b1-admin", (world.b1, "township_admin"))
    login(b_admin)
    assert "各村路灯" not in client.get("/t/town-b1/library").get_data(as_text=True)
    token = csrf_token(client, "/t/town-b1/library")
    response = client.post(
        f"/t/town-b1/library/{entry.id}/copy", data={"csrf_token": token, "key": "local.x"}
    )
    assert response.status_code == 404


def test_a_county_admin_removes_an_entry(client, login, sess, world, entry):
    login(world.users.county_admin)
    token = csrf_token(client, "/t/county-a/library")
    client.post(f"/t/county-a/library/{entry.id}/remove", data={"csrf_token": token})
    assert sess.scalar(select(LibraryEntry.id)) is None
