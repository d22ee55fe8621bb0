"""Operations record who changed what, in the same transaction as the change."""

import pytest
from sqlalchemy import select

from core import db
from core.audit import set_actor, verify
from core.audit.models import AuditEvent
from core.auth.models import Membership, User
from core.plugins import BUILTIN_DOMAINS
from core.testing import csrf_token

USERS = "/t/town-a1/admin/users"
ROADS_ITEM = {
    "format": 1,
    "key": "roads.repair",
    "name": "村道维修",
    "domain": "roads",
    "basis": ["《农村公路养护管理办法》"],
    "responsible_role": "village_director",
    "steps": [
        {"key": "apply", "name": "申请", "kind": "task", "role": "village_director", "next": None}
    ],
}
ROADS = f"""
from core import hookimpl

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {{"key": "roads", "name": "村道养护", "description": "", "icon": "road"}}


@hookimpl
def qingdan_items():
    return [{ROADS_ITEM!r}]
"""


@pytest.fixture
def events(app):
    """``events(action)``: the recorded events of ``action``, oldest first, read afresh."""

    def read(action: str) -> list[AuditEvent]:
        with app.app_context(), db.system_scope() as sess:
            stmt = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
            return list(sess.scalars(stmt))

    return read


def test_a_membership_added_on_the_page_names_the_admin(client, world, login, events):
    login(world.users.county_admin)
    response = client.post(
        USERS,
        data={
            "csrf_token": csrf_token(client, USERS),
            "username": "zhang",
            "display_name": "张三",
            "password": "secret-pass-1",
            "role": "village_director",
            "village": "990101001002",
        },
    )
    assert response.status_code == 302
    event = events("membership.added")[-1]
    assert (event.tenant_id, event.actor_id) == (world.a1.id, world.users.county_admin.id)
    assert event.actor_label == "a-admin"
    assert event.payload["username"] == "zhang"
    assert event.payload["role"] == "village_director"
    assert event.payload["village_id"] == world.villages.a1y.id


def test_a_membership_removed_on_the_page_names_the_admin(client, world, login, events, sess):
    membership = sess.scalar(
        select(Membership).where(Membership.user_id == world.users.a1_secretary.id)
    )
    login(world.users.a1_admin)
    page = USERS
    response = client.post(
        f"{page}/{membership.id}/remove", data={"csrf_token": csrf_token(client, page)}
    )
    assert response.status_code == 302
    (event,) = events("membership.removed")
    assert (event.actor_id, event.subject_id) == (world.users.a1_admin.id, str(membership.id))
    assert event.payload["username"] == "a1-secretary"


def test_a_refused_change_records_nothing(client, world, login, events, sess):
    own = sess.scalar(select(Membership).where(Membership.user_id == world.users.a1_admin.id))
    login(world.users.a1_admin)
    response = client.post(
        f"{USERS}/{own.id}/remove", data={"csrf_token": csrf_token(client, USERS)}
    )
    assert response.status_code == 422
    assert events("membership.removed") == []


def test_an_existing_membership_added_again_records_nothing(sess, world, events):
    from core.auth.operations import add_membership

    before = len(events("membership.added"))
    add_membership(sess, world.users.a1_admin, world.a1, "township_admin")
    sess.commit()
    assert len(events("membership.added")) == before


def test_setup_outside_a_request_is_recorded_as_the_system(world, events):
    first = events("membership.added")[0]
    assert (first.actor_id, first.actor_label) == (None, "system")


def test_plugin_changes_through_the_api_name_the_token_user(client, world, api_token, events):
    enabled = [k for k in BUILTIN_DOMAINS if k != "relief"]
    headers = api_token(world.users.county_admin)
    response = client.put(
        "/api/v1/tenants/county-a/plugins", json={"enabled": enabled}, headers=headers
    )
    assert response.status_code == 200
    (changed,) = events("plugins.changed")
    assert (changed.tenant_id, changed.actor_id) == (world.a.id, world.users.county_admin.id)
    assert "relief" in changed.payload["disabled"] and "relief" not in changed.payload["enabled"]
    response = client.delete("/api/v1/tenants/town-a1/plugins", headers=headers)
    assert response.status_code == 200
    (inherited,) = events("plugins.inherited")
    assert (inherited.tenant_id, inherited.payload) == (world.a1.id, {"county_id": world.a.id})


def test_plugin_defaults_are_the_systems_even_inside_a_users_request(
    installed_plugin, qingdan_config, sess, world, events
):
    from core.app import create_app
    from core.catalog.operations import sync_plugin_items

    installed_plugin("roads", ROADS)
    host = create_app(qingdan_config).extensions["qingdan.plugins"]
    set_actor(sess, world.users.county_admin)
    sync_plugin_items(sess, host, world.a)
    sess.commit()
    recorded = [
        e
        for action in ("item.created", "item.draft_saved", "item.published")
        for e in events(action)
        if e.payload["key"] == "roads.repair"
    ]
    assert len(recorded) == 3
    assert {(e.tenant_id, e.actor_label) for e in recorded} == {(world.a.id, "system")}
    assert recorded[0].payload == {
        "key": "roads.repair",
        "domain": "roads",
        "origin": "plugin",
        "plugin": "roads",
    }


def test_an_item_a_user_creates_is_theirs(sess, world, events):
    from core.catalog.operations import create_item, publish, save_draft

    set_actor(sess, world.users.county_admin)
    item = create_item(sess, world.a, ROADS_ITEM, origin="county", actor_id=None)
    save_draft(sess, item, {**ROADS_ITEM, "name": "村道维修（修订）"}, actor_id=None)
    publish(sess, item)
    sess.commit()
    recorded = [*events("item.created"), *events("item.draft_saved"), *events("item.published")]
    assert [e.actor_id for e in recorded] == [world.users.county_admin.id] * 4
    assert [e.payload.get("version") for e in events("item.draft_saved")] == [1, 1]
    assert verify(sess) == []


def test_the_log_keeps_the_actor_after_the_account_is_gone(sess, world, events, client, login):
    login(world.users.a1_admin)
    response = client.post(
        USERS,
        data={
            "csrf_token": csrf_token(client, USERS),
            "username": "wang",
            "display_name": "王五",
            "password": "secret-pass-1",
            "role": "township_inspector",
            "village": "",
        },
    )
    assert response.status_code == 302
    wang = sess.scalar(select(User).where(User.username == "wang"))
    sess.delete(wang)
    sess.commit()
    event = events("membership.added")[-1]
    assert (event.actor_label, event.payload["username"]) == ("a1-admin", "wang")
    assert verify(sess) == []
