"""An item definition a county keeps in its template library."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantOwned, Timestamped


class LibraryEntry(TenantOwned, Timestamped, Base):
    """A copy of a definition, frozen when the county put it in the library, so that later
    edits of the source item never change what townships copy."""

    __tablename__ = "library_entries"

    #: the key of the item it was taken from, e.g. ``relief.dibao``
    source_key: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(500))
    definition_json: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
