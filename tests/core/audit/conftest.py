"""Helpers for the audit tests: a chain to tamper with, and SQL run as the schema owner."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import text

from core import db
from core.audit import record


@pytest.fixture
def as_owner(qingdan_database, app):
    """``as_owner(sql, **params)``: run SQL as the schema owner, past row-level security and
    the app role's missing UPDATE/DELETE rights — what a tamperer with the database would do."""

    def run(sql: str, **params) -> None:
        engine = db.make_engine(qingdan_database.owner_url)
        try:
            with engine.begin() as conn:
                conn.execute(text(sql), params)
        finally:
            engine.dispose()

    return run


@pytest.fixture
def chain(sess, world):
    """Five events of township A1 recorded after ``world``'s own, committed.

    ``chain.events`` are those five; ``chain.tenant`` is A1.
    """
    events = [
        record(
            sess,
            tenant_id=world.a1.id,
            action="test.step",
            subject_type="test",
            subject_id=n,
            payload={"n": n, "text": f"第{n}步"},
        )
        for n in range(1, 6)
    ]
    sess.commit()
    return SimpleNamespace(events=events, tenant=world.a1)
