"""Account operations: users, memberships, passwords, login throttling and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from core.audit import actor_of, record
from core.db import system_scope, utcnow
from core.errors import Invalid, NotFound, Throttled
from tenants.models import Tenant, Village

from .models import ApiToken, LoginFailure, Membership, Role, User
from .roles import STANDARD_ROLES

_hasher = PasswordHasher()
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"密码至少需要 {MIN_PASSWORD} 个字符。", fields={"password": "太短"})


def ensure_standard_roles(sess: Session) -> None:
    existing = set(sess.scalars(select(Role.key)))
    for key, name, level, admin in STANDARD_ROLES:
        if key not in existing:
            sess.add(Role(key=key, name=name, level=level, admin=admin))
    sess.flush()


def create_user(
    sess: Session, username: str, password: str, *, display_name: str = "", superuser=False
) -> User:
    username = username.strip()
    if not username:
        raise Invalid("请填写用户名。", fields={"username": "必填"})
    if sess.scalar(select(User).where(User.username == username)):
        raise Invalid(f"用户名“{username}”已被使用。", fields={"username": "已存在"})
    validate_password(password)
    user = User(
        username=username,
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        superuser=superuser,
    )
    sess.add(user)
    sess.flush()
    return user


def add_membership(
    sess: Session, user: User, tenant: Tenant, role_key: str, village: Village | None = None
) -> Membership:
    """Give ``user`` a role in ``tenant`` (and village); an existing one is returned as is."""
    role = sess.get(Role, role_key)
    if role is None:
        raise Invalid(f"没有名为“{role_key}”的角色。", fields={"role": "未知角色"})
    if role.level == "village" and village is None:
        raise Invalid(f"“{role.name}”是村级角色，请指定村。", fields={"village": "必填"})
    if role.level != "village" and village is not None:
        raise Invalid(f"“{role.name}”不是村级角色，不能指定村。", fields={"village": "不适用"})
    if role.level in ("county", "township") and tenant.kind != role.level:
        raise Invalid(
            f"“{role.name}”只能授予{'县（区）' if role.level == 'county' else '乡镇（街道）'}。",
            fields={"role": "级别不符"},
        )
    if role.level == "village" and tenant.kind != "township":
        raise Invalid("村级角色只能授予乡镇（街道）下的村。", fields={"role": "级别不符"})
    if village is not None and village.tenant_id != tenant.id:
        raise NotFound("找不到该村。")
    same_village = (
        Membership.village_id == village.id if village else Membership.village_id.is_(None)
    )
    existing = sess.scalar(
        select(Membership).where(
            Membership.tenant_id == tenant.id,
            Membership.user_id == user.id,
            Membership.role_key == role_key,
            same_village,
        )
    )
    if existing:
        return existing
    membership = Membership(user=user, tenant_id=tenant.id, role_key=role_key, village=village)
    sess.add(membership)
    sess.flush()
    record(
        sess,
        tenant_id=tenant.id,
        action="membership.added",
        subject_type="membership",
        subject_id=membership.id,
        payload={
            "user_id": user.id,
            "username": user.username,
            "role": role_key,
            "village_id": village.id if village else None,
        },
    )
    return membership


def user_by_username(sess: Session, username: str) -> User:
    """The account called ``username``: an unknown name is a mistake in a form, said so."""
    username = username.strip()
    user = sess.scalar(select(User).where(User.username == username))
    if user is None:
        raise Invalid(f"没有用户名为“{username}”的用户。", fields={"username": "不存在"})
    return user


def remove_membership(sess: Session, membership: Membership, actor: User) -> None:
    """Take one role away from a person.

    An admin may not remove the last role that makes them an admin of this tenant (their own
    admin role here, or their county's): they would lock themselves out of the page they are
    on. The check reads the actor's memberships whatever the session's scope.
    """
    if membership.user_id == actor.id and membership.role.admin and not actor.superuser:
        tenant = membership.tenant
        over = [tenant.id] + ([tenant.parent_id] if tenant.parent_id else [])
        with system_scope(sess):
            others = sess.scalar(
                select(func.count(Membership.id))
                .join(Membership.role)
                .where(
                    Membership.user_id == actor.id,
                    Membership.id != membership.id,
                    Membership.tenant_id.in_(over),
                    Role.admin.is_(True),
                )
            )
        if not others:
            raise Invalid(
                "这是您在本单位的最后一个管理员角色，移除后您将无法再管理本单位。"
                "如确需移除，请由其他管理员操作。"
            )
    record(
        sess,
        tenant_id=membership.tenant_id,
        action="membership.removed",
        subject_type="membership",
        subject_id=membership.id,
        payload={
            "user_id": membership.user_id,
            "username": membership.user.username,
            "role": membership.role_key,
            "village_id": membership.village_id,
        },
        actor=actor_of(actor),
    )
    sess.delete(membership)
    sess.flush()


def change_password(sess: Session, user: User, old: str, new: str) -> None:
    if not check_password(user, old):
        raise Invalid("原密码不正确。", fields={"old_password": "不正确"})
    validate_password(new)
    user.password_hash = hash_password(new)
    user.password_changed_at = utcnow()
    sess.flush()


# --- login throttling ----------------------------------------------------------------------


def _recent_failures(sess: Session, username: str, address: str, window: timedelta) -> int:
    since = utcnow() - window
    return sess.scalar(
        select(func.count(LoginFailure.id)).where(
            LoginFailure.at >= since,
            or_(LoginFailure.username == username, LoginFailure.address == address),
        )
    )


def authenticate(
    sess: Session,
    username: str,
    password: str,
    address: str,
    *,
    max_failures: int,
    window_minutes: int,
) -> User:
    """The user with these credentials; failures are counted per username and per address."""
    window = timedelta(minutes=window_minutes)
    username = username.strip()
    if _recent_failures(sess, username, address, window) >= max_failures:
        raise Throttled(f"登录失败次数过多，请 {window_minutes} 分钟后再试。")
    user = sess.scalar(select(User).where(User.username == username))
    if user is None or not user.active or not check_password(user, password):
        sess.add(LoginFailure(username=username, address=address))
        sess.flush()
        raise Invalid("用户名或密码不正确。", code="bad_credentials")
    sess.execute(delete(LoginFailure).where(LoginFailure.username == username))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


# --- API tokens ----------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(sess: Session, user: User, days: int) -> tuple[str, datetime]:
    """A new bearer token for ``user`` and when it expires; only its digest is stored."""
    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=days)
    sess.add(ApiToken(user=user, token_hash=_digest(token), expires_at=expires_at))
    sess.flush()
    return token, expires_at


def user_for_token(sess: Session, token: str) -> User | None:
    row = sess.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if row is None or row.expires_at <= utcnow() or not row.user.active:
        return None
    row.last_used_at = utcnow()
    return row.user
