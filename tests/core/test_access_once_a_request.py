"""Who the signed-in person is (their memberships, the tenants they see) is read once a request,
and afresh once the request writes a membership or a tenant, or rolls back."""

from sqlalchemy import event

from core import db
from core.auth.access import memberships, visible_tenant_ids
from core.auth.models import User
from core.auth.operations import add_membership


def _membership_reads(app, act) -> int:
    """How many times ``act()`` reads the memberships table."""
    count = 0

    def counter(_conn, _cursor, statement, *_args):
        nonlocal count
        count += "FROM memberships" in statement

    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", counter)
    try:
        act()
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return count


def test_a_signed_in_page_reads_the_memberships_once(app, client, login, world):
    login(world.users.a1_secretary)
    assert _membership_reads(app, lambda: client.get("/t/town-a1/todo")) == 1


def test_a_membership_added_in_the_request_is_seen_at_once(app, world):
    with app.test_request_context():
        sess = db.session()
        user = sess.get(User, world.users.a1_secretary.id)
        assert world.a2.id not in visible_tenant_ids(user)
        with db.system_scope(sess):
            add_membership(sess, user, sess.merge(world.a2), "township_admin")
            sess.flush()
        assert world.a2.id in visible_tenant_ids(user)
        assert {m.tenant_id for m in memberships(user)} == {world.a1.id, world.a2.id}


def test_after_a_rollback_the_memberships_are_read_again(app, world):
    with app.test_request_context():
        sess = db.session()
        user = sess.get(User, world.users.a1_secretary.id)
        first = _membership_reads(app, lambda: memberships(user))
        sess.rollback()
        db.set_scope(sess, {world.a2.id})  # the memberships are not of this scope
        again = _membership_reads(app, lambda: memberships(user))
        assert first == again == 1
        assert [m.role_key for m in memberships(user)] == ["village_secretary"]


def test_outside_a_request_every_call_reads(app, world):
    with app.app_context():
        user = db.session().get(User, world.users.a1_secretary.id)
        twice = _membership_reads(app, lambda: (memberships(user), memberships(user)))
    assert twice == 2
