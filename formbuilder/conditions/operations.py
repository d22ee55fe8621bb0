"""The operators a condition may use, each doing what json-logic-js 2.0.5 does in the browser.

``panzi-json-logic`` walks the logic and runs ``if``/``and``/``or``/``some``/``all``/``none``
itself (their truthiness already matches JavaScript's); the operators below replace its
Python-flavoured built-ins, whose coercions differ from JavaScript's at the edges that village
data hits (``"" < 1``, ``null == 0``, ``true === 1``). The whitelist leaves out what a form
condition has no use for (``log`` prints, ``map``/``reduce``/``filter``/``merge``/``substr``)
so that each operator kept is one whose browser result is tested against ours.
"""

from __future__ import annotations

import math
from typing import Any

from formbuilder.conditions import js

#: Operator -> (fewest, most) arguments; most is None when unbounded. Arity is checked when a
#: definition is loaded: outside it the two implementations disagree (``{">": [1]}``).
ARITY: dict[str, tuple[int, int | None]] = {
    "var": (1, 2),
    "missing": (1, None),
    "missing_some": (2, 2),
    "if": (2, None),
    "and": (1, None),
    "or": (1, None),
    "!": (1, 1),
    "!!": (1, 1),
    "==": (2, 2),
    "!=": (2, 2),
    "===": (2, 2),
    "!==": (2, 2),
    ">": (2, 2),
    ">=": (2, 2),
    "<": (2, 3),
    "<=": (2, 3),
    "in": (2, 2),
    "+": (1, None),
    "-": (1, 2),
    "*": (1, None),
    "/": (2, 2),
    "min": (1, None),
    "max": (1, None),
    "some": (2, 2),
    "all": (2, 2),
    "none": (2, 2),
}

#: Operators whose second argument runs once per item of the first, with the item as data.
SCOPED = frozenset({"some", "all", "none"})

_MISSING = object()


def var(data: Any, key: Any = None, default: Any = None) -> Any:
    """A value by dotted path; arrays and strings answer ``length`` and indexes."""
    if key is None or key == "":
        return data
    for prop in js.to_string(key).split("."):
        if data is None:
            return default
        data = _member(data, prop)
        if data is _MISSING:
            return default
    return data


def _member(data: Any, prop: str) -> Any:
    if isinstance(data, dict):
        return data.get(prop, _MISSING)
    if isinstance(data, list | str):
        if prop == "length":
            return len(data)
        if prop.isascii() and prop.isdigit() and str(int(prop)) == prop and int(prop) < len(data):
            return data[int(prop)]
    return _MISSING


def missing(data: Any, *keys: Any) -> list:
    """The keys (arguments, or one array of them) whose value is null or ''."""
    if keys and isinstance(keys[0], list):
        keys = tuple(keys[0])
    return [key for key in keys if var(data, key) in (None, "")]


def missing_some(data: Any, need: Any, keys: Any) -> list:
    """``missing`` for ``keys``, or [] when at least ``need`` of them are present."""
    keys = keys if isinstance(keys, list) else [keys]  # one key given bare, as ``missing`` allows
    absent = missing(data, keys)
    return [] if js.compare(len(keys) - len(absent), need) in (0, 1) else absent


def _relation(accept: tuple[int, ...]):
    """A comparison operator; with three arguments ``a op b op c`` (a range check)."""

    def operator(data: Any, *args: Any) -> bool:
        pairs = zip(args, args[1:3] if len(args) == 3 else args[1:2], strict=False)
        return all(js.compare(a, b) in accept for a, b in pairs)

    return operator


def contains(data: Any, needle: Any = None, haystack: Any = None, *_: Any) -> bool:
    """``in``: a substring of a string, or an item (by ``===``) of an array."""
    if isinstance(haystack, str):
        return haystack != "" and js.to_string(needle) in haystack
    if isinstance(haystack, list):
        return any(js.strict_equals(needle, item) for item in haystack)
    return False


def add(data: Any, *args: Any) -> float:
    total: float = 0
    for arg in args:
        total = js.parse_float(total) + js.parse_float(arg)
    return total


def multiply(data: Any, first: Any, *rest: Any) -> Any:
    """As json-logic-js reduces without a start value, one argument comes back unchanged."""
    product = first
    for arg in rest:
        product = js.parse_float(product) * js.parse_float(arg)
    return product


def subtract(data: Any, a: Any, *b: Any) -> float:
    if not b:
        return -js.to_number(a)
    return js.to_number(a) - js.to_number(b[0])


def _extreme(pick, empty: float):
    def operator(data: Any, *args: Any) -> float:
        numbers = [js.to_number(arg) for arg in args]
        if any(math.isnan(n) for n in numbers):
            return math.nan
        return pick(numbers) if numbers else empty

    return operator


OPERATIONS: dict[str, Any] = {
    "var": var,
    "missing": missing,
    "missing_some": missing_some,
    "!": lambda data, a, *_: not js.truthy(a),
    "!!": lambda data, a, *_: js.truthy(a),
    "==": lambda data, a, b, *_: js.loose_equals(a, b),
    "!=": lambda data, a, b, *_: not js.loose_equals(a, b),
    "===": lambda data, a, b, *_: js.strict_equals(a, b),
    "!==": lambda data, a, b, *_: not js.strict_equals(a, b),
    ">": _relation((1,)),
    ">=": _relation((0, 1)),
    "<": _relation((-1,)),
    "<=": _relation((-1, 0)),
    "in": contains,
    "+": add,
    "-": subtract,
    "*": multiply,
    "/": lambda data, a, b, *_: js.divide(a, b),
    "min": _extreme(min, math.inf),
    "max": _extreme(max, -math.inf),
}
