"""The marshmallow fields a field definition is checked with, speaking Chinese.

Field definitions are written by township admins in the designer, so every fault names the
setting and says what is expected in words an admin understands. The settings every field
shares live here; each type adds its own through ``FieldType.option_fields``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from formbuilder import conditions

#: a field's stable identifier: set once, never derived from the label
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
#: the longest label a field may have
MAX_LABEL = 200
_MESSAGES = {"required": "必须填写", "null": "不能为空"}
_NUMBER = re.compile(r"^[+-]?\d{1,15}(\.\d{1,6})?$")


class DefinitionSchema(Schema):
    """Base of the schemas that check a definition: unknown settings are refused, in Chinese."""

    error_messages = {"unknown": "未知的设置项", "type": "应为一个对象（{…}）"}


def text(max_length: int, **kwargs: Any) -> fields.String:
    return fields.String(
        validate=validate.Length(min=1, max=max_length, error="应为 1 到 {max} 个字符"),
        error_messages={**_MESSAGES, "invalid": "应为文字"},
        **kwargs,
    )


def key(**kwargs: Any) -> fields.String:
    return fields.String(
        validate=validate.Regexp(
            KEY_PATTERN, error="只能由小写英文字母、数字和下划线组成，以字母开头，最多 50 个字符"
        ),
        error_messages={**_MESSAGES, "invalid": "应为文字"},
        **kwargs,
    )


class Flag(fields.Field):
    """A yes/no setting: JSON ``true`` or ``false`` only (marshmallow's Boolean takes 1 too)."""

    default_error_messages = {**_MESSAGES, "invalid": "应为 true（是）或 false（否）"}

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def integer(low: int | None = None, high: int | None = None, **kwargs: Any) -> fields.Integer:
    checks = [validate.Range(min=low, max=high, error=_range_message(low, high))]
    return fields.Integer(
        strict=True,
        validate=checks if low is not None or high is not None else None,
        error_messages={**_MESSAGES, "invalid": "应为整数"},
        **kwargs,
    )


def _range_message(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return "应在 {min} 到 {max} 之间"
    return "不能小于 {min}" if low is not None else "不能大于 {max}"


def one_of(choices: dict[str, str], **kwargs: Any) -> fields.String:
    """One of the keys of ``choices``; the message lists them with their Chinese names."""
    named = [f"{value}（{name}）" for value, name in choices.items()]
    return fields.String(
        validate=validate.OneOf(list(choices), labels=named, error="应为以下之一：{labels}"),
        error_messages={**_MESSAGES, "invalid": "应为文字"},
        **kwargs,
    )


def listing(item: fields.Field, *, required_message: str = "", **kwargs: Any) -> fields.List:
    messages = {**_MESSAGES, "invalid": "应为列表（[…]）"}
    if required_message:
        messages["required"] = required_message
    return fields.List(item, error_messages=messages, **kwargs)


class Number(fields.Field):
    """A bound such as ``min``: a JSON number or a decimal string ("50000.00"), kept as given
    so the stored definition stays plain JSON; ``as_decimal`` reads it exactly."""

    default_error_messages = {**_MESSAGES, "invalid": '应为数字，如 100 或 "50000.00"'}

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.make_error("invalid")
        if isinstance(value, str) and not _NUMBER.match(value):
            raise self.make_error("invalid")
        if as_decimal(value).is_finite():
            return value
        raise self.make_error("invalid")


def as_decimal(value: Any) -> Decimal:
    """The exact decimal a bound or a JSON number stands for (floats through their repr)."""
    try:
        return Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        return Decimal("NaN")


class Logic(fields.Field):
    """A JSONLogic condition or formula, checked by ``formbuilder.conditions.problems`` so that
    it evaluates alike on the server and in the browser."""

    default_error_messages = {**_MESSAGES, "invalid": "条件应为一个 JSONLogic 对象或 true/false"}

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, dict | bool):
            raise self.make_error("invalid")
        found = conditions.problems(value)
        if found:
            raise ValidationError("；".join(found))
        return value


def common_fields(*, is_layout: bool, takes_input: bool) -> dict[str, fields.Field]:
    """The settings every field shares; value-less and computed fields share fewer."""
    shared: dict[str, fields.Field] = {
        "key": key(required=True),
        "type": key(required=True),
        "label": text(MAX_LABEL, required=True),
        "help": text(1000),
        "visible_when": Logic(),
        "preset": key(),
    }
    if not is_layout:
        #: ``minor``: the value concerns a minor, so no public page ever shows it
        shared |= {"public": Flag(), "mask": Flag(), "minor": Flag()}
    if takes_input:
        shared |= {"required": Flag(), "required_when": Logic()}
    return shared


def flatten(messages: Any, prefix: str = "") -> dict[str, str]:
    """marshmallow's nested messages as ``{"options[1].value": "必须填写"}``."""
    if not isinstance(messages, dict):
        text_ = "；".join(map(str, messages)) if isinstance(messages, list) else str(messages)
        return {prefix: text_}
    flat: dict[str, str] = {}
    for name, inner in messages.items():
        flat |= flatten(inner, join(prefix, _step(name)))
    return flat


def _step(name: Any) -> str:
    if isinstance(name, int):
        return f"[{name}]"
    return "" if name == "_schema" else str(name)  # "_schema": the object itself


def join(prefix: str, path: str) -> str:
    """``fields[0]`` + ``type`` -> ``fields[0].type``; ``columns`` + ``[1].key`` -> ``columns[1].key``."""
    if not prefix or not path:
        return prefix or path
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"
