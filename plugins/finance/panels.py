"""我们的钱包 (our wallet): the village's income, spending and balance by month, on the
villager page. Amounts only — no payee, no handler, nothing that names a person."""

from __future__ import annotations

from flask import render_template

from core import db
from plugins.finance.ledger import monthly_totals


def wallet(tenant, village) -> dict:
    sess = db.session()
    with db.system_scope(sess):  # the public page has no user; the query names the village
        months = monthly_totals(sess, village)
    return {
        "key": "finance.wallet",
        "title": "我们的钱包",
        "html": render_template("finance/wallet.html", months=months),
    }
