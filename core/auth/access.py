"""Who may see and change which tenant.

A township member sees that township; a county member sees the county and its townships.
Counties read their townships; writing village cases stays with the township's people.
A tenant the user may not see answers exactly like one that does not exist (404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import g, has_request_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from core import db
from core.errors import Forbidden, NotFound
from tenants.models import Tenant

from .models import Membership, User

T = TypeVar("T")
#: in ``g``: what this request has read of people's memberships and of the tenant tree
_READ = "qingdan_access_read"


def memberships(user: User) -> list[Membership]:
    """All memberships of ``user``, across tenants (read in system scope, once a request)."""

    def read() -> list[Membership]:
        with db.system_scope() as sess:
            return list(
                sess.scalars(
                    select(Membership).where(Membership.user_id == user.id).order_by(Membership.id)
                )
            )

    return list(_once_a_request(("memberships", user.id), read))


def visible_tenant_ids(user: User | None) -> set[int]:
    if user is None or not user.is_authenticated:
        return set()

    def read() -> set[int]:
        with db.system_scope() as sess:
            if user.superuser:
                return set(sess.scalars(select(Tenant.id)))
            direct = {m.tenant_id for m in memberships(user)}
            children = sess.scalars(select(Tenant.id).where(Tenant.parent_id.in_(direct)))
            return direct | set(children)

    return set(_once_a_request(("visible", user.id), read))


def subtree_ids(tenant: Tenant) -> set[int]:
    """The tenant and, for a county, its townships."""

    def read() -> set[int]:
        with db.system_scope() as sess:
            children = sess.scalars(select(Tenant.id).where(Tenant.parent_id == tenant.id))
            return {tenant.id, *children}

    return set(_once_a_request(("subtree", tenant.id), read))


def data_scope(tenant_ids: set[int]) -> set[int]:
    """The rows a request about ``tenant_ids`` may read: theirs, and their county's.

    A township reads its county's rows (the guidance list, the plugins the county turned
    on, the county items its cases pin) but never a sibling township's.
    """
    if not tenant_ids:  # a villager's request: nothing until a page names its tenant
        return set()

    def read() -> set[int]:
        with db.system_scope() as sess:
            parents = sess.scalars(
                select(Tenant.parent_id).where(
                    Tenant.id.in_(tenant_ids), Tenant.parent_id.is_not(None)
                )
            )
            return set(tenant_ids) | set(parents)

    return set(_once_a_request(("scope", frozenset(tenant_ids)), read))


def _once_a_request(key: tuple, read: Callable[[], T]) -> T:
    """``read()`` the first time this request asks, the same answer after. A signed-in page
    asks who its user is from the login, the tenant switcher, the scope and the page itself;
    outside a request (the CLI, a job) every call reads."""
    if not has_request_context():
        return read()
    found = g.setdefault(_READ, {})
    if key not in found:
        found[key] = read()
    return found[key]


@event.listens_for(Session, "after_flush")
def _forget_on_change(sess: Session, _context) -> None:
    """A person, membership or tenant written in this request: read afresh from now on."""
    if not has_request_context() or _READ not in g:
        return
    written = (*sess.new, *sess.dirty, *sess.deleted)
    if any(isinstance(row, Membership | Tenant | User) for row in written):
        g.pop(_READ)


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(_sess: Session) -> None:
    """A rollback expires the rows read: read them afresh, in the system scope, not lazily in
    whatever scope the request has narrowed to."""
    if has_request_context():
        g.pop(_READ, None)


def tenant_scope(tenant: Tenant) -> set[int]:
    """:func:`data_scope` of one tenant already loaded: it and its county, read off the row."""
    return {tenant.id} | ({tenant.parent_id} if tenant.parent_id is not None else set())


def tenant_by_slug(slug: str) -> Tenant | None:
    with db.system_scope() as sess:
        return sess.scalar(select(Tenant).where(Tenant.slug == slug))


def resolve_tenant(user: User | None, slug: str) -> Tenant:
    """The tenant ``slug`` if ``user`` may see it, and narrow the session's scope to it."""
    tenant = tenant_by_slug(slug)
    if tenant is None or tenant.id not in visible_tenant_ids(user):
        raise NotFound("找不到该单位，或您无权查看。")
    db.set_scope(db.session(), data_scope(subtree_ids(tenant)))
    return tenant


def is_admin_of(user: User | None, tenant: Tenant) -> bool:
    """Township admins run their township; county admins run the county and its townships."""
    if user is None or not user.is_authenticated:
        return False
    if user.superuser:
        return True
    admin_of = {m.tenant_id for m in memberships(user) if m.role.admin}
    return tenant.id in admin_of or (tenant.parent_id is not None and tenant.parent_id in admin_of)


def is_county_admin_of(user: User | None, tenant: Tenant) -> bool:
    """County-level admin over ``tenant`` (the county itself or one of its townships)."""
    if user is None or not user.is_authenticated:
        return False
    if user.superuser:
        return True
    county_id = tenant.id if tenant.kind == "county" else tenant.parent_id
    return any(m.role.admin and m.tenant_id == county_id for m in memberships(user))


def require_admin(user: User | None, tenant: Tenant) -> None:
    if not is_admin_of(user, tenant):
        raise Forbidden("只有本单位或上级县（区）的管理员可以执行此操作。")


def require_county_admin(user: User | None, tenant: Tenant) -> None:
    if not is_county_admin_of(user, tenant):
        raise Forbidden("只有县（区）管理员可以执行此操作。")
