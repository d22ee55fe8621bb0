"""Creating and upgrading the schema with Alembic, and granting the app role its rights.

Core's migrations are one line of revisions. A plugin with tables of its own ships a
``models`` module and a ``migrations`` folder beside its ``__init__``; its revisions form a
branch labelled with the plugin's key, whose first revision ``depends_on`` the core revision
it needs. ``qingdan init-db`` upgrades every branch to its head.

The schema is owned by the role of ``QINGDAN_DATABASE_OWNER_URL``; the app connects with
``QINGDAN_DATABASE_URL``, which on PostgreSQL should be a different role that does not own the
tables, so row-level security holds for it.
"""

from __future__ import annotations

import os
from importlib import import_module
from importlib.metadata import entry_points
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import MetaData, make_url, text

from core.db import Base, make_engine

#: modules whose import registers models on ``Base.metadata``
MODEL_MODULES = (
    "tenants.models",
    "core.auth.models",
    "core.catalog.models",
    "core.attachments.models",
    "core.audit.models",
    "core.workflow.holidays",
    "core.workflow.models",
    "core.rules.models",
    "core.job_failures",
    "core.notifications.models",
    "formbuilder.filing.models",
    "formbuilder.library.models",
    "core.supervision.models",
    "core.supervision.warning_models",
    "core.supervision.order_models",
    "core.supervision.rating_models",
    "core.supervision.integrity_models",
    "core.supervision.report_models",
    "core.printing.models",
)
MIGRATIONS = Path(__file__).parent / "migrations"


def plugin_packages() -> list[ModuleType]:
    """The built-in plugins and the installed ones; one that fails to import is left out
    here (the plugin host reports it)."""
    from core.plugins import BUILTIN_DOMAINS, ENTRY_POINT_GROUP

    names = [f"plugins.{key}" for key in BUILTIN_DOMAINS]
    names += [ep.value.split(":")[0] for ep in entry_points(group=ENTRY_POINT_GROUP)]
    packages = []
    for name in names:
        try:
            packages.append(import_module(name))
        except Exception:  # reported by the plugin host; the schema goes on without it
            continue
    return packages


def all_metadata() -> MetaData:
    for name in MODEL_MODULES:
        import_module(name)
    for package in plugin_packages():
        if _has_submodule(package, "models"):
            import_module(f"{package.__name__}.models")
    return Base.metadata


def version_locations() -> list[str]:
    found = [str(MIGRATIONS / "versions")]
    for package in plugin_packages():
        folder = Path(package.__file__).parent / "migrations"
        if folder.is_dir():
            found.append(str(folder))
    return found


def _has_submodule(package: ModuleType, name: str) -> bool:
    return hasattr(package, "__path__") and find_spec(f"{package.__name__}.{name}") is not None


def alembic_config(connection) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", os.pathsep.join(version_locations()))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(owner_url: str, app_url: str | None = None, revision: str = "heads") -> None:
    """Upgrade the schema to ``revision`` and grant the app role what it needs."""
    engine = make_engine(owner_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
            if app_url and connection.dialect.name == "postgresql":
                grant_app_role(connection, owner_url, app_url)
    finally:
        engine.dispose()


def grant_app_role(connection, owner_url: str, app_url: str) -> None:
    owner, app = make_url(owner_url).username, make_url(app_url).username
    if not app or app == owner:
        return
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": app})
    if exists.scalar() is None:
        connection.execute(text(f'CREATE ROLE "{app}" LOGIN'))
    connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{app}"'))
    connection.execute(
        text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{app}"')
    )
    connection.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{app}"'))
    # the audit log is append-only: the app adds events and never changes or removes one
    connection.execute(text(f'REVOKE UPDATE, DELETE ON audit_events FROM "{app}"'))


def current_heads(url: str) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())
    finally:
        engine.dispose()
