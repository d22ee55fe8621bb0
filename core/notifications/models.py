"""A message in one user's inbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantOwned, Timestamped


class Notification(TenantOwned, Timestamped, Base):
    """Something ``user`` should know or act on, e.g. "甲一镇提交了路灯安装的备案"."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_tenant_id_user_id", "tenant_id", "user_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(500))
    #: a path inside the site, e.g. ``/t/town-a1/filings/3``
    link: Mapped[str | None] = mapped_column(String(500))
    read_at: Mapped[datetime | None]
