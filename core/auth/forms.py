"""Login and password forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from .operations import MIN_PASSWORD


class LoginForm(FlaskForm):
    username = StringField(
        _l("用户名"), validators=[DataRequired(_l("请填写用户名。")), Length(max=64)]
    )
    password = PasswordField(
        _l("密码"), validators=[DataRequired(_l("请填写密码。")), Length(max=256)]
    )


class PasswordForm(FlaskForm):
    old_password = PasswordField(_l("原密码"), validators=[DataRequired(_l("请填写原密码。"))])
    new_password = PasswordField(
        _l("新密码"),
        validators=[
            DataRequired(_l("请填写新密码。")),
            Length(
                min=MIN_PASSWORD, max=256, message=_l("新密码至少 %(n)s 个字符。", n=MIN_PASSWORD)
            ),
        ],
    )
    confirm = PasswordField(
        _l("确认新密码"),
        validators=[EqualTo("new_password", message=_l("两次输入的新密码不一致。"))],
    )
