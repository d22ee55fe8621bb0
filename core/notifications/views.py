"""``/inbox``: the signed-in user's notifications, and the unread count in the header."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core import db

from . import operations as ops

bp = Blueprint("notifications", __name__, template_folder="templates")


@bp.get("/inbox")
@login_required
def inbox():
    return render_template(
        "notifications/inbox.html", notifications=ops.inbox(db.session(), current_user.id)
    )


@bp.post("/inbox/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    """Mark read and follow the notification's link (only ever a path inside this site)."""
    sess = db.session()
    found = ops.mark_read(sess, current_user.id, notification_id)
    sess.commit()
    return redirect(_local(found.link) or url_for(".inbox"))


@bp.post("/inbox/read-all")
@login_required
def read_all():
    sess = db.session()
    ops.mark_all_read(sess, current_user.id)
    sess.commit()
    return redirect(url_for(".inbox"))


def _local(link: str | None) -> str | None:
    """``link`` if it is a path of this site; never send anyone elsewhere."""
    if not link:
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not link.startswith("/") or link.startswith("//"):
        return None
    return link


@bp.app_context_processor
def _unread() -> dict:
    """The header's unread count; pages rendered without a signed-in user show none."""
    if not current_user.is_authenticated:
        return {"unread_notifications": 0, "inbox_label": ""}
    count = ops.unread_count(db.session(), current_user.id)
    label = _("通知（%(count)s）", count=count) if count else _("通知")
    return {"unread_notifications": count, "inbox_label": label}
