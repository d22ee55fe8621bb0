"""Qingdan's pytest plugin: the fixtures core's tests use, published for plugin authors.

It is registered through the ``pytest11`` entry point, so a third-party plugin's test suite
gets ``app``, ``client``, ``sess`` and the factories below by installing ``qingdan``.

The database is SQLite by default. With ``QINGDAN_TEST_DATABASE_URL`` set to a PostgreSQL URL
of a role that may create databases, each test session creates a fresh database owned by that
role, connects the app as the non-owner role ``qingdan_app`` (so row-level security applies),
and drops the database at the end. ``QINGDAN_TEST_REDIS_URL`` enables the Redis tests.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from core import db
from core.config import Config

APP_ROLE = "qingdan_app"
PASSWORD = "password-123"


@dataclass(frozen=True)
class TestDatabase:
    owner_url: str
    app_url: str

    @property
    def is_postgres(self) -> bool:
        return self.owner_url.startswith("postgresql")


def pytest_configure(config):
    config.addinivalue_line("markers", "postgres: needs QINGDAN_TEST_DATABASE_URL (PostgreSQL)")
    config.addinivalue_line("markers", "redis: needs QINGDAN_TEST_REDIS_URL")


def pytest_runtest_setup(item):
    """Skip server tests when their server is not configured; in CI that is a failure."""
    for marker, variable in (
        ("postgres", "QINGDAN_TEST_DATABASE_URL"),
        ("redis", "QINGDAN_TEST_REDIS_URL"),
    ):
        if item.get_closest_marker(marker) and not os.environ.get(variable):
            if os.environ.get("CI"):
                pytest.fail(f"CI must set {variable} for {marker} tests")
            pytest.skip(f"{variable} is not set: no {marker} server")


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing():
    """Argon2 at its production cost would dominate the suite's run time."""
    from argon2 import PasswordHasher

    from core.auth import operations

    saved = operations._hasher
    operations._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    operations._hasher = saved


@pytest.fixture(scope="session")
def qingdan_database(tmp_path_factory):
    """A database migrated to head, for the whole test session."""
    with fresh_database(tmp_path_factory.mktemp("db")) as database:
        yield database


@pytest.fixture
def empty_database(tmp_path):
    """A second database migrated to head and holding nothing (restores, migrations)."""
    with fresh_database(tmp_path) as database:
        yield database


@contextmanager
def fresh_database(directory) -> Iterator[TestDatabase]:
    """A new database migrated to head: a SQLite file in ``directory``, or, with
    ``QINGDAN_TEST_DATABASE_URL`` set, a PostgreSQL database dropped afterwards."""
    from core.schema import upgrade

    server = os.environ.get("QINGDAN_TEST_DATABASE_URL")
    if not server:
        url = f"sqlite:///{directory / 'qingdan.sqlite3'}"
        upgrade(url, url)
        yield TestDatabase(url, url)
        return
    name = f"qingdan_test_{os.getpid()}_{secrets.token_hex(3)}"
    # no pool: a connection kept from the CREATE would be dead at the DROP if the server
    # restarted meanwhile (tests/core/test_faults_postgres_restart.py restarts it)
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        _ensure_role(conn, APP_ROLE)
    owner = make_url(server).set(database=name)
    database = TestDatabase(
        owner.render_as_string(hide_password=False),
        owner.set(username=APP_ROLE, password=None).render_as_string(hide_password=False),
    )
    try:
        upgrade(database.owner_url, database.app_url)
        yield database
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _ensure_role(conn, role: str) -> None:
    if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar():
        return
    try:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    except Exception:  # created meanwhile by a parallel test session
        if not conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
        ).scalar():
            raise


@pytest.fixture
def qingdan_config(qingdan_database, tmp_path) -> Config:
    return Config.from_env(
        environ={},
        instance_path=tmp_path / "instance",
        database_url=qingdan_database.app_url,
        database_owner_url=qingdan_database.owner_url,
        redis_url="",
        secret_key="test-secret",
        testing=True,
        public_cache_seconds=0,
    )


@pytest.fixture
def app(qingdan_config, qingdan_database):
    from core.app import create_app

    app = create_app(qingdan_config)
    try:
        yield app
    finally:
        with app.app_context():
            db.engine().dispose()
        wipe(qingdan_database.owner_url)


def wipe(owner_url: str) -> None:
    """Empty every table (as the owner, past row-level security) and re-seed the roles."""
    from core.auth.operations import ensure_standard_roles
    from core.schema import all_metadata

    engine = db.make_engine(owner_url)
    tables = [t for t in reversed(all_metadata().sorted_tables)]
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())
        from sqlalchemy.orm import Session

        with Session(engine) as sess, db.system_scope(sess):
            ensure_standard_roles(sess)
            sess.commit()
    finally:
        engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def sess(app):
    """A session in system scope, for arranging and checking data.

    It is not the session of any request: no app context is held open, so test-client
    requests get their own context, session and tenant scope, as in production.
    """
    session = app.extensions["qingdan.sessionmaker"]()
    try:
        with db.system_scope(session):
            yield session
    finally:
        session.close()  # drops whatever the test left pending or failed


# --- factories -----------------------------------------------------------------------------


@pytest.fixture
def make_tenant(sess):
    from tenants.operations import create_tenant

    counter = iter(range(1, 10_000))

    def make(slug=None, name=None, kind="township", parent=None):
        n = next(counter)
        slug = slug or f"{kind}-{n}"
        return create_tenant(
            sess, slug, name or f"测试{'县' if kind == 'county' else '镇'}{n}", kind, parent
        )

    return make


@pytest.fixture
def make_village(sess):
    from tenants.operations import create_village

    counter = iter(range(1, 10_000))

    def make(tenant, code=None, name=None):
        n = next(counter)
        return create_village(
            sess, tenant, code or f"{990000000000 + tenant.id * 1000 + n}", name or f"测试村{n}"
        )

    return make


@pytest.fixture
def make_user(sess):
    """``make_user("name", (tenant, role), (tenant, role, village), ...)``."""
    from core.auth.operations import add_membership, create_user

    counter = iter(range(1, 10_000))

    def make(username=None, *roles, password=PASSWORD, superuser=False):
        user = create_user(sess, username or f"user{next(counter)}", password, superuser=superuser)
        for role in roles:
            tenant, role_key, *village = role
            add_membership(sess, user, tenant, role_key, village[0] if village else None)
        sess.commit()
        return user

    return make


@pytest.fixture
def world(sess, make_tenant, make_village, make_user):
    """Two counties; county A has townships A1 and A2 with two villages each; users per level.

    The usual stage for isolation tests: everything of A1 must be invisible from A2 and B.
    """
    a = make_tenant("county-a", "甲县", "county")
    b = make_tenant("county-b", "乙县", "county")
    a1 = make_tenant("town-a1", "甲一镇", "township", a)
    a2 = make_tenant("town-a2", "甲二镇", "township", a)
    b1 = make_tenant("town-b1", "乙一镇", "township", b)
    v = SimpleNamespace(
        a1x=make_village(a1, "990101001001", "甲一村"),
        a1y=make_village(a1, "990101001002", "甲二村"),
        a2x=make_village(a2, "990101002001", "乙一村"),
        b1x=make_village(b1, "990201001001", "丙一村"),
    )
    sess.commit()
    users = SimpleNamespace(
        county_admin=make_user("a-admin", (a, "county_admin")),
        county_b_admin=make_user("b-admin", (b, "county_admin")),
        a1_admin=make_user("a1-admin", (a1, "township_admin")),
        a2_admin=make_user("a2-admin", (a2, "township_admin")),
        a1_secretary=make_user("a1-secretary", (a1, "village_secretary", v.a1x)),
        superuser=make_user("root", superuser=True),
    )
    return SimpleNamespace(a=a, b=b, a1=a1, a2=a2, b1=b1, villages=v, users=users)


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """``installed_plugin("wells", source)`` makes a distribution ``qingdan-wells`` whose
    entry point ``wells`` in the group ``qingdan.plugins`` is the module ``source`` — as if
    installed with pip. Apps created afterwards load it."""
    import sys
    import textwrap

    made = []

    def install(name: str, source: str, version: str = "1.0.0") -> None:
        module = f"qingdan_{name}"
        (tmp_path / f"{module}.py").write_text(textwrap.dedent(source))
        dist = tmp_path / f"{module}-{version}.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: qingdan-{name}\nVersion: {version}\n"
        )
        (dist / "entry_points.txt").write_text(f"[qingdan.plugins]\n{name} = {module}\n")
        made.append(module)

    monkeypatch.syspath_prepend(str(tmp_path))
    yield install
    for module in made:
        sys.modules.pop(module, None)


# the browser fixtures, published with the rest
from .browser import ARTIFACTS, DESKTOP, PHONE, browse, chromium, live_server, screenshot  # noqa: E402, F401, I001

# --- signing in ----------------------------------------------------------------------------

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path: str) -> str:
    """The CSRF token of the form on ``path``, as a browser would have it."""
    page = client.get(path)
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {path} ({page.status_code})"
    return match.group(1)


def page_text(response) -> str:
    """The page with its CSRF tokens blanked: a token carries the second it was signed, so
    two answers that must read alike differ in it alone when they straddle a second."""
    return _CSRF.sub('name="csrf_token" value=""', response.get_data(as_text=True))


@pytest.fixture
def login(client):
    def sign_in(user, password=PASSWORD, test_client=None):
        c = test_client or client
        token = csrf_token(c, "/login")
        response = c.post(
            "/login", data={"username": user.username, "password": password, "csrf_token": token}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return c

    return sign_in


@pytest.fixture
def api_token(app):
    """``api_token(user)`` -> headers with a fresh bearer token."""
    from core.auth.operations import issue_token

    def make(user) -> dict[str, str]:
        with app.app_context(), db.system_scope() as session:
            token, _ = issue_token(session, session.merge(user), days=1)
            session.commit()
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def run_case(client, sess, api_token, make_user):
    """``run_case(case_id, slug)`` drives a case to its end through the API with generated
    valid data (see :mod:`core.testing.cases`) and returns its final JSON."""
    from .cases import run_to_completion

    def run(case_id: int, slug: str) -> dict:
        return run_to_completion(client, sess, case_id, slug, api_token, make_user)

    return run
