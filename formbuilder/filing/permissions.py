"""Who files and who reviews: a township's own admins file its items; the admins of its
county review them. A county admin does not file for a township (it would review itself)."""

from __future__ import annotations

from core.auth.access import is_county_admin_of, memberships
from core.errors import Forbidden
from tenants.models import Tenant


def may_file(user, tenant: Tenant) -> bool:
    if user is None or not user.is_authenticated or tenant.kind != "township":
        return False
    return user.superuser or any(
        m.role.admin and m.tenant_id == tenant.id for m in memberships(user)
    )


def may_review(user, tenant: Tenant) -> bool:
    return tenant.kind == "township" and is_county_admin_of(user, tenant)


def require_filer(user, tenant: Tenant) -> None:
    if not may_file(user, tenant):
        raise Forbidden("只有本乡镇（街道）的管理员可以提交、撤回或发布备案事项。")


def require_reviewer(user, tenant: Tenant) -> None:
    if not may_review(user, tenant):
        raise Forbidden("只有上级县（区）的管理员可以审核备案。")
