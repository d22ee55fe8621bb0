"""The village poster (A3) for the notice board (公开栏): the village's name, a large QR code
to its villager page, and its list of powers by domain (群众照图办事、按图监督)."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup
from sqlalchemy.orm import Session

from core.catalog import present
from core.catalog.operations import items_in_force
from core.documents.pdf import render_document
from core.plugins import PluginHost
from core.public.qr import qr_svg
from tenants.models import Tenant, Village


def village_url(base_url: str, tenant: Tenant, village: Village) -> str:
    """The villager page, by the tenant's slug and the village's division code: both stable,
    so a printed code survives renaming."""
    return f"{base_url.rstrip('/')}/p/{tenant.slug}/{village.code}"


def qr_markup(url: str, *, title: str) -> Markup:
    """A QR code as an inline ``<svg>`` element (segno escapes the title it writes)."""
    return Markup(qr_svg(url, title=title))


def poster_pdf(
    sess: Session, host: PluginHost, tenant: Tenant, village: Village, *, base_url: str
) -> bytes:
    names = present.domain_names(host)
    by_domain: dict[str, list[str]] = {}
    for item, version in items_in_force(sess, host, tenant):
        by_domain.setdefault(item.domain, []).append(version.name)
    domains = [
        (names.get(key, key), sorted(by_domain[key]))
        for key in [*names, *sorted(set(by_domain) - set(names))]
        if key in by_domain
    ]
    url = village_url(base_url, tenant, village)
    return render_document(
        "poster.html",
        tenant=tenant,
        village=village,
        domains=domains,
        url=url,
        qr=qr_markup(url, title="扫码查看本村清单"),
        today=date.today(),
    )
