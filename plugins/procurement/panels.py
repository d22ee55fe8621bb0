"""The villager page's section on the village's purchases and works (采购和工程去哪了).

What was bought or built, from whom, for how much and when. A supplier without a credit code
is a person (a craftsman, a village building team's head), so that name is masked like any
villager's; companies are named in full, as procurement notices name them.
"""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core import db
from formbuilder.fieldtypes.base import mask_middle
from plugins.procurement.models import Award
from tenants.models import Tenant, Village

#: the newest awards shown; the rest are in the notices and the finance disclosures
SHOWN = 20


def awards_panel(tenant: Tenant, village: Village) -> dict:
    sess = db.session()
    with db.system_scope(sess):  # the public page has no user; the filters below scope it
        awards = sess.scalars(
            select(Award)
            .where(Award.tenant_id == tenant.id, Award.village_id == village.id)
            .options(joinedload(Award.supplier))
            .order_by(Award.awarded_on.desc(), Award.id.desc())
            .limit(SHOWN)
        ).all()
        rows = [
            {
                "subject": a.subject,
                "supplier": a.supplier.name
                if a.supplier.credit_code
                else mask_middle(a.supplier.name),
                "amount": f"{a.amount:,.2f}",
                "awarded_on": a.awarded_on,
                "method": a.method_label,
            }
            for a in awards
        ]
    html = render_template("procurement/_panel.html", rows=rows, village=village)
    return {"key": "procurement.awards", "title": "采购和工程", "html": html}
