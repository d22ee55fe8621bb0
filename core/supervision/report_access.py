"""Who sees and handles which villagers' report (码上举报), and who reads the reporter's phone.

Reports go to the discipline inspectors (纪委), not to the administration they may be about:
a township's inspectors handle its reports, a county's inspectors its townships'. The village
supervision committee (村务监督委员会) reads its own village's reports and may add notes;
nothing of a neighbouring village reaches it. The platform operator reads everything and
handles nothing. Anonymous reporters stay anonymous; a reporter's phone number is shown only
to the assigned inspector and the county's inspectors, masked to everyone else.
"""

from __future__ import annotations

from sqlalchemy import select

from core import db
from core.auth.access import memberships
from core.auth.models import User
from core.public.masking import mask_phone
from tenants.models import Tenant

from .models import Complaint
from .reach import Reach, reach_through

#: the roles that see reports, and at which level
VIEWERS = {
    "village_supervisor": "village",
    "township_inspector": "township",
    "county_inspector": "county",
}
#: the levels that handle a report; the village committee only reads and notes
HANDLING_LEVELS = ("township", "county")


def reach_of(user: User, tenant: Tenant) -> Reach:
    """The reports ``user`` may see under ``tenant``."""
    return reach_through(user, tenant, VIEWERS)


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
