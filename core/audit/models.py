"""``AuditEvent``: one entry of a tenant's tamper-evident audit log (审计日志)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantOwned


class AuditEvent(TenantOwned, Base):
    """Something that changed, who changed it, and a hash linking it to the event before.

    Rows are only ever inserted (on PostgreSQL the app role may not update or delete them).
    ``hash`` is the SHA-256 of the event's fields and ``prev_hash``, so editing a row breaks
    its own hash and deleting one breaks the sequence and the next event's link.
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        UniqueConstraint("tenant_id", "seq"),
        Index("ix_audit_events_tenant_id_action", "tenant_id", "action"),
    )

    #: position in the tenant's chain: 1, 2, 3, … with no gaps
    seq: Mapped[int]
    at: Mapped[datetime]
    #: the acting user's id; not a foreign key, because the log outlives accounts and an
    #: ``ON DELETE SET NULL`` would rewrite history (and break the hash)
    actor_id: Mapped[int | None]
    #: who acted, as shown then: "姓名（用户名）", or "system" for the platform itself
    actor_label: Mapped[str] = mapped_column(String(200))
    #: what happened, ``<subject>.<verb>``: ``membership.added``, ``item.published``, …
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[str] = mapped_column(String(100))
    #: a small snapshot of what changed (ids, keys, the new values)
    payload: Mapped[dict] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
