"""What a field type is: one place that knows a type's validation and every rendering of it.

A field *definition* is data (``{"key", "type", "label", "required", ...}``); a field *type*
turns it into a WTForms field for pages, a marshmallow field for the API, a (masked) text for
public pages, and a description for the designer's palette. ``clean`` is the single validation
both the form and the schema call, so a bad value gets the same Chinese message on either side.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from functools import cached_property
from typing import Any

from marshmallow import Schema, ValidationError
from marshmallow import fields as mm
from wtforms.fields.core import UnboundField

from formbuilder.fieldtypes.options import DefinitionSchema, common_fields, flatten


class FieldError(ValueError):
    """A value that does not fit its field; the message is shown to the clerk as is.

    ``parts`` place faults inside a composite value (a table cell, a person's ID number) by
    path relative to the field, e.g. ``{"[0].price": "请填写此项"}``; ``message`` sums them up.
    """

    def __init__(self, message: str, parts: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.parts = parts or {}

    def by_path(self, path: str) -> dict[str, str]:
        """The messages keyed by full path, for a field at ``path``."""
        if not self.parts:
            return {path: self.message}
        return {f"{path}{sub}": message for sub, message in self.parts.items()}


class FieldType(ABC):
    """One field type. Core types subclass it; plugin types are presets of a core type."""

    #: stable identifier used in definitions (``"type": "money"``)
    key: str
    #: Chinese name shown in the designer's palette
    label: str
    #: True for types that hold no value (section headings)
    is_layout: bool = False
    #: False when the value never comes from the person filling in (computed, layout)
    takes_input: bool = True
    #: what a required field says when left empty
    required_message: str = "请填写此项"
    #: JSON Schema of the stored value, for the designer and the OpenAPI document
    value_schema: dict = {}

    # --- the definition -----------------------------------------------------------------

    def option_fields(self) -> dict[str, mm.Field]:
        """marshmallow fields for the type's own settings (``min``, ``options`` …)."""
        return {}

    def check_settings(self, definition: dict) -> dict[str, str]:
        """Faults between settings (``min`` above ``max``, too few choices), by relative path.

        ``definition`` holds only the settings that passed ``option_fields`` whole (marshmallow
        keeps the good items of a faulty list; they are left out too), so each check looks at
        what is there and never repeats a fault already reported.
        """
        return {}

    @cached_property
    def definition_schema(self) -> Schema:
        shared = common_fields(is_layout=self.is_layout, takes_input=self.takes_input)
        return DefinitionSchema.from_dict(shared | self.option_fields(), name=f"{self.key}_def")()

    def load(self, definition: dict) -> tuple[dict, dict[str, str]]:
        """The whole definition as checked, and all its faults by path relative to the field."""
        try:
            loaded = self.definition_schema.load(definition)
            errors: dict[str, str] = {}
        except ValidationError as exc:
            faulty = {_setting(path) for path in flatten(exc.messages)}
            valid = exc.valid_data if isinstance(exc.valid_data, dict) else {}
            loaded = {name: value for name, value in valid.items() if name not in faulty}
            errors = flatten(exc.messages)
        for path, message in self.check_settings(loaded).items():
            errors.setdefault(path, message)
        return loaded, errors

    def option_errors(self, definition: dict) -> dict[str, str]:
        """Faults in the type's own settings, and settings no field of this type has, by path
        relative to the field: ``{"options": "单选题至少需要两个选项"}``."""
        shared = common_fields(is_layout=self.is_layout, takes_input=self.takes_input)
        _, errors = self.load(definition)
        return {path: text for path, text in errors.items() if _setting(path) not in shared}

    # --- a value ------------------------------------------------------------------------

    def is_empty(self, value: Any) -> bool:
        """Whether ``value`` counts as not filled in (then ``required`` decides)."""
        return blank(value)

    @abstractmethod
    def clean(self, value: Any, definition: dict) -> Any:
        """The Python form of a filled-in ``value`` (money as ``Decimal``), or raise FieldError."""

    def compute(self, definition: dict, data: dict) -> Any:
        """The value of a field nobody fills in, from the form's JSON ``data``; None for the
        rest (``takes_input`` types are never computed)."""
        return None

    def dump(self, value: Any, definition: dict) -> Any:
        """The JSON form of a cleaned value: what a case stores and conditions read."""
        return value

    # --- renderings ---------------------------------------------------------------------

    @abstractmethod
    def to_wtforms(self, definition: dict) -> UnboundField:
        """An unbound WTForms field that collects the raw value; ``clean`` judges it."""

    def to_marshmallow(self, definition: dict) -> mm.Field:
        """A marshmallow field that passes the raw value on to ``clean`` and dumps JSON."""
        return ValueField(self, definition)

    def display(self, value: Any, definition: dict) -> str:
        """How a cleaned or stored value reads for staff: nothing masked."""
        return "" if value is None else str(value)

    def public_text(self, value: Any, definition: dict) -> str:
        """How the value reads on a villager page; ``"mask": true`` hides its middle."""
        shown = self.display(value, definition)
        return mask_middle(shown) if definition.get("mask") else shown

    def describe(self) -> dict:
        """The designer's palette entry: the type, its value's JSON Schema, its settings."""
        schema = self.definition_schema
        return {
            "key": self.key,
            "label": self.label,
            "is_layout": self.is_layout,
            "value": self.value_schema,
            "settings": sorted(schema.fields),
        }


class ValueField(mm.Field):
    """The marshmallow face of a field: keeps the raw input for ``clean_submission`` (which
    knows which fields are hidden or required) and dumps cleaned values as JSON."""

    def __init__(self, field_type: FieldType, definition: dict) -> None:
        description = {"description": definition["help"]} if definition.get("help") else {}
        super().__init__(
            data_key=definition["key"],
            attribute=definition["key"],
            allow_none=True,
            metadata={"title": definition["label"], **description, **field_type.value_schema},
        )
        self.field_type = field_type
        self.definition = definition

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        return value

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:
        return None if value is None else self.field_type.dump(value, self.definition)


def _setting(path: str) -> str:
    """The setting a fault's path starts with: ``options[1].value`` -> ``options``."""
    return re.match(r"[^.\[]*", path).group(0)


def blank(value: Any) -> bool:
    """Nothing entered: null, blank text, or a list or object holding nothing else (a table
    row, a person or a vote tally whose inputs were all left empty)."""
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(blank(item) for item in value.values())
    if isinstance(value, list):
        return all(blank(item) for item in value)
    return value is None


def mask_middle(text: str) -> str:
    """Keep the first and last character, star the rest: 张小明 -> 张*明, 张三 -> 张*."""
    if len(text) <= 1:
        return "*" * len(text)
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]
