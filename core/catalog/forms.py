"""Forms for admins editing the responsibility and negative lists."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from .lists import MAX_TEXT


class ResponsibilityForm(FlaskForm):
    role = SelectField("角色", validators=[DataRequired("请选择角色。")])
    text = TextAreaField(
        "职责",
        validators=[
            DataRequired("请填写职责。"),
            Length(max=MAX_TEXT, message=f"不能超过 {MAX_TEXT} 个字。"),
        ],
    )


class ProhibitionForm(FlaskForm):
    text = TextAreaField(
        "禁止行为",
        validators=[
            DataRequired("请填写内容。"),
            Length(max=MAX_TEXT, message=f"不能超过 {MAX_TEXT} 个字。"),
        ],
    )
