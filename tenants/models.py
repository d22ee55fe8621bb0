"""Tenants (县/区 counties and 乡镇/街道 townships), villages, and plugin activation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, utcnow

KINDS = ("county", "township")


def overlay(base: dict, top: dict) -> dict:
    """``top`` laid over ``base``, nested dicts merged key by key (neither is changed)."""
    merged = dict(base)
    for key, value in top.items():
        below = merged.get(key)
        nested = isinstance(value, dict) and isinstance(below, dict)
        merged[key] = overlay(below, value) if nested else value
    return merged


class Tenant(Timestamped, Base):
    """A county or a township. A county is the parent of its townships."""

    __tablename__ = "tenants"
    __table_args__ = (CheckConstraint("kind IN ('county', 'township')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stable short name used in URLs (``/t/<slug>``, ``/p/<slug>``)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id"), index=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    #: local rules that override the published defaults (thresholds, notice days, quorums);
    #: a township's settings are laid over its county's
    settings: Mapped[dict] = mapped_column(JSON, default=dict)

    parent: Mapped[Tenant | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Tenant]] = relationship(back_populates="parent", order_by="Tenant.slug")

    @property
    def kind_label(self) -> str:
        return "县/区" if self.kind == "county" else "乡镇/街道"

    @property
    def county(self) -> Tenant:
        return self if self.kind == "county" else self.parent  # type: ignore[return-value]

    def effective_settings(self) -> dict:
        """The county's settings with the township's laid over them, key by key."""
        return overlay(self.parent.settings if self.parent else {}, self.settings or {})

    def __repr__(self) -> str:
        return f"<Tenant {self.slug}>"


class Village(TenantOwned, Timestamped, Base):
    """A village (村) or community (社区) of a township, by its 12-digit division code."""

    __tablename__ = "villages"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    #: 12-digit statistical division code (统计用区划代码)
    code: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100))

    tenant: Mapped[Tenant] = relationship()

    def __repr__(self) -> str:
        return f"<Village {self.code} {self.name}>"


class PluginActivation(TenantOwned, Base):
    """Whether a domain plugin is enabled for a tenant.

    A township without its own row inherits its county's choice; a county without a row
    falls back to the plugin's default (built-ins on, third-party plugins off).
    """

    __tablename__ = "plugin_activations"
    __table_args__ = (UniqueConstraint("tenant_id", "plugin_key"),)

    plugin_key: Mapped[str] = mapped_column(String(64))
    enabled: Mapped[bool]
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
