"""The bench's own database: dropped and created afresh, migrated as ``core.testing``'s
fresh databases are (an owner, and an app role that does not own the tables, so row-level
security applies to what is measured), and left in place for inspection."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from core.schema import upgrade

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
NAME = "qingdan_bench"
APP_ROLE = "qingdan_app"


@dataclass(frozen=True)
class Database:
    owner_url: str
    app_url: str


def urls(server: str = SERVER, name: str = NAME, app_role: str = APP_ROLE) -> Database:
    owner = make_url(server).set(database=name)
    return Database(
        owner.render_as_string(hide_password=False),
        owner.set(username=app_role, password=None).render_as_string(hide_password=False),
    )


def recreate(database: Database) -> None:
    """Drop the database if it exists, create it, migrate it to head."""
    owner = make_url(database.owner_url)
    admin = create_engine(
        owner.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{owner.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{owner.database}"'))
    finally:
        admin.dispose()
    migrate(database)


def migrate(database: Database) -> None:
    """Upgrade to head and grant the app role (creating it where it is missing)."""
    upgrade(database.owner_url, database.app_url)
