"""The register of resolutions (决议台账): every resolution a village meeting passed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, tenant_join, tenant_reference
from tenants.models import Village


class Resolution(TenantOwned, Timestamped, Base):
    """One resolution (决议): the matter, the meeting that passed it, its votes and text.

    Written when the resolving meeting of a case is completed (``<key>.resolve`` of a
    四议两公开 block, or a ``resolve`` meeting step), or imported from a paper register, in
    which case it has no case of its own.
    """

    __tablename__ = "decisions_resolutions"
    __table_args__ = (
        UniqueConstraint("tenant_id", "step_run_id"),
        Index("ix_decisions_resolutions_tenant_id_village_id", "tenant_id", "village_id"),
        tenant_reference("village_id", "villages"),
        tenant_reference("case_id", "cases"),
        tenant_reference("step_run_id", "step_runs"),
    )

    village_id: Mapped[int]
    #: the case that passed it; None for an imported resolution
    case_id: Mapped[int | None]
    #: the meeting's step run; a case returned and resolved again keeps one row per meeting
    step_run_id: Mapped[int | None]
    #: the case's public code, kept as text so the register reads the same after import
    case_code: Mapped[str | None] = mapped_column(String(40))
    #: what was decided (决策事项)
    matter: Mapped[str] = mapped_column(String(200))
    #: which meeting passed it, e.g. 村民代表会议
    meeting: Mapped[str] = mapped_column(String(100))
    meeting_date: Mapped[date]
    expected: Mapped[int]
    present: Mapped[int]
    votes_for: Mapped[int]
    votes_against: Mapped[int]
    votes_abstain: Mapped[int]
    #: the text of the resolution (决议内容)
    resolution: Mapped[str] = mapped_column(Text)

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "Resolution.village_id")
    )

    @property
    def votes(self) -> str:
        return (
            f"应到{self.expected} 实到{self.present} 同意{self.votes_for} "
            f"反对{self.votes_against} 弃权{self.votes_abstain}"
        )
