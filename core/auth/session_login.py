"""Flask-Login wiring for pages. (The API authenticates with bearer tokens: ``core.api``.)

A session cookie names the user *and* the moment their password last changed, so changing
the password signs out every other session.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from core import db

from .models import User

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("请先登录。")
login_manager.login_message_category = "info"


@login_manager.user_loader
def _load_user(session_id: str) -> User | None:
    user_id, _, _stamp = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session().get(User, int(user_id))
    if user is None or not user.active or user.get_id() != session_id:
        return None
    return user


def init_app(app) -> None:
    login_manager.init_app(app)
