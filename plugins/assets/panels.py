"""The villager page's section on the village's contracts and rents (集体资产去哪了).

Each contract in force: which resource or asset, who holds it (name masked), for how long,
the annual rent, and whether the rent due so far is paid. ID numbers and phones never leave
staff pages.
"""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from core import db
from core.db import utcnow
from formbuilder.fieldtypes.base import mask_middle
from plugins.assets.models import Contract
from plugins.assets.rent import arrears, local_today
from tenants.models import Tenant, Village


def contracts_panel(tenant: Tenant, village: Village) -> dict:
    today = local_today(tenant, utcnow())
    sess = db.session()
    with db.system_scope(sess):  # the public page has no user; the filters below scope it
        contracts = sess.scalars(
            select(Contract)
            .where(
                Contract.tenant_id == tenant.id,
                Contract.village_id == village.id,
                Contract.status == "active",
            )
            .options(joinedload(Contract.asset), selectinload(Contract.payments))
            .order_by(Contract.ends_on, Contract.id)
        ).all()
        rows = [_row(contract, today) for contract in contracts]
    html = render_template("assets/_panel.html", rows=rows, village=village)
    return {"key": "assets.contracts", "title": "集体资产发包和租金", "html": html}


def _row(contract: Contract, today) -> dict:
    owed, _ = arrears(contract, today)
    return {
        "asset": contract.asset.name,
        "lessee": mask_middle(contract.lessee_name),
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
        "annual_rent": f"{contract.annual_rent:,.2f}",
        "paid": f"{contract.paid:,.2f}",
        "owed": f"{owed:,.2f}" if owed else None,
    }
