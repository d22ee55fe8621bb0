"""补贴去哪了 (where the relief went): the village's disaster-relief grants of the past year
on the villager page — masked name and ID number, category, period, amount and whether it
was paid; a minor is never shown (see ``plugins.relief.people``)."""

from __future__ import annotations

from flask import current_app
from markupsafe import Markup

from core import db
from core.db import utcnow
from core.public.masking import is_minor, mask_id, mask_name
from plugins.disaster import ledger
from plugins.disaster.models import DisasterRecipient
from tenants.models import Tenant, Village

KEY = "disaster.subsidies"
TITLE = "补贴去哪了 · 救灾款物"


def subsidies_panel(tenant: Tenant, village: Village) -> dict:
    """The panel of ``village``: who received disaster relief this past year, masked."""
    today = utcnow().date()
    sess = db.session()
    # the villager page has no signed-in user; the rows are chosen by tenant and village here
    with db.system_scope(sess):
        rows = ledger.recent_recipients(sess, tenant.id, village.id, today)
        shown = [_public(row) for row in rows if not is_minor(row.id_number, today)]
    html = current_app.jinja_env.get_template("disaster/panel.html").render(rows=shown)
    return {"key": KEY, "title": TITLE, "html": Markup(html)}


def _public(row: DisasterRecipient) -> dict:
    period = f"{row.period_start:%Y-%m-%d}"
    if row.period_end != row.period_start:
        period += f" 至 {row.period_end:%Y-%m-%d}"
    return {
        "name": mask_name(row.head_name),
        "id_number": mask_id(row.id_number),
        "household_size": row.household_size,
        "category": row.category_label,
        "period": period,
        "amount": f"{row.amount:,.2f}",
        "status": row.status_label,
    }
