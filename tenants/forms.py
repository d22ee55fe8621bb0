"""Forms of the tenant admin pages: tenants, villages, users and roles, plugin activation.

Choices that depend on the tenant (its roles, its villages, the counties the user runs) are
passed in by the view, so a choice outside them is refused before any operation runs. Formats
the operations already check (slugs, village codes) are left to them: one rule, one message.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length

from core.auth.models import Role
from core.auth.operations import MIN_PASSWORD
from tenants.models import Tenant, Village

SLUG_HELP = "网址中使用的标识：小写字母、数字和连字符，如 xinzhen"


def _slug_field() -> StringField:
    return StringField("标识", description=SLUG_HELP, validators=[DataRequired("请填写标识。")])


def _name_field(label: str) -> StringField:
    return StringField(
        label,
        validators=[
            DataRequired(f"请填写{label}。"),
            Length(max=100, message="名称最长 100 个字。"),
        ],
    )


class CountyForm(FlaskForm):
    """A new county (县/区); only platform operators create them.

    Prefixed, because it shares a page (and field names) with :class:`TownshipForm`.
    """

    slug = _slug_field()
    name = _name_field("县（区）名称")

    def __init__(self, **kwargs) -> None:
        super().__init__(prefix="county", **kwargs)


class TownshipForm(FlaskForm):
    """A new township (乡镇/街道) under one of the counties the user administers."""

    parent = SelectField("所属县（区）", coerce=int)
    slug = _slug_field()
    name = _name_field("乡镇（街道）名称")

    def __init__(self, counties: Iterable[Tenant], **kwargs) -> None:
        super().__init__(**kwargs)
        self.parent.choices = [(c.id, c.name) for c in counties]


class VillageForm(FlaskForm):
    """A new village (村/社区) of a township."""

    code = StringField(
        "村代码",
        description="12 位统计用区划代码，如 370102001001",
        validators=[DataRequired("请填写村代码。")],
    )
    name = _name_field("村（社区）名称")


def _role_choices(form: FlaskForm, roles: Iterable[Role], villages: Iterable[Village] | None):
    """Fill the role select; a tenant without villages (a county) has no village select."""
    form.role.choices = [(r.key, r.name) for r in roles]
    if villages is None:
        del form.village
    else:
        form.village.choices = [("", "（不属于某村）")] + [
            (v.code, f"{v.name}（{v.code}）") for v in villages
        ]


class NewUserForm(FlaskForm):
    """A new account with its first role in this tenant."""

    username = StringField(
        "用户名",
        description="登录时使用，建议用拼音或工号",
        validators=[
            DataRequired("请填写用户名。"),
            Length(max=64, message="用户名最长 64 个字符。"),
        ],
    )
    display_name = StringField("姓名", validators=[Length(max=100, message="姓名最长 100 个字。")])
    password = PasswordField(
        "初始密码",
        description=f"至少 {MIN_PASSWORD} 个字符，请当面告知本人并提醒其登录后修改",
        validators=[
            DataRequired("请填写初始密码。"),
            Length(min=MIN_PASSWORD, max=256, message=f"密码至少 {MIN_PASSWORD} 个字符。"),
        ],
    )
    role = SelectField("角色", validators=[DataRequired("请选择角色。")])
    village = SelectField("所在村（社区）", description="村级角色必须选择所在村")

    def __init__(self, roles: Iterable[Role], villages: Iterable[Village] | None, **kwargs):
        super().__init__(**kwargs)
        _role_choices(self, roles, villages)


class AddRoleForm(FlaskForm):
    """Another role for an existing account, e.g. the secretary who is also director (一肩挑).

    Prefixed, because it shares a page (and field names) with :class:`NewUserForm`.
    """

    username = StringField(
        "用户名",
        validators=[
            DataRequired("请填写用户名。"),
            Length(max=64, message="用户名最长 64 个字符。"),
        ],
    )
    role = SelectField("角色", validators=[DataRequired("请选择角色。")])
    village = SelectField("所在村（社区）", description="村级角色必须选择所在村")

    def __init__(self, roles: Iterable[Role], villages: Iterable[Village] | None, **kwargs):
        super().__init__(prefix="member", **kwargs)
        _role_choices(self, roles, villages)


class PluginsForm(FlaskForm):
    """The full set of domain plugins enabled for a tenant; unchecked ones are turned off.

    An unknown key is left to the operation, which names it in Chinese.
    """

    enabled = SelectMultipleField("启用的领域", validate_choice=False)
