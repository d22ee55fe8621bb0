"""Public pages rendered once every few seconds and served to every visitor.

The village page is what the QR code on the village notice board opens, so a whole village
may open it within minutes, and it reads some twenty queries (the list in force, the running
notices, every plugin's panel). What it shows is public and the same for every visitor but
for one thing, the report form's token: the kept copy holds a marker where the token goes,
and each response gets the visitor's own.

A page is kept for ``QINGDAN_PUBLIC_CACHE_SECONDS`` (the default 30; 0 turns this off), so a
notice posted or closed, or a township archived, shows within that time. It is looked up by
its address and language before any query runs. With Redis (``QINGDAN_REDIS_URL``) every
web process of the deployment shares one copy, so a county's 500 villages cost 500 renders
per window however many workers serve them; without Redis each process keeps its own. Redis
failing only costs the cache: the page is rendered as if nothing were kept.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable

from flask import current_app
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from redis import Redis, RedisError

log = logging.getLogger(__name__)

EXTENSION = "qingdan.public_pages"
#: stands in for the form token in a kept page; random, so no page text can contain it
TOKEN_MARKER = f"csrf-marker-{secrets.token_hex(16)}"
#: pages kept per process without Redis (a county's villages, compressed to some 8 KB each)
LOCAL_SIZE = 1024
#: a cache that does not answer at once is treated as empty
REDIS_TIMEOUT = 0.25


class LocalPages:
    """Compressed pages kept in this process, each until its time is up."""

    def __init__(self, size: int = LOCAL_SIZE) -> None:
        self.size = size
        self._pages: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
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


class RedisPages:
    """Compressed pages kept in Redis under ``prefix``, which Redis expires."""

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


def init_app(app) -> None:
    config = app.config["QINGDAN"]
    if config.redis_url:
        # one deployment's pages apart from another's sharing the Redis: named by its database
        database = hashlib.sha256(config.database_url.encode()).hexdigest()[:12]
        app.extensions[EXTENSION] = RedisPages(config.redis_url, f"qingdan:page:{database}:")
    else:
        app.extensions[EXTENSION] = LocalPages()


def cached_page(address: str, render: Callable[..., str]) -> str:
    """The page at ``address`` in the visitor's language: kept if rendered within the last
    window, else ``render(csrf_token=...)`` now; with the visitor's form token either way."""
    seconds = current_app.config["QINGDAN"].public_cache_seconds
    if seconds <= 0:
        return render()
    pages = current_app.extensions[EXTENSION]
    key = f"{get_locale()}:{address}"
    kept = pages.get(key)
    if kept is None:
        page = render(csrf_token=lambda: TOKEN_MARKER)
        pages.put(key, zlib.compress(page.encode(), 1), seconds)
    else:
        page = zlib.decompress(kept).decode()
    return page.replace(TOKEN_MARKER, generate_csrf())
