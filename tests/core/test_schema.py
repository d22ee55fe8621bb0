"""The migration chain, from an empty database to head and back, on SQLite and PostgreSQL."""

import os
import secrets

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, make_url, text

from core.schema import alembic_config, all_metadata, current_heads, upgrade


@pytest.fixture
def empty_database(tmp_path):
    server = os.environ.get("QINGDAN_TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    name = f"qingdan_empty_{secrets.token_hex(4)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def heads() -> set[str]:
    """Core's head and every plugin branch's head, as the version table lists them: a head
    that another revision depends on is listed as that revision."""
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        script = ScriptDirectory.from_config(alembic_config(conn))
        return set(script.get_heads(consider_depends_on=True))


def test_upgrade_from_empty_reaches_head_and_matches_the_models(empty_database):
    upgrade(empty_database)
    assert current_heads(empty_database) == heads()
    engine = create_engine(empty_database)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), all_metadata())
    engine.dispose()
    assert diff == [], "models and migrations disagree: write a migration"


def test_downgrade_to_base_and_upgrade_again(empty_database):
    from alembic import command

    upgrade(empty_database)
    engine = create_engine(empty_database)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    upgrade(empty_database)
    assert current_heads(empty_database) == heads()


def test_standard_roles_are_seeded(empty_database):
    upgrade(empty_database)
    engine = create_engine(empty_database)
    with engine.connect() as conn:
        keys = set(conn.execute(text("SELECT key FROM roles")).scalars())
    engine.dispose()
    assert {"county_admin", "township_admin", "village_secretary", "village_supervisor"} <= keys


@pytest.mark.postgres
def test_every_tenant_table_has_a_forced_policy(empty_database):
    upgrade(empty_database)
    tenant_tables = {t.name for t in all_metadata().sorted_tables if "tenant_id" in t.c}
    engine = create_engine(empty_database)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_policy p ON p.polrelid = c.oid"
                " WHERE c.relrowsecurity AND c.relforcerowsecurity"
            )
        ).scalars()
        protected = set(rows)
    engine.dispose()
    assert tenant_tables <= protected
