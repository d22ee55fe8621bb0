"""Reading warnings: a tenant's list, filtered the way supervisors ask for it."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tenants.models import Village

from .models import Warning


def warnings_of(
    sess: Session,
    tenant_ids: Iterable[int],
    *,
    status: str | None = None,
    severity: str | None = None,
    rule: str | None = None,
    village: str | None = None,
) -> list[Warning]:
    """The warnings of ``tenant_ids``, newest first; ``village`` is a village's code."""
    query = (
        select(Warning)
        .where(Warning.tenant_id.in_(list(tenant_ids)))
        .options(joinedload(Warning.case), joinedload(Warning.village))
        .order_by(Warning.opened_at.desc(), Warning.id.desc())
    )
    if status:
        query = query.where(Warning.status == status)
    if severity:
        query = query.where(Warning.severity == severity)
    if rule:
        query = query.where(Warning.rule == rule)
    if village:
        query = query.join(Village, Warning.village_id == Village.id).where(Village.code == village)
    return list(sess.scalars(query))
