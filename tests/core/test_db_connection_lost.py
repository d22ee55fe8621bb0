"""A request's connection dying under it (PostgreSQL restarted): the request's own error
stands — a 503 from the database error — never a 500 from the clean-up after it."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from core import db


def terminate(owner_url: str, pid: int) -> None:
    """End a backend as a server shutting down does."""
    engine = db.make_engine(owner_url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            conn.commit()
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_leaving_the_system_scope_of_a_dead_connection_keeps_its_error(app, qingdan_database):
    with app.app_context():
        sess = db.session()
        pid = sess.execute(text("SELECT pg_backend_pid()")).scalar()
        with pytest.raises(OperationalError), db.system_scope(sess):
            terminate(qingdan_database.owner_url, pid)
            sess.execute(text("SELECT 1"))


@pytest.mark.postgres
def test_the_end_of_a_request_whose_connection_died_raises_nothing(app, qingdan_database):
    with app.app_context():
        sess = db.session()
        pid = sess.execute(text("SELECT pg_backend_pid()")).scalar()
        terminate(qingdan_database.owner_url, pid)
    with app.app_context():  # and the next request gets a live connection
        assert db.session().execute(text("SELECT 1")).scalar() == 1
