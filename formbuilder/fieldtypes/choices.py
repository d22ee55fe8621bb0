"""Choices: ``choice`` (one of a list), ``multichoice`` (several) and ``boolean`` (是/否).

A choice stores the option's ``value``, never its label, so relabelling an option in a new
version does not change what earlier cases meant; pages show the label.
"""

from __future__ import annotations

from typing import Any

from marshmallow import fields
from wtforms.fields import RadioField, SelectChoice, SelectField, SelectMultipleField
from wtforms.fields.core import UnboundField
from wtforms.widgets import CheckboxInput, ListWidget

from formbuilder.fieldtypes import options
from formbuilder.fieldtypes.base import FieldError, FieldType
from formbuilder.fieldtypes.wtf import field_kwargs

_OPTION = options.DefinitionSchema.from_dict(
    {"value": options.text(50, required=True), "label": options.text(200, required=True)},
    name="ChoiceOption",
)


def _labels(definition: dict) -> dict[str, str]:
    return {option["value"]: option["label"] for option in definition.get("options", [])}


def _choices(labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


class ChoiceType(FieldType):
    key = "choice"
    label = "单选"
    required_message = "请选择一项"
    too_few = "单选题至少需要两个选项"
    invalid_message = "请从选项中选择"
    value_schema = {"type": "string"}

    def option_fields(self) -> dict:
        item = fields.Nested(_OPTION)
        return {"options": options.listing(item, required=True, required_message=self.too_few)}

    def check_settings(self, definition: dict) -> dict[str, str]:
        if "options" not in definition:
            return {}
        if len(definition["options"]) < 2:
            return {"options": self.too_few}
        seen: set[str] = set()
        errors = {}
        for index, option in enumerate(definition["options"]):
            if option["value"] in seen:
                errors[f"options[{index}].value"] = f"选项值“{option['value']}”重复了"
            seen.add(option["value"])
        return errors

    def clean(self, value: Any, definition: dict) -> str:
        if not isinstance(value, str) or value not in _labels(definition):
            raise FieldError(self.invalid_message)
        return value

    def display(self, value: Any, definition: dict) -> str:
        return "" if value is None else _labels(definition).get(value, str(value))

    def to_wtforms(self, definition: dict) -> UnboundField:
        choices = _choices({"": "请选择"} | _labels(definition))
        return SelectField(choices=choices, validate_choice=False, **field_kwargs(definition))


class MultiChoiceType(ChoiceType):
    """Several options; stored in the order the definition lists them, without repeats."""

    key = "multichoice"
    label = "多选"
    required_message = "请至少选择一项"
    too_few = "多选题至少需要两个选项"
    value_schema = {"type": "array", "items": {"type": "string"}}

    def clean(self, value: Any, definition: dict) -> list[str]:
        labels = _labels(definition)
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v in labels for v in value
        ):
            raise FieldError(self.invalid_message)
        return [v for v in labels if v in value]

    def display(self, value: Any, definition: dict) -> str:
        labels = _labels(definition)
        return "、".join(labels.get(v, str(v)) for v in value or [])

    def to_wtforms(self, definition: dict) -> UnboundField:
        return SelectMultipleField(
            choices=_choices(_labels(definition)),
            validate_choice=False,
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            **field_kwargs(definition),
        )


def _yes_no(value: Any) -> Any:
    """How a stored answer shows as a radio value when a form is filled in again."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class BooleanType(FieldType):
    """A yes/no question. Radio buttons rather than a checkbox, so "not answered" differs
    from "no" and ``required`` means "answer it", not "tick it"."""

    key = "boolean"
    label = "是/否"
    required_message = "请选择“是”或“否”"
    value_schema = {"type": "boolean"}

    def clean(self, value: Any, definition: dict) -> bool:
        answer = {"true": True, "false": False}.get(value) if isinstance(value, str) else value
        if not isinstance(answer, bool):
            raise FieldError(self.required_message)
        return answer

    def display(self, value: Any, definition: dict) -> str:
        return "" if value is None else ("是" if value else "否")

    def to_wtforms(self, definition: dict) -> UnboundField:
        return RadioField(
            choices=_choices({"true": "是", "false": "否"}),
            coerce=_yes_no,
            validate_choice=False,
            **field_kwargs(definition),
        )
