"""Text fields: one line (``text``) and several (``textarea``)."""

from __future__ import annotations

import unicodedata
from typing import Any

from wtforms.fields import StringField, TextAreaField
from wtforms.fields.core import UnboundField

from formbuilder.fieldtypes import options
from formbuilder.fieldtypes.base import FieldError, FieldType
from formbuilder.fieldtypes.wtf import field_kwargs

#: line breaks and tabs a long text may hold; other control characters are refused
_LAYOUT_CHARACTERS = frozenset("\n\r\t")


def clean_text(value: Any, max_length: int, *, multiline: bool) -> str:
    """Stripped text of at most ``max_length`` characters, without control characters
    (PostgreSQL refuses NUL in text; a line break in a one-line answer is a paste accident)."""
    if not isinstance(value, str):
        raise FieldError("应填写文字")
    value = value.strip()
    allowed = _LAYOUT_CHARACTERS if multiline else frozenset()
    if any(unicodedata.category(c) == "Cc" and c not in allowed for c in value):
        raise FieldError("不能包含控制字符" if multiline else "不能包含换行等控制字符")
    if len(value) > max_length:
        raise FieldError(f"最多 {max_length} 个字，现有 {len(value)} 个字")
    return value


class TextType(FieldType):
    key = "text"
    label = "单行文字"
    default_max_length = 200
    value_schema = {"type": "string"}

    def option_fields(self) -> dict:
        return {"max_length": options.integer(1, 2000)}

    def max_length(self, definition: dict) -> int:
        return definition.get("max_length", self.default_max_length)

    def clean(self, value: Any, definition: dict) -> str:
        return clean_text(value, self.max_length(definition), multiline=False)

    def to_wtforms(self, definition: dict) -> UnboundField:
        return StringField(**field_kwargs(definition, maxlength=self.max_length(definition)))


class TextareaType(TextType):
    key = "textarea"
    label = "多行文字"
    default_max_length = 5000

    def option_fields(self) -> dict:
        return {"max_length": options.integer(1, 50000)}

    def clean(self, value: Any, definition: dict) -> str:
        return clean_text(value, self.max_length(definition), multiline=True)

    def to_wtforms(self, definition: dict) -> UnboundField:
        return TextAreaField(**field_kwargs(definition, rows=4))
