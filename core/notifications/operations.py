"""Sending notifications and reading one user's inbox."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.auth.models import Membership
from core.db import utcnow
from core.errors import NotFound
from tenants.models import Tenant

from .models import Notification

#: the most notifications the inbox lists at once
PAGE = 100


def notify(
    sess: Session, tenant: Tenant, to: str | Iterable[int], text: str, link: str | None = None
) -> list[Notification]:
    """Tell people of ``tenant`` something: ``to`` is a role key (everyone holding it in
    ``tenant``) or user ids. A person holding the role twice is told once."""
    if isinstance(to, str):
        user_ids = set(
            sess.scalars(
                select(Membership.user_id).where(
                    Membership.tenant_id == tenant.id, Membership.role_key == to
                )
            )
        )
    else:
        user_ids = set(to)
    made = [
        Notification(tenant_id=tenant.id, user_id=user_id, text=text[:500], link=link)
        for user_id in sorted(user_ids)
    ]
    sess.add_all(made)
    sess.flush()
    return made


def inbox(sess: Session, user_id: int) -> list[Notification]:
    """The user's newest notifications, of the tenants the session may see."""
    return list(
        sess.scalars(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(PAGE)
        )
    )


def unread_count(sess: Session, user_id: int) -> int:
    return (
        sess.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user_id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def mark_read(sess: Session, user_id: int, notification_id: int) -> Notification:
    """Mark one of the user's notifications read; another user's answers like a missing one."""
    found = sess.scalar(
        select(Notification).where(
            Notification.id == notification_id, Notification.user_id == user_id
        )
    )
    if found is None:
        raise NotFound("找不到该通知。")
    if found.read_at is None:
        found.read_at = utcnow()
        sess.flush()
    return found


def mark_all_read(sess: Session, user_id: int) -> None:
    sess.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
