"""When a step is due: its time limit in working days by the official calendar (with the
county's entered holidays and make-up days) or in calendar days, as the step says."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from tenants.models import Tenant

from .holidays import calendar_for
from .models import Case


def due_at(sess: Session, case: Case, step: dict, started: datetime) -> datetime | None:
    limit = step.get("time_limit")
    if not limit:
        return None
    tenant = sess.get(Tenant, case.tenant_id)
    return calendar_for(sess, tenant).due(
        started, int(limit["days"]), working=limit.get("working", True)
    )
