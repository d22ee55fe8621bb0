"""Public pages rendered once per page and language every few seconds, in each app process.

The village page is what the QR code on the village notice board opens, so a whole village
may open it within minutes, and it reads some twenty queries (the list in force, the running
notices, every plugin's panel). What it shows is public and the same for every visitor but
for one thing, the report form's token: the kept copy holds a marker where the token goes,
and each response gets the visitor's own.

A page is kept for ``QINGDAN_PUBLIC_CACHE_SECONDS`` (the default 30; 0 turns this off), so a
notice posted or closed shows on it within that time. Entries are keyed by the window they
were rendered in, and the oldest are dropped beyond :data:`SIZE`: nothing is kept longer.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Hashable

from flask import current_app
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

from core.memo import TenantMemo

#: pages kept per process (a village page is some 50 KB)
SIZE = 256
EXTENSION = "qingdan.public_pages"
#: stands in for the form token in a kept page; random, so no page text can contain it
TOKEN_MARKER = f"csrf-marker-{secrets.token_hex(16)}"


def init_app(app) -> None:
    app.extensions[EXTENSION] = TenantMemo(size=SIZE)


def cached_page(tenant_id: int, key: Hashable, render: Callable[..., str]) -> str:
    """The page ``key`` of ``tenant_id``: kept if rendered in the current window, else
    ``render(csrf_token=...)`` now; with the visitor's form token either way."""
    seconds = current_app.config["QINGDAN"].public_cache_seconds
    if seconds <= 0:
        return render()
    window = int(time.time() // seconds)
    page = current_app.extensions[EXTENSION].get(
        tenant_id,
        (key, str(get_locale()), window),
        lambda: render(csrf_token=lambda: TOKEN_MARKER),
    )
    return page.replace(TOKEN_MARKER, generate_csrf())
