"""Users, roles, memberships (user × tenant × village × role) and API tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, tenant_join, tenant_reference, utcnow
from tenants.models import Tenant, Village


class Role(Base):
    """A role a person can hold. The standard ones are seeded; counties may add more.

    ``level`` says where a membership of the role sits: county, township or village.
    """

    __tablename__ = "roles"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16))
    #: admin roles may change tenants, villages, users and plugin activation
    admin: Mapped[bool] = mapped_column(default=False)


class User(Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    #: a platform operator: may create counties
    superuser: Mapped[bool] = mapped_column(default=False)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # Flask-Login protocol
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{int(self.password_changed_at.timestamp() * 1_000_000)}"

    @property
    def label(self) -> str:
        return self.display_name or self.username


class Membership(TenantOwned, Timestamped, Base):
    """One role one person holds in one tenant, optionally in one of its villages.

    A person may hold several (一肩挑: the party secretary is also the committee director).
    """

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("tenant_id", "user_id", "village_id", "role_key"),
        tenant_reference("village_id", "villages", ondelete="CASCADE"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    village_id: Mapped[int | None]
    role_key: Mapped[str] = mapped_column(ForeignKey("roles.key"))

    user: Mapped[User] = relationship(back_populates="memberships")
    tenant: Mapped[Tenant] = relationship()
    village: Mapped[Village | None] = relationship(
        primaryjoin=tenant_join("Village", "Membership.village_id")
    )
    role: Mapped[Role] = relationship(lazy="joined")


class ApiToken(Timestamped, Base):
    """A bearer token for ``/api/v1``. Only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class LoginFailure(Base):
    """A failed login, kept for throttling by username and by address."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
