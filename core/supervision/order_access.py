"""Who may do what with supervision orders, ratings and integrity files.

Inspectors (纪委) act: a township's inspectors in its villages, a county's in its townships'.
Admins of the township or county read. Village people reach their own village only: a
village supervisor of village X sees nothing of village Y, which answers as if missing.
"""

from __future__ import annotations

from core.auth.access import memberships
from core.auth.models import User
from tenants.models import Tenant

INSPECTOR_ROLES = {"township": "township_inspector", "county": "county_inspector"}
#: who answers an order for the village (the village's party secretary or committee director)
RECTIFIERS = ("village_secretary", "village_director")


def _above(tenant: Tenant) -> set[int]:
    """The tenant and, for a township, its county: where a membership covers ``tenant``."""
    return {tenant.id} | ({tenant.parent_id} if tenant.parent_id else set())


def is_inspector_of(user: User | None, tenant: Tenant) -> bool:
    """An inspector of ``tenant`` or of its county (or the platform operator)."""
    if user is None or not user.is_authenticated:
        return False
    if user.superuser:
        return True
    return any(
        m.tenant_id in _above(tenant) and m.role_key == INSPECTOR_ROLES.get(m.tenant.kind)
        for m in memberships(user)
    )


def reached_villages(user: User | None, tenant: Tenant) -> set[int] | None:
    """The villages of ``tenant`` (or its townships) whose supervision ``user`` may read:
    ``None`` for all of them (township or county people), else the user's own villages."""
    if user is not None and user.is_authenticated and user.superuser:
        return None
    own: set[int] = set()
    for m in memberships(user) if user is not None and user.is_authenticated else ():
        if m.tenant_id not in _above(tenant) and m.tenant.parent_id != tenant.id:
            continue
        if m.role.level in ("township", "county") and m.tenant_id in _above(tenant):
            return None
        if m.village_id is not None:
            own.add(m.village_id)
    return own


def may_rectify(user: User | None, village_id: int) -> bool:
    """The village's secretary or director submits its rectifications."""
    if user is None or not user.is_authenticated:
        return False
    return any(m.village_id == village_id and m.role_key in RECTIFIERS for m in memberships(user))


def holds_village_post(user: User | None, tenant: Tenant) -> bool:
    """A village cadre of ``tenant``: has an integrity file there."""
    if user is None or not user.is_authenticated:
        return False
    return any(m.tenant_id == tenant.id and m.village_id is not None for m in memberships(user))
