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
    engine = _upgraded_then_back_to(empty_database, "base")
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


def test_step_runs_get_their_case_s_village_when_the_column_comes(empty_database):
    """0016 fills ``step_runs.village_id`` from each run's case, whatever the tenant."""
    engine = _upgraded_then_back_to(empty_database, "0015")
    with engine.begin() as conn:
        _as_the_system(conn)
        _a_case_with_two_runs(conn, tenant_id=1, village_id=11)
        _a_case_with_two_runs(conn, tenant_id=2, village_id=12)
    upgrade(empty_database)
    with engine.connect() as conn:
        _as_the_system(conn)
        found = conn.execute(text("SELECT case_id, village_id FROM step_runs ORDER BY id")).all()
    engine.dispose()
    assert [tuple(r) for r in found] == [(1, 11), (1, 11), (2, 12), (2, 12)]


def _upgraded_then_back_to(database: str, revision: str):
    """The engine of ``database`` upgraded to head, then downgraded to ``revision``."""
    from alembic import command

    upgrade(database)
    engine = create_engine(database)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
    return engine


def _as_the_system(conn) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT set_config('qingdan.system', 'on', true)"))


def _a_case_with_two_runs(conn, tenant_id: int, village_id: int) -> None:
    """Rows as revision 0015 holds them: a township (its id the tenant's), one of its
    villages, an item, its version and process, and a case of it with two running steps."""
    from sqlalchemy import insert

    tables = all_metadata().tables
    own = {"tenant_id": tenant_id, "id": tenant_id}
    rows = (
        ("tenants", {"id": tenant_id, "slug": f"t{tenant_id}", "name": "镇", "kind": "township"}),
        (
            "villages",
            {"id": village_id, "code": f"{village_id}", "name": "村", "tenant_id": tenant_id},
        ),
        ("items", {**own, "key": "local.x", "domain": "x", "origin": "township"}),
        (
            "item_versions",
            {
                **own,
                "item_id": tenant_id,
                "number": 1,
                "definition_json": "{}",
                "digest": "d",
                "name": "事项",
            },
        ),
        ("process_snapshots", {**own, "item_version_id": tenant_id, "digest": "d", "steps": []}),
        (
            "cases",
            {
                **own,
                "code": f"C{tenant_id}",
                "title": "",
                "village_id": village_id,
                "item_id": tenant_id,
                "item_version_id": tenant_id,
                "process_id": tenant_id,
            },
        ),
    )
    for table, values in rows:
        conn.execute(insert(tables[table]).values(**values))
    for step in ("apply", "review"):
        conn.execute(
            text(
                "INSERT INTO step_runs (tenant_id, case_id, step_key, status, data, signatures,"
                " started_at) VALUES (:t, :t, :step, 'active', '{}', '[]', CURRENT_TIMESTAMP)"
            ),
            {"t": tenant_id, "step": step},
        )
