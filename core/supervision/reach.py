"""Who sees which supervision rows: all of some tenants', and those of some villages.

Warnings and villagers' reports are both kept under the township with a village, and both are
seen by level — a village supervisor their village, a township's people their township, a
county's its townships — so one reach serves both; each names the roles that see it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, or_

from core.auth.access import memberships, subtree_ids
from core.auth.models import User
from tenants.models import Tenant


@dataclass(frozen=True)
class Reach:
    """The rows one user may see under one tenant: all of some tenants', and those of some
    villages."""

    tenant_ids: frozenset[int] = frozenset()
    village_ids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.tenant_ids or self.village_ids)

    def condition(self, model):
        """The filter on ``model`` (a table with ``tenant_id`` and ``village_id``)."""
        if not self:
            return false()
        return or_(
            model.tenant_id.in_(sorted(self.tenant_ids)),
            model.village_id.in_(sorted(self.village_ids)),
        )


def reach_through(user: User, tenant: Tenant, viewers: dict[str, str]) -> Reach:
    """What ``user``'s memberships in the roles of ``viewers`` (role → level) let them see of
    ``tenant`` (and, for a county, its townships). The platform operator sees everything."""
    in_view = frozenset(subtree_ids(tenant))
    if user.superuser:
        return Reach(in_view)
    tenants: set[int] = set()
    villages: set[int] = set()
    for membership in memberships(user):
        level = viewers.get(membership.role_key)
        if level == "village" and membership.village_id and membership.tenant_id in in_view:
            villages.add(membership.village_id)
        elif level == "township" and membership.tenant_id in in_view:
            tenants.add(membership.tenant_id)
        elif level == "county" and membership.tenant_id in (tenant.id, tenant.parent_id):
            tenants |= in_view
    return Reach(frozenset(tenants), frozenset(villages))
