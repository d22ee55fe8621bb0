"""The ``Attachment`` row: what was uploaded, by whom, and where its bytes are kept."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantOwned, Timestamped


class Attachment(TenantOwned, Timestamped, Base):
    """An uploaded file (附件). The row is the file's identity; the bytes are in storage.

    It is uploaded before the form that references it is submitted, so ``case_id`` and
    ``field_key`` stay empty until the case engine links it to the case and field.
    """

    __tablename__ = "attachments"
    __table_args__ = (
        UniqueConstraint("tenant_id", "token"),
        Index("ix_attachments_tenant_id_case_id", "tenant_id", "case_id"),
    )

    #: random and unguessable: the only name the file has in URLs
    token: Mapped[str] = mapped_column(String(64))
    #: the uploader's file name, cleaned for display; never used as a path
    filename: Mapped[str] = mapped_column(String(255))
    #: what the bytes are (see ``sniff``), not what the browser said
    content_type: Mapped[str] = mapped_column(String(100))
    #: bytes
    size: Mapped[int]
    #: hex SHA-256 of the content, to detect duplicates and later tampering
    sha256: Mapped[str] = mapped_column(String(64))
    #: where the bytes are: ``<tenant_id>/<yyyy>/<mm>/<random>``
    storage_key: Mapped[str] = mapped_column(String(255))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: the case (办件) it belongs to; a foreign key once the case table exists
    case_id: Mapped[int | None]
    #: the form field it was uploaded for
    field_key: Mapped[str | None] = mapped_column(String(100))
