"""Who holds a step's role: village roles in the case's village, township roles in its
township. Memberships are read in system scope: they decide what a user may do, so they are
read whatever the user may see."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import db
from core.auth.models import Membership, Role


def holders(sess: Session, tenant_id: int, village_id: int, role_key: str) -> set[int]:
    """The users holding ``role_key`` for a village: in it (village roles) or in its township
    (township roles)."""
    with db.system_scope(sess):
        role = sess.get(Role, role_key)
        if role is None:
            return set()
        query = select(Membership.user_id).where(
            Membership.tenant_id == tenant_id, Membership.role_key == role_key
        )
        if role.level == "village":
            query = query.where(Membership.village_id == village_id)
        else:
            query = query.where(Membership.village_id.is_(None))
        return set(sess.scalars(query))


def role_name(sess: Session, role_key: str) -> str:
    with db.system_scope(sess):
        role = sess.get(Role, role_key)
    return role.name if role else role_key
