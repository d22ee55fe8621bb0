"""Drawn flowcharts, remembered per tenant.

Drawing a chart (layout, corridor routing, text measuring) takes 15–40 ms; the digest of its
inputs takes microseconds. Catalogue pages, villagers' item pages and "where is my case" ask
for the same few charts over and over, so each web process keeps the latest ones.

The key is the tenant and a digest of *every* input (definition, expanded steps, lane names,
marked steps, field labels): a draft edited, a township's settings changed or a role renamed
gives a new key, so an entry can never be stale, and no tenant is ever answered from another
tenant's entry.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping, Set
from typing import Any

from core.documents.flowchart import flowchart_svg

#: charts kept per process: a chart is 20–80 KB of SVG, so at most ~20 MB
SIZE = 256

_charts: OrderedDict[tuple[int, str], str] = OrderedDict()
_lock = threading.Lock()


def cached_flowchart_svg(
    tenant_id: int,
    item: Mapping[str, Any],
    steps: list[dict[str, Any]],
    *,
    role_names: dict[str, str],
    highlight: Set[str] = frozenset(),
    labels: dict[str, str] | None = None,
) -> str:
    """:func:`flowchart_svg` of these inputs, drawn once per tenant and process."""
    inputs = [item, steps, role_names, sorted(highlight), labels or {}]
    digest = hashlib.sha256(
        json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()
    key = (tenant_id, digest)
    with _lock:
        if key in _charts:
            _charts.move_to_end(key)
            return _charts[key]
    svg = flowchart_svg(item, steps, role_names=role_names, highlight=highlight, labels=labels)
    with _lock:
        _charts[key] = svg
        while len(_charts) > SIZE:
            _charts.popitem(last=False)
    return svg


def forget_all() -> None:
    """Empty the cache (tests that count drawings start from nothing)."""
    with _lock:
        _charts.clear()
