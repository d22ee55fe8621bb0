"""``Warning``: one violation warning (违规预警) a rule raised about one subject."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.db import Base, TenantOwned, tenant_join, tenant_reference, utcnow
from core.workflow.models import Case
from tenants.models import Village

#: 三色: least to most serious
SEVERITIES = ("blue", "yellow", "red")
SEVERITY_LABELS = {"blue": "蓝色", "yellow": "黄色", "red": "红色"}
#: what the rule engine writes; supervision adds its own states (acknowledged, dismissed, …)
OPEN, CLOSED = "open", "closed"
#: a supervisor has taken the warning in hand (签收); from then on the engine refreshes its
#: facts and never its status (see ``core.rules.evaluate``)
ACKNOWLEDGED = "acknowledged"
#: a supervisor's decision (已处理 / 已排除)
RESOLVED, DISMISSED = "resolved", "dismissed"
STATUSES = (OPEN, ACKNOWLEDGED, RESOLVED, DISMISSED, CLOSED)
STATUS_LABELS = {
    OPEN: "待处理",
    ACKNOWLEDGED: "处理中",
    RESOLVED: "已处理",
    DISMISSED: "已排除",
    CLOSED: "已解除",
}
#: why the rule engine closed a warning
CAUSE_GONE = "预警原因已消除，系统自动解除"


class Warning(TenantOwned, Base):
    """A rule's finding about one subject, kept as long as the finding holds. (The name
    shadows Python's built-in ``Warning`` inside modules that import it; it is the domain's.)

    There is at most one row per ``(rule, subject)`` ever: a finding that comes back after
    its warning was closed reopens that row, and a worsening one raises its severity, so a
    supervisor reads one history per problem rather than a pile of duplicates.
    """

    __tablename__ = "warnings"
    __table_args__ = (
        UniqueConstraint("tenant_id", "rule", "subject"),
        Index("ix_warnings_tenant_id_status_severity", "tenant_id", "status", "severity"),
        Index("ix_warnings_tenant_id_case_id", "tenant_id", "case_id"),
        Index("ix_warnings_tenant_id_village_id", "tenant_id", "village_id"),
        Index("ix_warnings_tenant_id_assigned_to_id", "tenant_id", "assigned_to_id"),
        CheckConstraint("severity IN ('blue', 'yellow', 'red')", name="severity"),
        tenant_reference("case_id", "cases"),
        tenant_reference("village_id", "villages"),
    )

    #: the rule's key, e.g. ``overdue_step`` or a plugin's ``procurement.split_purchase``
    rule: Mapped[str] = mapped_column(String(100))
    severity: Mapped[str] = mapped_column(String(8))
    #: what the finding is about, stable across runs: ``case:12:step:review``, ``notice:5``
    subject: Mapped[str] = mapped_column(String(200))
    case_id: Mapped[int | None]
    village_id: Mapped[int | None]
    #: for a person: which case, which step, by how much (Chinese)
    message: Mapped[str] = mapped_column(Text)
    #: the figures behind the message, for dashboards and exports
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    #: ``open`` or ``closed`` here; a plain string so supervision can add its own states
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    #: when the warning (last) opened; a reopened warning starts again
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    closed_reason: Mapped[str | None] = mapped_column(String(200))
    #: the supervisor who has the warning in hand
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: when the sweep raised an unresolved yellow warning to red (once per warning)
    escalated_at: Mapped[datetime | None]
    #: who resolved or dismissed it, when, and why (required of them)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    #: the level that must review a dismissal (``township`` or ``county``); None when no
    #: review is pending
    review_level: Mapped[str | None] = mapped_column(String(16))

    case: Mapped[Case | None] = relationship(primaryjoin=tenant_join("Case", "Warning.case_id"))
    village: Mapped[Village | None] = relationship(
        primaryjoin=tenant_join("Village", "Warning.village_id")
    )
    assigned_to: Mapped[User | None] = relationship(foreign_keys=[assigned_to_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)
