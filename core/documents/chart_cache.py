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
from collections.abc import Mapping, Set
from typing import Any

from core.documents.flowchart import flowchart_svg
from core.memo import TenantMemo

#: a chart is 20–80 KB of SVG, so at most ~20 MB per process
charts: TenantMemo[str] = TenantMemo(size=256)


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
    return charts.get(
        tenant_id,
        digest,
        lambda: flowchart_svg(
            item, steps, role_names=role_names, highlight=highlight, labels=labels
        ),
    )
