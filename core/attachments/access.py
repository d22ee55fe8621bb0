"""Who may see and add attachments.

Every download and upload asks here, and nowhere else, so narrowing access is one edit.
Today an attachment is visible to whoever may see its tenant. The case engine narrows that:
an attachment with a ``case_id`` is visible only to those who may see that case — the check
belongs in :func:`can_view`, called with the row, so it can read ``attachment.case_id``.
"""

from __future__ import annotations

from core.auth.access import is_admin_of, memberships, visible_tenant_ids
from core.auth.models import User
from tenants.models import Tenant

from .models import Attachment

#: the field key of photos attached to a villager's report (码上举报)
REPORT_PHOTOS = "complaint.photos"


def can_view(user: User | None, attachment: Attachment) -> bool:
    """Whether ``user`` may download ``attachment``. A refusal answers 404, never 403.

    Photos of villagers' reports are served only by the report's own page, to those who may
    see the report (core.supervision.report_access), never by their token."""
    if attachment.field_key == REPORT_PHOTOS:
        return False
    return attachment.tenant_id in visible_tenant_ids(user)


def can_upload(user: User | None, tenant: Tenant) -> bool:
    """The tenant's own people and its administrators upload; a county that only reads a
    township (its inspectors) does not fill that township's storage."""
    if user is None or not user.is_authenticated:
        return False
    return is_admin_of(user, tenant) or any(m.tenant_id == tenant.id for m in memberships(user))
