"""What the catalog shows of a definition: names for keys, steps in words, the flowchart.

Pages and the API both render from here, so an item reads the same everywhere.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.auth.models import Role
from core.documents.chart_cache import cached_flowchart_svg
from core.memo import TenantMemo
from core.plugins import PluginHost
from formbuilder.definitions import expand_steps
from tenants.models import Tenant

from .models import ItemVersion
from .operations import definition_of

LOCAL_DOMAIN = {"key": "local", "name": "特色事项"}


def role_names(sess: Session) -> dict[str, str]:
    return {key: name for key, name in sess.execute(select(Role.key, Role.name))}


def domain_names(host: PluginHost) -> dict[str, str]:
    names = {d["key"]: d["name"] for d in host.domains()}
    names[LOCAL_DOMAIN["key"]] = LOCAL_DOMAIN["name"]
    return names


#: concrete steps as JSON text, per tenant, version and settings: the village page lists
#: every item in force, and expanding ~50 definitions took most of its time
_steps: TenantMemo[str] = TenantMemo(size=2048)


def steps_of(version: ItemVersion, tenant: Tenant) -> list[dict]:
    """The version's concrete steps, with building blocks expanded by the tenant's rules.

    Each call gets its own copy (parsed from the remembered JSON), free to change.
    """
    settings = tenant.effective_settings()
    key = (version.id, version.digest, json.dumps(settings, sort_keys=True))
    expanded = _steps.get(
        tenant.id,
        key,
        lambda: json.dumps(expand_steps(definition_of(version), settings), ensure_ascii=False),
    )
    return json.loads(expanded)


def field_labels(steps: list[dict]) -> dict[str, str]:
    return {f["key"]: f.get("label", f["key"]) for s in steps for f in s.get("fields", [])}


def flowchart(
    sess: Session, version: ItemVersion, tenant: Tenant, highlight: frozenset[str] = frozenset()
) -> str:
    steps = steps_of(version, tenant)
    return cached_flowchart_svg(
        tenant.id,
        definition_of(version),
        steps,
        role_names=role_names(sess),
        highlight=set(highlight),
        labels=field_labels(steps),
    )
