"""The database: one declarative base, the engine and session, and tenant scoping.

Tenant scoping is the platform's first line of isolation. Every model that mixes in
:class:`TenantOwned` carries ``tenant_id``; a ``do_orm_execute`` listener adds
``with_loader_criteria`` to every ORM statement (``session.get``, ``select()``, relationship
loads, ORM updates and deletes) so that only rows of the tenants in the session's *scope* are
seen. A session with no scope sees no tenant rows at all: code that must cross tenants (the
CLI, the sweep, login) says so with :func:`system_scope`.

On PostgreSQL the same scope is written with ``set_config(..., is_local => true)`` at the start
of every transaction, and row-level security policies (see ``core/rls.py``) enforce it again in
the database, so a query that bypasses the ORM still sees nothing it should not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import current_app, g
from sqlalchemy import (
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    MetaData,
    PrimaryKeyConstraint,
    TypeDecorator,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    declared_attr,
    mapped_column,
    sessionmaker,
    with_loader_criteria,
)
from sqlalchemy.schema import CreateColumn

from core.distribution import is_distributed

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: session.info keys
SCOPE = "qingdan_tenant_ids"
SYSTEM = "qingdan_system"


def utcnow() -> datetime:
    """Timestamps are stored in UTC and shown in the tenant's time zone."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend (SQLite stores no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime: store timestamps in UTC")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class TenantOwned:
    """Mixin for every row that belongs to one tenant (a county or a township).

    Unique keys and indexes of such tables start with ``tenant_id``. On a distributed table
    (:mod:`core.distribution`) the primary key is ``(id, tenant_id)``; the ORM still knows a
    row by ``id`` alone, so ``session.get(Model, id)`` works as before.
    """

    #: the row's number; on a distributed table, the first column of its key
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True, sort_order=-1)

    @declared_attr
    def tenant_id(cls) -> Mapped[int]:
        # no table name: the mixin itself, standing for its classes in the scoping criteria
        table = getattr(cls, "__tablename__", None)
        return mapped_column(
            ForeignKey("tenants.id", ondelete="CASCADE"),
            index=True,
            primary_key=table is not None and is_distributed(table),
        )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return identity(cls)


def identity(cls) -> dict:
    """Mapper arguments that make ``id`` alone the ORM identity of a tenant-owned class (for
    a class that needs mapper arguments of its own)."""
    return {"primary_key": [cls.__table__.c.id]}


def tenant_reference(column: str, target: str, **kw) -> ForeignKeyConstraint:
    """The reference ``(tenant_id, column) -> target(tenant_id, id)`` between two distributed
    tables: a row can only point at a row of its own tenant."""
    return ForeignKeyConstraint(
        ["tenant_id", column], [f"{target}.tenant_id", f"{target}.id"], **kw
    )


def tenant_join(target: str, reference: str) -> str:
    """The ``primaryjoin`` of a relationship along a :func:`tenant_reference`, e.g.
    ``tenant_join("Case", "StepRun.case_id")`` on both ``Case.runs`` and ``StepRun.case``.

    It joins and writes the id column only. Ids are unique on their own, so this is the same
    join; and a join on the target's ORM identity lets SQLAlchemy answer ``step_run.case``
    from the rows already in the session instead of asking the database again. Every
    statement still carries the tenant condition (the session's scope), so on Citus it stays
    on the tenant's node. ``tenant_id`` is the row's own: every relationship of the row would
    otherwise claim to write it.
    """
    return f"{target}.id == foreign({reference})"


# SQLite cannot autoincrement a column of a composite primary key: only a single INTEGER
# PRIMARY KEY column is the rowid. So on SQLite the key (id, tenant_id) is written as
# PRIMARY KEY (id) -- id stays the rowid, handed out as before -- plus UNIQUE (tenant_id, id),
# the parent key that references (tenant_id, x_id) need. PostgreSQL gets the real key.


def _is_tenant_key(constraint: PrimaryKeyConstraint) -> bool:
    return [c.name for c in constraint.columns] == ["id", "tenant_id"]


@compiles(PrimaryKeyConstraint, "sqlite")
def _sqlite_primary_key(constraint, compiler, **kw) -> str:
    if not _is_tenant_key(constraint):
        return compiler.visit_primary_key_constraint(constraint, **kw)
    name = compiler.preparer.format_constraint(constraint) if constraint.name else None
    preamble = f"CONSTRAINT {name} " if name else ""
    return f"{preamble}PRIMARY KEY (id), UNIQUE (tenant_id, id)"


@compiles(CreateColumn, "sqlite")
def _sqlite_column(create, compiler, **kw) -> str:
    column = create.element
    if column.name == "id" and _is_tenant_key(column.table.primary_key):
        return f"{compiler.preparer.format_column(column)} INTEGER NOT NULL"
    return compiler.visit_create_column(create, **kw)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- engine and session -------------------------------------------------------------------


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def init_app(app) -> None:
    app.extensions["qingdan.engine"] = engine = make_engine(app.config["QINGDAN"].database_url)
    app.extensions["qingdan.sessionmaker"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    return current_app.extensions["qingdan.engine"]


def session() -> Session:
    """The session of the current app context, created on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["qingdan.sessionmaker"]()
    return g.db_session


def _close_session(_exc=None) -> None:
    """End the request's session. Its answer is already made: if the connection died
    meanwhile (a database restart), its transaction died with it, and the answer stands."""
    sess = g.pop("db_session", None)
    if sess is not None:
        try:
            sess.close()
        except OperationalError:
            sess.invalidate()


# --- tenant scoping -----------------------------------------------------------------------


def set_scope(sess: Session, tenant_ids: Iterable[int]) -> None:
    """Limit what ``sess`` can see to ``tenant_ids`` (empty: nothing)."""
    sess.info[SCOPE] = tuple(sorted(set(tenant_ids)))
    sess.info.pop(SYSTEM, None)
    _push_scope_to_database(sess)


def current_scope(sess: Session | None = None) -> tuple[int, ...] | None:
    """The tenant ids in scope, or ``None`` in system scope."""
    sess = sess or session()
    if sess.info.get(SYSTEM):
        return None
    return sess.info.get(SCOPE, ())


@contextmanager
def system_scope(sess: Session | None = None) -> Iterator[Session]:
    """Let ``sess`` see every tenant while the block runs (CLI, sweep, authentication)."""
    sess = sess or session()
    saved = dict(sess.info)
    sess.info[SYSTEM] = True
    _push_scope_to_database(sess)
    try:
        yield sess
    finally:
        sess.info.clear()
        sess.info.update(saved)
        _push_scope_to_database(sess)


def _push_scope_to_database(sess: Session) -> None:
    """Mark the scope for PostgreSQL when a transaction is already open (see below)."""
    transaction = sess.get_transaction()
    if transaction is None or not transaction.is_active:
        return  # nothing open, or a failed one that must be rolled back first
    if sess.bind is not None and sess.bind.dialect.name == "postgresql":
        connection = sess.connection()
        if not connection.invalidated:  # else it died (a restart): its error is on its way
            connection.info[_WANTED] = _scope_value(sess.info)


# The scope reaches PostgreSQL lazily: a change only marks what the transaction should see
# (``_WANTED``), and the scope is written (``SET LOCAL``) just before the next statement, when
# it differs from what was last written in this transaction. Pages enter and leave
# ``system_scope`` many times, often without a statement in between; writing at each change
# cost half of a village page's round trips.
_WANTED = "qingdan.scope_wanted"
_WRITTEN = "qingdan.scope_written"
_SET_SCOPE = (
    "SELECT set_config('qingdan.tenant_ids', %(ids)s, true),"
    " set_config('qingdan.system', %(system)s, true)"
)


def _scope_value(info) -> tuple[str, str]:
    return ",".join(str(i) for i in info.get(SCOPE, ())), "on" if info.get(SYSTEM) else "off"


@event.listens_for(Session, "after_begin")
def _scope_transaction(sess: Session, _transaction, connection) -> None:
    """Each transaction gets the session's scope, so a pooled connection never carries one on."""
    if connection.dialect.name == "postgresql":
        connection.info[_WANTED] = _scope_value(sess.info)


@event.listens_for(Engine, "before_cursor_execute")
def _write_scope(conn, _cursor, statement, _parameters, _context, _executemany) -> None:
    wanted = conn.info.get(_WANTED)
    if wanted is None or conn.info.get(_WRITTEN) == wanted:
        return
    if statement.startswith("ROLLBACK"):  # written now, it would be undone at once
        return
    ids, system = wanted
    try:
        # a cursor of its own: the statement's may be server-side (``yield_per``), and a
        # named cursor runs only the one statement it declares
        with conn.connection.dbapi_connection.cursor() as own:
            own.execute(_SET_SCOPE, {"ids": ids, "system": system})
    except conn.dialect.loaded_dbapi.Error:
        # A failed statement aborts the transaction, so the statement about to run fails too —
        # through SQLAlchemy, which wraps the error and invalidates a dead connection. Nothing
        # runs under the old scope.
        return
    conn.info[_WRITTEN] = wanted


@event.listens_for(Engine, "begin")
@event.listens_for(Engine, "commit")
@event.listens_for(Engine, "rollback")
def _forget_scope(conn) -> None:
    """``SET LOCAL`` ends with its transaction: nothing carries over to the next one."""
    if conn.invalidated:  # a dead connection's info is out of reach; "begin" clears it later
        return
    conn.info.pop(_WANTED, None)
    conn.info.pop(_WRITTEN, None)


@event.listens_for(Engine, "rollback_savepoint")
def _rewrite_after_savepoint(conn, _name, _context) -> None:
    """A savepoint rolled back takes its ``SET LOCAL`` with it: write again before the next
    statement."""
    if not conn.invalidated:
        conn.info.pop(_WRITTEN, None)


@event.listens_for(Session, "do_orm_execute")
def _scope_statement(state) -> None:
    if state.session.info.get(SYSTEM) or state.is_column_load or state.is_relationship_load:
        return
    if not (state.is_select or state.is_update or state.is_delete):
        return
    tenant_ids = state.session.info.get(SCOPE, ())
    state.statement = state.statement.options(
        with_loader_criteria(
            TenantOwned,
            lambda cls: cls.tenant_id.in_(tenant_ids),
            include_aliases=True,
        )
    )
