"""Conditions in words (条件的中文表述): a JSONLogic rule as a short Chinese phrase for people.

Flowcharts, the power handbook and form-builder previews label a branch with its condition; a
villager or a clerk reads "金额（元）≥ 50,000", not ``{">=": [{"var": "amount"}, 50000]}``.
The phrase is for reading only; evaluation lives in :mod:`formbuilder.conditions`.

Definitions come from county admins and plugins, so any JSON may arrive here: shapes this
module does not know are written compactly (``op（a，b）``) rather than refused — a chart must
still print when a rule is unusual.
"""

from collections.abc import Mapping
from typing import Any

#: Comparison operators and the sign shown for each.
_SIGNS = {
    "==": "=",
    "===": "=",
    "!=": "≠",
    "!==": "≠",
    ">": ">",
    ">=": "≥",
    "<": "<",
    "<=": "≤",
}
#: What ``!`` turns an equality into; other comparisons keep "并非（…）" to stay exact.
_NEGATIONS = {"==": "!=", "===": "!==", "!=": "==", "!==": "==="}
_ARITHMETIC = {"+": "+", "-": "-", "*": "×", "/": "÷", "%": "mod"}
_JOINERS = {"and": "且", "or": "或"}
#: Full-width closing punctuation needs no space after it ("金额（元）≥ 50,000").
_TIGHT_AFTER = "）」』”】》"
_EMPTY = "（空）"


def describe(logic: Any, labels: Mapping[str, str]) -> str:
    """The condition ``logic`` in Chinese words; field keys are shown by their ``labels``."""
    return _condition(logic, labels, parent=None)


def _condition(logic: Any, labels: Mapping[str, str], parent: str | None) -> str:
    """A rule read as a yes/no question; ``parent`` decides whether and/or need brackets."""
    if logic is True:
        return "总是"
    if logic is False:
        return "从不"
    operator, args = _operation(logic)
    if operator is None:
        return _operand(logic, labels)
    if operator == "var":
        return f"{_variable(args, labels)}：是"
    if operator in _JOINERS and args:
        parts = [_condition(arg, labels, operator) for arg in args]
        text = _infix(_JOINERS[operator], parts)
        return (
            f"（{text}）" if parent is not None and parent != operator and len(args) > 1 else text
        )
    if operator == "!" and len(args) == 1:
        return _negation(args[0], labels)
    if operator == "!!" and len(args) == 1:
        return _condition(args[0], labels, parent)
    if operator in _SIGNS and len(args) in (2, 3):
        return _comparison(operator, args, labels)
    if operator == "in" and len(args) == 2:
        return _membership(args, labels, negated=False)
    if operator == "missing" and args:
        return f"未填写{_names(args, labels)}"
    if operator == "missing_some" and len(args) == 2 and isinstance(args[1], list):
        return f"{_names(args[1], labels)}中已填写少于 {_operand(args[0], labels)} 项"
    return _compact(operator, args, labels)


def _negation(inner: Any, labels: Mapping[str, str]) -> str:
    """``!`` said positively where that stays exact, otherwise as "并非（…）"."""
    operator, args = _operation(inner)
    if operator == "var":
        return f"{_variable(args, labels)}：否"
    if operator == "!" and len(args) == 1:
        return _condition(args[0], labels, parent=None)
    if operator in _NEGATIONS and len(args) == 2:
        return _comparison(_NEGATIONS[operator], args, labels)
    if operator == "in" and len(args) == 2:
        return _membership(args, labels, negated=True)
    if operator == "missing" and args:
        return f"已填写{_names(args, labels)}"
    return f"并非（{_condition(inner, labels, parent=None)}）"


def _comparison(operator: str, args: list[Any], labels: Mapping[str, str]) -> str:
    """``a op b``, or ``a op x op b`` for JSONLogic's between (``<``/``<=`` with three)."""
    if len(args) == 3 and operator not in ("<", "<="):
        return _compact(operator, args, labels)
    return _infix(_SIGNS[operator], [_operand(arg, labels) for arg in args])


def _membership(args: list[Any], labels: Mapping[str, str], *, negated: bool) -> str:
    """``in`` is membership in a list of choices, or a substring test on text."""
    needle, haystack = args
    if isinstance(haystack, list):
        verb = "不属于" if negated else "属于"
        return _infix(verb, [_operand(needle, labels), _operand(haystack, labels)])
    verb = "不包含" if negated else "包含"
    return _infix(verb, [_operand(haystack, labels), _operand(needle, labels)])


def _operand(value: Any, labels: Mapping[str, str]) -> str:
    """A value inside a rule: a field by its label, a literal in the way people write it."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{int(value):,}" if value.is_integer() else f"{value:,}"
    if isinstance(value, str):
        return f"“{value}”"
    if value is None:
        return "空"
    if isinstance(value, list):
        return "、".join(_operand(item, labels) for item in value) or _EMPTY
    operator, args = _operation(value)
    if operator == "var":
        return _variable(args, labels)
    if operator in _ARITHMETIC and len(args) >= 2:
        return f"（{_infix(_ARITHMETIC[operator], [_operand(arg, labels) for arg in args])}）"
    if operator is not None:
        return _compact(operator, args, labels)
    if isinstance(value, Mapping):
        parts = (_compact(str(key), _as_list(arg), labels) for key, arg in value.items())
        return "；".join(parts) or _EMPTY
    return str(value)


def _variable(args: list[Any], labels: Mapping[str, str]) -> str:
    """``{"var": "amount"}`` or ``{"var": ["amount", 0]}`` as the field's label."""
    name = args[0] if args else ""
    if name in ("", None):
        return "填报数据"
    key = str(name)
    return labels.get(key, key)


def _names(keys: list[Any], labels: Mapping[str, str]) -> str:
    """Field keys listed for ``missing``: "金额（元）、用途"."""
    flat = keys[0] if len(keys) == 1 and isinstance(keys[0], list) else keys
    return "、".join(labels.get(str(key), str(key)) for key in flat)


def _compact(operator: str, args: list[Any], labels: Mapping[str, str]) -> str:
    """The fallback for shapes without a phrase: ``op（a，b）``, still readable."""
    return f"{operator}（{'，'.join(_operand(arg, labels) for arg in args)}）"


def _operation(logic: Any) -> tuple[str | None, list[Any]]:
    """A one-key dict is an operation; JSONLogic lets a lone argument skip its list."""
    if isinstance(logic, Mapping) and len(logic) == 1:
        ((operator, args),) = logic.items()
        return str(operator), _as_list(args)
    return None, []


def _as_list(args: Any) -> list[Any]:
    return list(args) if isinstance(args, list) else [args]


def _infix(word: str, parts: list[str]) -> str:
    """``a word b word c``, with no space after full-width closing punctuation."""
    text = parts[0]
    for part in parts[1:]:
        gap = "" if text.endswith(tuple(_TIGHT_AFTER)) else " "
        text = f"{text}{gap}{word} {part}"
    return text
