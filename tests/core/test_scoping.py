"""Tenant scoping: every ORM query style sees only the tenants in the session's scope."""

import pytest
from sqlalchemy import func, select, text, update

from core import db
from core.auth.models import User
from tenants.models import Village


@pytest.fixture
def scoped(app, world):
    """A fresh session scoped to township A1, as a request of an A1 user would be."""
    with app.app_context():
        sess = db.session()
        db.set_scope(sess, [world.a1.id])
        yield sess


def test_select_sees_only_scoped_tenants(scoped, world):
    names = scoped.scalars(select(Village.name).order_by(Village.code)).all()
    assert names == ["甲一村", "甲二村"]


def test_get_by_foreign_id_answers_none(scoped, world):
    assert scoped.get(Village, world.villages.a2x.id) is None
    assert scoped.get(Village, world.villages.a1x.id) is not None


def test_count_cannot_see_foreign_rows(scoped):
    assert scoped.scalar(select(func.count()).select_from(Village)) == 2


def test_relationship_load_is_scoped(app, world, make_user):
    both = make_user("both", (world.a1, "township_admin"), (world.a2, "township_admin"))
    with app.app_context():
        sess = db.session()
        db.set_scope(sess, [world.a1.id])
        user = sess.get(User, both.id)
        assert [m.tenant_id for m in user.memberships] == [world.a1.id]


def test_orm_update_cannot_touch_foreign_rows(scoped, world, sess):
    scoped.execute(update(Village).values(name="改名"))
    scoped.commit()
    with db.system_scope(sess):
        sess.expire_all()
        assert sess.get(Village, world.villages.a2x.id).name == "乙一村"
        assert sess.get(Village, world.villages.a1x.id).name == "改名"


def test_empty_scope_sees_nothing(app, world):
    with app.app_context():
        sess = db.session()
        db.set_scope(sess, [])
        assert sess.scalars(select(Village)).all() == []


def test_system_scope_sees_everything_and_restores(scoped):
    with db.system_scope(scoped):
        assert scoped.scalar(select(func.count()).select_from(Village)) == 4
    assert scoped.scalar(select(func.count()).select_from(Village)) == 2


@pytest.mark.postgres
def test_row_level_security_denies_rows_when_the_orm_filter_is_bypassed(app, world):
    """Raw SQL skips the ORM listener; PostgreSQL's policies still hide other tenants."""
    with app.app_context():
        sess = db.session()
        db.set_scope(sess, [world.a1.id])
        codes = sess.execute(text("SELECT code FROM villages ORDER BY code")).scalars().all()
        assert codes == ["990101001001", "990101001002"]
        sess.rollback()
        db.set_scope(sess, [])
        assert sess.execute(text("SELECT count(*) FROM villages")).scalar() == 0


@pytest.mark.postgres
def test_row_level_security_refuses_writes_into_another_tenant(app, world):
    from sqlalchemy.exc import ProgrammingError

    with app.app_context():
        sess = db.session()
        db.set_scope(sess, [world.a1.id])
        with pytest.raises(ProgrammingError, match="row-level security"):
            sess.execute(
                text(
                    "INSERT INTO villages (tenant_id, code, name, created_at)"
                    " VALUES (:t, '990101002099', '越界村', now())"
                ),
                {"t": world.a2.id},
            )


@pytest.mark.postgres
def test_scope_does_not_leak_to_the_next_user_of_a_pooled_connection(app, world):
    with app.app_context():
        engine = db.engine()
        first = db.session()
        db.set_scope(first, [world.a1.id])
        first.execute(text("SELECT 1"))
        first.commit()
        first.close()
        with engine.connect() as conn:  # same pool, no scope written
            assert conn.execute(
                text("SELECT current_setting('qingdan.tenant_ids', true)")
            ).scalar() in ("", None)
            assert conn.execute(text("SELECT count(*) FROM villages")).scalar() == 0


def villages_the_database_shows(sess) -> list[str]:
    """Raw SQL: only row-level security, i.e. the scope written to PostgreSQL, filters it."""
    return sess.execute(text("SELECT code FROM villages ORDER BY code")).scalars().all()


@pytest.mark.postgres
def test_each_statement_runs_under_the_scope_of_its_moment(app, world):
    """The scope is written lazily, before the next statement: every change must still
    reach the database, however many come between two statements."""
    with app.app_context():
        sess = db.session()
        db.set_scope(sess, [world.a1.id])
        a1 = villages_the_database_shows(sess)
        db.set_scope(sess, [world.a2.id])
        with db.system_scope(sess):
            assert len(villages_the_database_shows(sess)) == 4
            with db.system_scope(sess):
                pass
        a2 = villages_the_database_shows(sess)
        with db.system_scope(sess):
            pass  # entered and left with no statement: the database must still show A2 only
        assert villages_the_database_shows(sess) == a2
        assert a1 and a2 and not set(a1) & set(a2)


@pytest.mark.postgres
def test_a_streamed_query_runs_under_its_scope(app, world):
    """``yield_per`` reads through a server-side cursor, which can run one statement only: the
    scope must reach the database another way (the audit check streams the whole chain)."""
    with app.app_context():
        sess = db.session()
        db.set_scope(sess, [world.a1.id])
        streamed = sess.execute(
            text("SELECT code FROM villages ORDER BY code").execution_options(yield_per=1)
        )
        assert [code for (code,) in streamed] == ["990101001001", "990101001002"]


@pytest.mark.postgres
def test_a_savepoint_rolled_back_does_not_leave_its_scope_behind(app, world):
    """Rolling back a savepoint reverts the ``SET LOCAL`` made in it; the scope the session
    wants must be written again, not taken as already there."""
    with app.app_context():
        sess = db.session()
        db.set_scope(sess, [world.a1.id])
        a1 = villages_the_database_shows(sess)
        savepoint = sess.begin_nested()
        db.set_scope(sess, [world.a2.id])
        a2 = villages_the_database_shows(sess)
        savepoint.rollback()  # the database is back to A1's scope; the session wants A2's
        assert villages_the_database_shows(sess) == a2 != a1


@pytest.mark.postgres
def test_app_role_does_not_own_the_tables(app):
    with app.app_context():
        sess = db.session()
        owner = sess.execute(
            text("SELECT tableowner FROM pg_tables WHERE tablename = 'villages'")
        ).scalar()
        assert owner != sess.execute(text("SELECT current_user")).scalar()
        forced = sess.execute(
            text("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'villages'")
        ).scalar()
        assert forced is True
