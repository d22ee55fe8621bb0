"""The benchmark county's frame, made through the project's operations: the county, its
townships and villages, one person per role in each, every built-in plugin on, the catalog
synced. Everything here is small; the cases are the bulk (``bench.seed_bulk``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.auth import operations as auth_operations
from core.auth.models import Role
from core.auth.operations import add_membership, create_user
from core.catalog.operations import items_in_force, sync_plugin_items
from core.plugins import BUILTIN_DOMAINS, PluginHost
from tenants.models import Tenant, Village
from tenants.operations import create_tenant, create_village, set_enabled_plugins

from .seed_plan import (
    COUNTY,
    PASSWORD,
    TOWNSHIP_HOLDERS,
    TOWNSHIP_ROLES,
    VILLAGE_ROLES,
    Layout,
    township_name,
    village_name,
)


@dataclass
class Place:
    """A township with its villages, as the seeding uses them."""

    township: Tenant
    #: village number (1, 2, …) -> village
    villages: dict[int, Village]


@contextmanager
def cheap_passwords() -> Iterator[None]:
    """Hash the thousands of bench accounts' passwords at argon2's lowest cost (they still
    verify, and are rehashed at the production cost on a first login)."""
    saved = auth_operations._hasher
    auth_operations._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        yield
    finally:
        auth_operations._hasher = saved


def county_of(sess: Session) -> Tenant | None:
    return sess.scalar(select(Tenant).where(Tenant.slug == COUNTY[0]))


def make_county(sess: Session, host: PluginHost, layout: Layout) -> Tenant:
    """Create the county, its townships, villages and people; enable the plugins."""
    county = create_tenant(sess, COUNTY[0], COUNTY[1], "county")
    sync_plugin_items(sess, host, county)
    with cheap_passwords():
        for t in range(1, layout.townships + 1):
            township = create_tenant(
                sess, layout.township_slug(t), township_name(t), "township", county
            )
            make_township(sess, host, township, layout, t)
    return county


def make_township(
    sess: Session, host: PluginHost, township: Tenant, layout: Layout, t: int
) -> None:
    """Plugins on, villages and their people: the same for a real township and the bulk
    path's stand-in (``bench.seed_templates``)."""
    set_enabled_plugins(sess, host, township, list(BUILTIN_DOMAINS))
    for role in TOWNSHIP_ROLES:
        for k in range(1, TOWNSHIP_HOLDERS + 1):
            person(
                sess,
                f"{township.slug}-{role}-{k}",
                f"{township.name}{_name(sess, role)}{k}",
                township,
                role,
            )
    for v in range(1, layout.villages + 1):
        village = create_village(sess, township, layout.village_code(t, v), village_name(t, v))
        for role in VILLAGE_ROLES:
            person(
                sess,
                f"{village.code}-{role}",
                f"{village.name}{_name(sess, role)}",
                township,
                role,
                village,
            )


def person(sess, username: str, display_name: str, tenant, role: str, village=None) -> None:
    user = create_user(sess, username, PASSWORD, display_name=display_name)
    add_membership(sess, user, tenant, role, village)


def _name(sess: Session, role: str) -> str:
    return sess.get(Role, role).name


def places(sess: Session, county: Tenant, layout: Layout) -> dict[int, Place]:
    """Township number -> its place, read back from the database."""
    found = {}
    for t in range(1, layout.townships + 1):
        township = sess.scalar(select(Tenant).where(Tenant.slug == layout.township_slug(t)))
        villages = {
            v: sess.scalar(
                select(Village).where(
                    Village.tenant_id == township.id, Village.code == layout.village_code(t, v)
                )
            )
            for v in range(1, layout.villages + 1)
        }
        found[t] = Place(township, villages)
    return found


def domain_items(sess: Session, host: PluginHost, township: Tenant) -> dict[str, list[str]]:
    """The item keys in force for a township, by domain: what cases are planned from."""
    by_domain: dict[str, list[str]] = {}
    for item, _version in items_in_force(sess, host, township):
        by_domain.setdefault(item.domain, []).append(item.key)
    return {domain: sorted(keys) for domain, keys in by_domain.items()}
