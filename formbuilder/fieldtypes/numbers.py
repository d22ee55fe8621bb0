"""Numbers: ``integer``, ``decimal`` and ``money`` (yuan, exact to the fen).

Amounts decide branches (``amount >= 50000`` → public bidding) and end up in the village's
published accounts, so they are never floats: a decimal string or a JSON number is read
exactly, kept as ``Decimal`` in Python and stored as a string with fixed places
(``"50000.00"``). Exponents (``"1e5"``) and surplus decimals are refused, not rounded.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from wtforms.fields import StringField
from wtforms.fields.core import UnboundField
from wtforms.widgets import NumberInput

from formbuilder.fieldtypes import options
from formbuilder.fieldtypes.base import FieldError, FieldType
from formbuilder.fieldtypes.wtf import field_kwargs

_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d+(\.\d+)?")
#: beyond this a number is a typing accident (and would lose precision in the browser)
_LIMIT = 10**15


def _bound_errors(definition: dict) -> dict[str, str]:
    low, high = definition.get("min"), definition.get("max")
    if low is not None and high is not None and options.as_decimal(low) > options.as_decimal(high):
        return {"max": "最大值不能小于最小值"}
    return {}


def _check_bounds(number: Decimal | int, low: Any, high: Any) -> None:
    if low is not None and number < options.as_decimal(low):
        raise FieldError("不能为负数" if options.as_decimal(low) == 0 else f"不能小于 {low}")
    if high is not None and number > options.as_decimal(high):
        raise FieldError(f"不能大于 {high}")


class IntegerType(FieldType):
    key = "integer"
    label = "整数"
    value_schema = {"type": "integer"}

    def option_fields(self) -> dict:
        return {"min": options.integer(), "max": options.integer()}

    def check_settings(self, definition: dict) -> dict[str, str]:
        return _bound_errors(definition)

    def clean(self, value: Any, definition: dict) -> int:
        if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
            value = int(value.strip())
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError("请填写整数")
        if abs(value) >= _LIMIT:
            raise FieldError("数值过大，请核对")
        _check_bounds(value, definition.get("min"), definition.get("max"))
        return value

    def to_wtforms(self, definition: dict) -> UnboundField:
        bounds = {k: definition[k] for k in ("min", "max") if k in definition}
        return StringField(widget=NumberInput(step=1), **field_kwargs(definition, **bounds))


class DecimalType(FieldType):
    key = "decimal"
    label = "小数"
    value_schema = {"type": "string", "format": "decimal"}
    invalid_message = "请填写数字，如 12.5"
    default_places = 2
    #: the lower bound when a definition sets none
    default_min: Any = None

    def option_fields(self) -> dict:
        return {"min": options.Number(), "max": options.Number(), "places": options.integer(0, 6)}

    def check_settings(self, definition: dict) -> dict[str, str]:
        return _bound_errors(definition)

    def places(self, definition: dict) -> int:
        return definition.get("places", self.default_places)

    def clean(self, value: Any, definition: dict) -> Decimal:
        number = self._parse(value)
        places = self.places(definition)
        if -number.as_tuple().exponent > places:
            raise FieldError(self.places_message(places))
        if abs(number) >= _LIMIT:
            raise FieldError("数额过大，请核对")
        _check_bounds(number, definition.get("min", self.default_min), definition.get("max"))
        exact = number.quantize(Decimal(1).scaleb(-places))
        return exact if exact else abs(exact)  # no "-0.00"

    def places_message(self, places: int) -> str:
        return f"最多保留 {places} 位小数" if places else "请填写整数"

    def _parse(self, value: Any) -> Decimal:
        if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
            return Decimal(value.strip())
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = options.as_decimal(value)
            if number.is_finite():
                return number
        raise FieldError(self.invalid_message)

    def dump(self, value: Decimal, definition: dict) -> str:
        return f"{Decimal(value):.{self.places(definition)}f}"

    def display(self, value: Any, definition: dict) -> str:
        return "" if value is None else self.dump(value, definition)

    def to_wtforms(self, definition: dict) -> UnboundField:
        return StringField(**field_kwargs(definition, inputmode="decimal"))


class MoneyType(DecimalType):
    """Yuan to the fen. Not negative unless the definition sets a lower ``min``."""

    key = "money"
    label = "金额（元）"
    value_schema = {"type": "string", "format": "decimal", "pattern": r"^-?\d+\.\d{2}$"}
    invalid_message = "请填写金额，如 50000.00"
    default_min = 0

    def option_fields(self) -> dict:
        return {"min": options.Number(), "max": options.Number()}

    def places(self, definition: dict) -> int:
        return 2

    def places_message(self, places: int) -> str:
        return "金额最多保留两位小数（到分）"

    def display(self, value: Any, definition: dict) -> str:
        return "" if value is None else f"{Decimal(value):,.2f} 元"
