"""Public pages rendered once and served to every visitor until their township changes.

The village page is what the QR code on the village notice board opens, and a case's page
what the code on its notice opens, so a whole village may open one within minutes; the village
page reads some twenty queries (the list in force, the running notices, every plugin's panel).
What they show is public and the same for every visitor but for one thing, the report form's
token: the kept copy holds a marker where the token goes, and each response gets the visitor's
own.

A kept page is stamped with its tenants' *generations* (the township's and its county's, and
one of the whole deployment). Every commit that writes a row of a tenant moves that tenant's
generation on (:func:`_note_writes`, :func:`_move_on`), so the next visitor of any of its pages
gets a fresh render: a notice posted, a step completed, an item published shows at once. A
page is also dropped after ``QINGDAN_PUBLIC_CACHE_SECONDS`` (default 300; 0 turns keeping off),
because it shows the clock too (the days a notice has left) and because rows outside any
tenant (a cadre's name) move no generation.

Pages are looked up by address and language before any query runs; a kept page costs two
cache reads and no query. With Redis (``QINGDAN_REDIS_URL``) every web process and rq worker
of the deployment shares the pages and the generations; without Redis each process keeps its
own, and a write in another process shows only when the page's time is up. Redis failing only
costs the cache: the page is rendered as if nothing were kept.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
import weakref
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable

from flask import current_app
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from redis import Redis, RedisError
from sqlalchemy import event
from sqlalchemy.orm import Session

from core.auth.access import tenant_scope
from core.db import SCOPE, SYSTEM, TenantOwned
from tenants.models import Tenant

from . import pages as public_pages

log = logging.getLogger(__name__)

EXTENSION = "qingdan.public_pages"
#: stands in for the form token in a kept page; random, so no page text can contain it
TOKEN_MARKER = f"csrf-marker-{secrets.token_hex(16)}"
#: pages kept per process without Redis (a county's villages, compressed to some 8 KB each)
LOCAL_SIZE = 1024
#: a cache that does not answer at once is treated as empty
REDIS_TIMEOUT = 0.25
#: written in place of a tenant: every tenant's pages are out of date
EVERY_TENANT = "*"
#: in each session's ``info``: the app whose pages its commits make out of date
APP = "qingdan.public_pages_app"


def _generation_names(tenant_ids: Iterable[int]) -> list[str]:
    """The generations a page of these tenants is stamped with, in a fixed order: the
    deployment's, then each tenant's."""
    return [EVERY_TENANT, *map(str, sorted(tenant_ids))]


class LocalPages:
    """Compressed pages kept in this process, each until its time is up, and this process's
    generations."""

    def __init__(self, size: int = LOCAL_SIZE) -> None:
        self.size = size
        self._pages: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._generations: dict[str, int] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            kept = self._pages.get(key)
        return kept[1] if kept and kept[0] > time.time() else None

    def put(self, key: str, page: bytes, seconds: int) -> None:
        with self._lock:
            self._pages[key] = (time.time() + seconds, page)
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def stamp(self, tenant_ids: Iterable[int]) -> str | None:
        names = _generation_names(tenant_ids)
        with self._lock:
            return ".".join(str(self._generations.get(name, 0)) for name in names)

    def move_on(self, names: set[str]) -> None:
        with self._lock:
            for name in names:
                self._generations[name] = self._generations.get(name, 0) + 1


class RedisPages:
    """Compressed pages kept in Redis under ``prefix``, which Redis expires, and the
    deployment's generations beside them."""

    def __init__(self, url: str, prefix: str) -> None:
        self.redis = Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )
        self.prefix = prefix

    def get(self, key: str) -> bytes | None:
        try:
            return self.redis.get(self.prefix + key)
        except RedisError as exc:
            log.warning("public page cache unavailable: %s", exc)
            return None

    def put(self, key: str, page: bytes, seconds: int) -> None:
        try:
            self.redis.set(self.prefix + key, page, ex=seconds)
        except RedisError as exc:
            log.warning("public page cache unavailable: %s", exc)

    def stamp(self, tenant_ids: Iterable[int]) -> str | None:
        names = _generation_names(tenant_ids)
        try:
            found = self.redis.mget([self._generation(name) for name in names])
        except RedisError as exc:
            log.warning("public page cache unavailable: %s", exc)
            return None
        return ".".join((value or b"0").decode() for value in found)

    def move_on(self, names: set[str]) -> None:
        try:
            with self.redis.pipeline(transaction=False) as pipe:
                for name in names:
                    pipe.incr(self._generation(name))
                pipe.execute()
        except RedisError as exc:
            log.warning("public pages may show old data until they expire: %s", exc)

    def _generation(self, name: str) -> str:
        return f"{self.prefix}generation:{name}"


def pages_of(config) -> LocalPages | RedisPages:
    """The deployment's kept pages: in Redis when it has one, else this process's."""
    if not config.redis_url:
        return LocalPages()
    # one deployment's pages apart from another's sharing the Redis: named by its database
    database = hashlib.sha256(config.database_url.encode()).hexdigest()[:12]
    return RedisPages(config.redis_url, f"qingdan:page:{database}:")


def init_app(app) -> None:
    app.extensions[EXTENSION] = pages_of(app.config["QINGDAN"])
    # every session of the app, a request's or not (the sweep's, a test's), tells of its writes
    app.extensions["qingdan.sessionmaker"].configure(info={APP: app})


def cached_page(slug: str, address: str, render: Callable[..., str]) -> str:
    """The page of tenant ``slug`` at ``address`` in the visitor's language: the kept copy
    while none of its tenants has changed, else ``render(tenant, csrf_token=...)`` now; with
    the visitor's form token either way."""
    seconds = current_app.config["QINGDAN"].public_cache_seconds
    if seconds <= 0:
        return render(public_pages.public_tenant(slug))
    pages = current_app.extensions[EXTENSION]
    key = f"{get_locale()}:{address}"
    page = _kept(pages, key)
    if page is None:
        tenant = public_pages.public_tenant(slug)
        scope = tenant_scope(tenant)
        stamp = pages.stamp(scope)  # read before rendering: a write meanwhile moves it on
        page = render(tenant, csrf_token=lambda: TOKEN_MARKER)
        if stamp is not None:
            pages.put(key, _pack(scope, stamp, page), seconds)
    return page.replace(TOKEN_MARKER, generate_csrf()) if TOKEN_MARKER in page else page


def forget_every_page(pages: LocalPages | RedisPages) -> None:
    """Make every kept page out of date, after writes that bypass the app's sessions: a
    migration, a restored database, the bench's bulk seeding."""
    pages.move_on({EVERY_TENANT})


def _pack(scope: set[int], stamp: str, page: str) -> bytes:
    header = f"{','.join(map(str, sorted(scope)))} {stamp}\n".encode()
    return header + zlib.compress(page.encode(), 1)


def _kept(pages, key: str) -> str | None:
    kept = pages.get(key)
    if kept is None:
        return None
    header, _, body = kept.partition(b"\n")
    scope, _, stamp = header.decode().partition(" ")
    if pages.stamp(int(i) for i in scope.split(",")) != stamp:
        return None
    return zlib.decompress(body).decode()


# --- what moves a tenant's generation on ---------------------------------------------------

#: the tenants each session has written in its open transaction
_written: weakref.WeakKeyDictionary[Session, set[str]] = weakref.WeakKeyDictionary()


@event.listens_for(Session, "after_flush")
def _note_writes(sess: Session, _context) -> None:
    """Rows added, changed or deleted: their tenants (the pre-flush lists still hold them).
    A row merely given the values it had is not a change."""
    written = _written.setdefault(sess, set())
    changed = (row for row in sess.dirty if sess.is_modified(row, include_collections=False))
    for row in (*sess.new, *changed, *sess.deleted):
        if isinstance(row, TenantOwned):
            written.add(str(row.tenant_id))
        elif isinstance(row, Tenant):
            written.add(str(row.id))


@event.listens_for(Session, "do_orm_execute")
def _note_statements(state) -> None:
    """An INSERT, UPDATE or DELETE statement on a tenant's table touches every tenant the
    session may see; in the system scope, every tenant."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) != Tenant.__tablename__ and "tenant_id" not in getattr(
        table, "c", ()
    ):
        return
    info = state.session.info
    names = {EVERY_TENANT} if info.get(SYSTEM) else {str(i) for i in info.get(SCOPE, ())}
    _written.setdefault(state.session, set()).update(names)


@event.listens_for(Session, "after_commit")
def _move_on(sess: Session) -> None:
    """Move the written tenants on once the outermost transaction is committed (a savepoint
    released is not yet a change anyone else sees)."""
    if sess.in_nested_transaction():
        return
    written = _written.pop(sess, None)
    app = sess.info.get(APP)
    if written and app is not None:
        app.extensions[EXTENSION].move_on(written)


@event.listens_for(Session, "after_transaction_end")
def _forget_rolled_back(sess: Session, transaction) -> None:
    """The outermost transaction ended: what it noted and did not commit (a rollback) is
    undone, so it moves nothing on."""
    if transaction.parent is None:
        _written.pop(sess, None)
