"""The villager page's section on decisions: the village's latest resolutions (决议公开)."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from core import db

from .models import Resolution

SHOWN = 5


def recent_resolutions(tenant, village) -> dict:
    """The latest resolutions of ``village``: matter, meeting, date and votes (no names)."""
    sess = db.session()
    with db.system_scope(sess):  # the public page has no user; the filter names the tenant
        rows = sess.scalars(
            select(Resolution)
            .where(Resolution.tenant_id == tenant.id, Resolution.village_id == village.id)
            .order_by(Resolution.meeting_date.desc(), Resolution.id.desc())
            .limit(SHOWN)
        ).all()
    return {
        "key": "decisions",
        "title": "村里的重大决策",
        "html": render_template("decisions/panel.html", rows=rows),
    }
