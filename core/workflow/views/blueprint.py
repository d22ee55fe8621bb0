"""The ``cases`` blueprint, the URL of a case, and what every case page needs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint
from flask_login import current_user

from core import db
from core.auth.access import resolve_tenant
from tenants.models import Tenant

from ..cases import case_by_id
from ..models import Case
from . import acting

bp = Blueprint("cases", __name__, template_folder="../templates")

#: the largest id a URL may name (PostgreSQL's ``integer``), as the API's routes say
MAX_ID = 2**31 - 1
CASE = f"/t/<slug>/cases/<int(max={MAX_ID}):case_id>"


def load_case(slug: str, case_id: int) -> tuple[Tenant, Case]:
    """The tenant, with the session narrowed to it, and the case; another tenant's case
    answers 404 exactly like a missing one."""
    tenant = resolve_tenant(current_user, slug)
    return tenant, case_by_id(db.session(), case_id)


def local_time(moment: datetime | None, tenant: Tenant, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC moment as the tenant's clock shows it (Asia/Shanghai unless set)."""
    if moment is None:
        return "—"
    return moment.astimezone(ZoneInfo(tenant.timezone)).strftime(pattern)


@bp.context_processor
def _case_page_helpers() -> dict:
    return {"local_time": local_time}


@bp.app_context_processor
def _start_link() -> dict:
    """``may_start_case(tenant, step)`` for pages that offer 发起办件 (the catalog's item)."""
    return {"may_start_case": acting.may_start}
