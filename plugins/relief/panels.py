"""补贴去哪了 (where the subsidies went): the village's relief recipients on the villager page.

Villagers may see who receives what — that is the point of publicity — but never more than
the masked name (张*明) and ID number (110105********002X), the benefit, the amount and the
period; a minor is never shown at all (《未成年人保护法》第四条), judged by the birth date in
the ID number on the day the page is shown.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from markupsafe import Markup

from core import db
from core.db import utcnow
from core.public.masking import is_minor, mask_id, mask_name
from plugins.relief import ledger
from plugins.relief.models import ReliefRecipient
from tenants.models import Tenant, Village

KEY = "relief.subsidies"
TITLE = "补贴去哪了 · 村民救助"


def subsidies_panel(tenant: Tenant, village: Village) -> dict:
    """The panel of ``village``: its households in receipt of relief, masked, adults only."""
    today = utcnow().date()
    sess = db.session()
    # the villager page has no signed-in user; the rows are chosen by tenant and village here
    with db.system_scope(sess):
        rows = ledger.current_recipients(sess, tenant.id, village.id, today)
        shown = [_public(row) for row in rows if not is_minor(row.id_number, today)]
    # the app's environment (autoescaping .html) without the page context processors: the
    # panel is a fragment, and may be built outside a request (a printed notice board)
    html = current_app.jinja_env.get_template("relief/panel.html").render(rows=shown)
    return {"key": KEY, "title": TITLE, "html": Markup(html)}


def _public(row: ReliefRecipient) -> dict:
    return {
        "name": mask_name(row.head_name),
        "id_number": mask_id(row.id_number),
        "household_size": row.household_size,
        "benefit": row.benefit_label,
        "amount": f"{row.amount:,.2f}",
        "period": _period(row.benefit, row.starts_on, row.ends_on),
    }


def _period(benefit: str, starts_on: date, ends_on: date | None) -> str:
    if benefit == "temporary":
        return f"{starts_on:%Y-%m-%d}（一次性）"
    if ends_on is None:
        return f"{starts_on:%Y-%m-%d} 起"
    return f"{starts_on:%Y-%m-%d} 至 {ends_on:%Y-%m-%d}"
