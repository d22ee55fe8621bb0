"""JavaScript's value coercions, for the values JSON can carry.

Conditions run twice: on the server here, and in the browser through json-logic-js, which
leans on JavaScript's own ``==``, ``<``, ``+`` and ``parseFloat``. A money field arrives as
``"50000.00"`` and an empty one as ``""``; JavaScript compares ``"50000.00" >= 50000`` as
numbers and ``"" < 1`` as ``0 < 1``, and so must we, or a branch would go one way on the page
and the other way in the engine. These functions follow ECMAScript for null, booleans,
numbers, strings, arrays and objects; nothing else reaches a condition.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

#: What ECMAScript's ``String.prototype.trim`` strips (``str.strip`` differs at the edges).
WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_RADIX = re.compile(r"0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+")


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def truthy(value: Any) -> bool:
    """JSONLogic truthiness: JavaScript's, except that an empty array is false."""
    if value is None or value == []:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    if isinstance(value, dict):
        return True
    return bool(value)


def to_string(value: Any) -> str:
    """``String(value)``; arrays join their items with commas, nulls inside as ''."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if is_number(value):
        return _number_to_string(value)
    if isinstance(value, list):
        return ",".join("" if item is None else to_string(item) for item in value)
    return "[object Object]"


def _number_to_string(number: int | float) -> str:
    if isinstance(number, int) and abs(number) < 10**21:
        return str(number)
    number = float(number)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    shortest = repr(number)  # the same shortest round-trip digits JavaScript picks
    if 1e-6 <= abs(number) < 1e21:
        fixed = format(Decimal(shortest), "f")
        return fixed.rstrip("0").rstrip(".") if "." in fixed else fixed
    mantissa, exponent = shortest.split("e")
    return f"{mantissa}e{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent))}"


def to_number(value: Any) -> int | float:
    """``Number(value)``: '' and null are 0, '50000.00' is 50000, 'abc' is NaN."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if is_number(value):
        return value
    if isinstance(value, str):
        text = value.strip(WHITESPACE)
        if not text:
            return 0
        if _DECIMAL.fullmatch(text):
            return float(text)
        if _RADIX.fullmatch(text):
            try:
                return float(int(text, 0))
            except OverflowError:
                return math.inf
        return math.nan
    if isinstance(value, list):
        return to_number(to_string(value))
    return math.nan


def parse_float(value: Any) -> float:
    """``parseFloat(value)``: the longest leading decimal number, else NaN ('12元' is 12)."""
    found = _DECIMAL.match(to_string(value).lstrip(WHITESPACE))
    return float(found.group()) if found else math.nan


def _primitive(value: Any) -> Any:
    return to_string(value) if isinstance(value, list | dict) else value


def loose_equals(a: Any, b: Any) -> bool:
    """``a == b``."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, list | dict) and isinstance(b, list | dict):
        return a is b
    if isinstance(a, bool) and isinstance(b, bool):
        return a == b
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if isinstance(a, bool):
        return loose_equals(to_number(a), b)
    if isinstance(b, bool):
        return loose_equals(a, to_number(b))
    if isinstance(a, list | dict) or isinstance(b, list | dict):
        return loose_equals(_primitive(a), _primitive(b))
    return to_number(a) == to_number(b)


def strict_equals(a: Any, b: Any) -> bool:
    """``a === b``: no coercion; arrays and objects only equal themselves."""
    if is_number(a) and is_number(b):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, list | dict):
        return a is b
    return a == b


def compare(a: Any, b: Any) -> int | None:
    """-1, 0 or 1 as JavaScript's relational operators see ``a`` against ``b``; None where
    any comparison is false (NaN). Two strings compare by UTF-16 code units, else numbers."""
    a, b = _primitive(a), _primitive(b)
    if isinstance(a, str) and isinstance(b, str):
        left, right = a.encode("utf-16-be"), b.encode("utf-16-be")
    else:
        left, right = to_number(a), to_number(b)
        if math.isnan(left) or math.isnan(right):
            return None
    return (left > right) - (left < right)


def divide(a: Any, b: Any) -> float:
    """``a / b``, where dividing by zero gives ±Infinity or NaN instead of raising."""
    numerator, denominator = float(to_number(a)), float(to_number(b))
    if denominator != 0:
        return numerator / denominator
    if numerator == 0 or math.isnan(numerator):
        return math.nan
    return math.copysign(math.inf, numerator) * math.copysign(1.0, denominator)
