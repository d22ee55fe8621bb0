"""The villager page's section on publicity: the latest posting of each category (党务、村务、
财务) with its period and date, and whether the supervision committee reviewed it."""

from __future__ import annotations

from flask import render_template

from core import db

from .models import CATEGORIES
from .register import latest_by_category


def latest_postings(tenant, village) -> dict:
    sess = db.session()
    with db.system_scope(sess):  # the public page has no user; the query names the tenant
        latest = latest_by_category(sess, tenant, village)
    return {
        "key": "transparency",
        "title": "阳光村务公开栏",
        "html": render_template("transparency/panel.html", latest=latest, categories=CATEGORIES),
    }
