"""The notice sheet (公示书): one A4 page per notice for the village notice board.

It prints what villagers may read and nothing more — the fields the notice published, masked
again as the public pages mask them today — with the notice's dates and a QR code to the
case page, where villagers follow the case and object.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.documents.pdf import render_document
from core.documents.poster import qr_markup
from core.public.masking import masker_for, published_fields
from core.workflow import process
from core.workflow.models import Case, Notice
from tenants.models import Tenant


def case_url(base_url: str, tenant: Tenant, case: Case) -> str:
    """The public case page, by the case code (stable, printed on the sheet too)."""
    return f"{base_url.rstrip('/')}/p/{tenant.slug}/cases/{case.code}"


def notice_sheet_pdf(tenant: Tenant, notice: Notice, *, base_url: str) -> bytes:
    case = notice.case
    today = date.today()
    url = case_url(base_url, tenant, case)
    return render_document(
        "notice_sheet.html",
        tenant=tenant,
        village=case.village,
        case=case,
        notice=notice,
        title=masker_for(case, today).text(notice.title),
        fields=published_fields(notice, case, process.steps(case), today),
        starts=_local_day(notice.starts_at, tenant),
        ends=_local_day(notice.ends_at, tenant),
        url=url,
        qr=qr_markup(url, title="扫码查看办理进度"),
        today=today,
    )


def _local_day(moment: datetime, tenant: Tenant) -> str:
    return moment.astimezone(ZoneInfo(tenant.timezone)).strftime("%Y年%m月%d日 %H:%M")
