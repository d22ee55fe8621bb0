"""Who sees and handles which villagers' report (码上举报), and who reads the reporter's phone.

Reports go to the discipline inspectors (纪委), not to the administration they may be about:
a township's inspectors handle its reports, a county's inspectors its townships'. The village
supervision committee (村务监督委员会) reads its own village's reports and may add notes;
nothing of a neighbouring village reaches it. The platform operator reads everything and
handles nothing. Anonymous reporters stay anonymous; a reporter's phone number is shown only
to the assigned inspector and the county's inspectors, masked to everyone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, or_, select

from core import db
from core.auth.access import memberships, subtree_ids
from core.auth.models import User
from core.public.masking import mask_phone
from tenants.models import Tenant

from .models import Complaint

#: the roles that see reports, and at which level
VIEWERS = {
    "village_supervisor": "village",
    "township_inspector": "township",
    "county_inspector": "county",
}
#: the levels that handle a report; the village committee only reads and notes
HANDLING_LEVELS = ("township", "county")


@dataclass(frozen=True)
class Reach:
    """The reports one user may see under one tenant: all of some tenants', and those of
    some villages."""

    tenant_ids: frozenset[int] = frozenset()
    village_ids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.tenant_ids or self.village_ids)

    def condition(self):
        if not self:
            return false()
        return or_(
            Complaint.tenant_id.in_(sorted(self.tenant_ids)),
            Complaint.village_id.in_(sorted(self.village_ids)),
        )


def reach_of(user: User, tenant: Tenant) -> Reach:
    """What ``user``'s memberships let them see of ``tenant`` (and, for a county, its
    townships). The platform operator reads everything and handles nothing."""
    in_view = frozenset(subtree_ids(tenant))
    if user.superuser:
        return Reach(in_view)
    tenants: set[int] = set()
    villages: set[int] = set()
    for membership in memberships(user):
        level = VIEWERS.get(membership.role_key)
        if level == "village" and membership.village_id and membership.tenant_id in in_view:
            villages.add(membership.village_id)
        elif level == "township" and membership.tenant_id in in_view:
            tenants.add(membership.tenant_id)
        elif level == "county" and membership.tenant_id in (tenant.id, tenant.parent_id):
            tenants |= in_view
    return Reach(frozenset(tenants), frozenset(villages))


def levels_over(user: User, complaint: Complaint) -> set[str]:
    """The levels at which ``user`` may act on ``complaint``."""
    with db.system_scope() as sess:
        county_id = sess.scalar(select(Tenant.parent_id).where(Tenant.id == complaint.tenant_id))
    found = set()
    for m in memberships(user):
        level = VIEWERS.get(m.role_key)
        if (
            (level == "village" and m.village_id == complaint.village_id)
            or (level == "township" and m.tenant_id == complaint.tenant_id)
            or (level == "county" and m.tenant_id in (complaint.tenant_id, county_id))
        ):
            found.add(level)
    return found


def handles(user: User, complaint: Complaint) -> bool:
    """Whether ``user`` is an inspector who may handle ``complaint``."""
    return bool(levels_over(user, complaint) & set(HANDLING_LEVELS))


def may_see_phone(user: User, complaint: Complaint) -> bool:
    """The assigned inspector, and the county's inspectors above them."""
    return complaint.assigned_to_id == user.id or "county" in levels_over(user, complaint)


def reporter_phone(user: User, complaint: Complaint) -> str | None:
    """The phone number as ``user`` may read it; ``None`` for an anonymous report."""
    if complaint.phone is None or may_see_phone(user, complaint):
        return complaint.phone
    return mask_phone(complaint.phone)
