"""Personal data: ``id_number`` (居民身份证号), ``phone`` (mobile) and ``person`` (name + ID).

These appear on villager pages (who received a subsidy) only masked — 110101********1234,
138****5678, 张*明 — whatever the definition says; ``"mask"`` cannot turn masking off.
"""

from __future__ import annotations

import re
from typing import Any

from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError
from wtforms import Form
from wtforms.fields import FormField, StringField
from wtforms.fields.core import UnboundField
from wtforms.widgets import TelInput

from formbuilder.fieldtypes import options
from formbuilder.fieldtypes.base import FieldError, FieldType, blank, mask_middle
from formbuilder.fieldtypes.text import clean_text
from formbuilder.fieldtypes.wtf import field_kwargs, form_class

_SEPARATORS = re.compile(r"[\s\-]")
_MOBILE = re.compile(r"1[3-9]\d{9}")


class IdNumberType(FieldType):
    """An 18-digit resident ID checked by its GB 11643 check digit and its birth date.

    The region code is not looked up: codes change with redistricting, and a list that lags
    behind would refuse real villagers; the check digit already catches typing slips.
    """

    key = "id_number"
    label = "身份证号"
    value_schema = {"type": "string", "pattern": r"^\d{17}[\dX]$"}

    def clean(self, value: Any, definition: dict) -> str:
        if not isinstance(value, str):
            raise FieldError("请填写身份证号")
        number = _SEPARATORS.sub("", ric.compact(value))
        if len(number) != 18:
            raise FieldError(f"身份证号应为 18 位，现有 {len(number)} 位")
        if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
            raise FieldError("身份证号只能由数字组成，最后一位可以是 X")
        if number[17] != ric.calc_check_digit(number):
            raise FieldError("身份证号校验位不对，请逐位核对")
        try:
            ric.get_birth_date(number)
        except StdnumError:
            raise FieldError("身份证号中的出生日期不对，请核对") from None
        return number

    def public_text(self, value: Any, definition: dict) -> str:
        return "" if not value else f"{value[:6]}{'*' * 8}{value[-4:]}"

    def to_wtforms(self, definition: dict) -> UnboundField:
        return StringField(**field_kwargs(definition, maxlength=18, autocomplete="off"))


class PhoneType(FieldType):
    """A mainland mobile number, stored as its 11 digits (spaces, dashes and +86 dropped)."""

    key = "phone"
    label = "手机号码"
    value_schema = {"type": "string", "pattern": r"^1[3-9]\d{9}$"}

    def clean(self, value: Any, definition: dict) -> str:
        number = _SEPARATORS.sub("", value) if isinstance(value, str) else ""
        number = number.removeprefix("+86") if len(number) == 14 else number
        if not _MOBILE.fullmatch(number):
            raise FieldError("请填写 11 位手机号码，如 13812345678")
        return number

    def public_text(self, value: Any, definition: dict) -> str:
        return "" if not value else f"{value[:3]}****{value[-4:]}"

    def to_wtforms(self, definition: dict) -> UnboundField:
        return StringField(widget=TelInput(), **field_kwargs(definition))


_ID_NUMBER = IdNumberType()
_PARTS = ("name", "id_number")


class PersonType(FieldType):
    """A person by name, with an ID number when known (``"require_id_number": true`` to
    insist): ``{"name": "张小明", "id_number": "…"}``. Public pages show the masked name only."""

    key = "person"
    label = "人员"
    value_schema = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "id_number": _ID_NUMBER.value_schema},
        "required": ["name"],
    }

    def option_fields(self) -> dict:
        return {"require_id_number": options.Flag()}

    def clean(self, value: Any, definition: dict) -> dict:
        if not isinstance(value, dict) or not set(value) <= set(_PARTS):
            raise FieldError("应填写姓名和身份证号")
        person, parts = {}, {}
        name, number = value.get("name"), value.get("id_number")
        try:
            if blank(name):
                raise FieldError("请填写姓名")
            person["name"] = clean_text(name, 50, multiline=False)
        except FieldError as exc:
            parts[".name"] = exc.message
        try:
            if not blank(number):
                person["id_number"] = _ID_NUMBER.clean(number, definition)
            elif definition.get("require_id_number"):
                raise FieldError("请填写身份证号")
        except FieldError as exc:
            parts[".id_number"] = exc.message
        if parts:
            raise FieldError("请核对姓名和身份证号", parts)
        return person

    def display(self, value: Any, definition: dict) -> str:
        if not value:
            return ""
        number = value.get("id_number")
        return f"{value['name']}（{number}）" if number else value["name"]

    def public_text(self, value: Any, definition: dict) -> str:
        return mask_middle(value["name"]) if value else ""

    def to_wtforms(self, definition: dict) -> UnboundField:
        parts = {
            "name": StringField("姓名", name="name", render_kw={"maxlength": 50}),
            "id_number": StringField("身份证号", name="id_number", render_kw={"maxlength": 18}),
        }
        return FormField(form_class(Form, parts, "PersonForm"), **field_kwargs(definition))
