"""Items and their immutable published versions; responsibility and negative list entries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped

ORIGINS = ("plugin", "county", "township")
ORIGIN_LABELS = {"plugin": "领域插件默认", "county": "县级指导性清单", "township": "乡镇特色清单"}


class Item(TenantOwned, Timestamped, Base):
    """A list item (小微权力事项), owned by the county (plugin defaults and guidance items) or
    by a township (its local items, 特色清单)."""

    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("tenant_id", "key"),)

    #: stable identifier, e.g. ``relief.dibao`` or ``local.street_lights``
    key: Mapped[str] = mapped_column(String(100))
    #: the plugin key of its domain, or ``local``
    domain: Mapped[str] = mapped_column(String(64), index=True)
    origin: Mapped[str] = mapped_column(String(16))
    #: the plugin that supplies a plugin default
    plugin: Mapped[str | None] = mapped_column(String(64))

    versions: Mapped[list[ItemVersion]] = relationship(
        back_populates="item", order_by="ItemVersion.number", cascade="all, delete-orphan"
    )

    @property
    def published(self) -> ItemVersion | None:
        """The newest published version: what new cases start with."""
        return next((v for v in reversed(self.versions) if v.status == "published"), None)

    @property
    def draft(self) -> ItemVersion | None:
        return next((v for v in reversed(self.versions) if v.status == "draft"), None)


class ItemVersion(TenantOwned, Timestamped, Base):
    """One version of an item's definition. Published versions never change: editing makes a
    new draft, and a case pins the version it started with."""

    __tablename__ = "item_versions"
    __table_args__ = (UniqueConstraint("tenant_id", "item_id", "number"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    #: ``draft`` or ``published``
    status: Mapped[str] = mapped_column(String(16), default="draft")
    #: the definition format version the JSON was written in (``"format"``)
    format: Mapped[int] = mapped_column(default=1)
    #: the definition exactly as stored, so a published version reads back byte for byte
    definition_json: Mapped[str] = mapped_column(Text)
    #: SHA-256 of ``definition_json``
    digest: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    published_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    item: Mapped[Item] = relationship(back_populates="versions")


@event.listens_for(ItemVersion, "before_update")
def _published_versions_are_immutable(_mapper, _connection, target: ItemVersion) -> None:
    """The last line of defence: operations never edit a published version, and this
    refuses it should one try."""
    state = inspect(target)
    before = state.attrs.status.history.deleted
    was = before[0] if before else target.status
    changed = any(state.attrs[c.key].history.has_changes() for c in state.mapper.column_attrs)
    if was == "published" and changed:
        raise ValueError(f"item version {target.id} is published and cannot change")


class Responsibility(TenantOwned, Timestamped, Base):
    """An entry of the responsibility list (责任清单): what a role must do."""

    __tablename__ = "responsibilities"

    role_key: Mapped[str] = mapped_column(ForeignKey("roles.key"))
    text: Mapped[str] = mapped_column(Text)
    #: the plugin that contributed it, or None when an admin wrote it
    plugin: Mapped[str | None] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)


class Prohibition(TenantOwned, Timestamped, Base):
    """An entry of the negative list (负面清单), optionally linked to the warning rule that
    detects it."""

    __tablename__ = "prohibitions"

    text: Mapped[str] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(String(100))
    plugin: Mapped[str | None] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)


class ItemSwitch(TenantOwned, Base):
    """A township switching an item of its county's list off for its villages."""

    __tablename__ = "item_switches"
    __table_args__ = (UniqueConstraint("tenant_id", "item_id"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    enabled: Mapped[bool] = mapped_column(default=False)
    extra: Mapped[dict | None] = mapped_column(JSON)
