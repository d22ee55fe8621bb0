"""``/t/<slug>/admin/audit``: a tenant's audit log, newest first, for its admins.

Admins of the tenant and of its county may read it; everyone else is refused, and a tenant
the user cannot see answers 404 like a missing one. The page reads the log and never writes
it; ``qingdan audit verify`` checks that nobody else did either.
"""

from __future__ import annotations

import math
from zoneinfo import ZoneInfo

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from core import db
from core.auth.access import require_admin, resolve_tenant

from .actions import action_label
from .operations import actions_of, events_page

bp = Blueprint("audit", __name__, template_folder="templates")
PER_PAGE = 50


@bp.get("/t/<slug>/admin/audit")
@login_required
def events(slug: str):
    tenant = resolve_tenant(current_user, slug)
    require_admin(current_user, tenant)
    action = request.args.get("action", "").strip()
    page = max(request.args.get("page", 1, type=int), 1)
    sess = db.session()
    rows, total = events_page(sess, tenant.id, action=action, page=page, per_page=PER_PAGE)
    return render_template(
        "audit/events.html",
        tenant=tenant,
        events=rows,
        total=total,
        page=page,
        pages=max(math.ceil(total / PER_PAGE), 1),
        action=action,
        actions=[(a, action_label(a)) for a in actions_of(sess, tenant.id)],
        action_label=action_label,
        zone=ZoneInfo(tenant.timezone),
    )
