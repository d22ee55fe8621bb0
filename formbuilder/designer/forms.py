"""The designer's small page forms: start a new item, copy one, import a definition file."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms.fields import SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

KEY_HINT = "留空则自动生成，如 local.street_lights；创建后不能修改。"


class NewItemForm(FlaskForm):
    name = StringField("事项名称", [InputRequired("请填写事项名称。"), Length(max=100)])
    key = StringField("事项标识", [Optional(), Length(max=100)], description=KEY_HINT)


class CopyItemForm(FlaskForm):
    source = SelectField(
        "从县级清单或领域插件中选择", [InputRequired("请选择要复制的事项。")], validate_choice=False
    )
    key = StringField("新事项标识", [Optional(), Length(max=100)], description=KEY_HINT)


class ImportForm(FlaskForm):
    file = FileField("定义文件（JSON）", [FileRequired("请选择要导入的文件。")])
