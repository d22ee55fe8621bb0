"""Conditions (条件): JSONLogic that branches a process or shows, hides or requires a field.

Conditions are data, not code (DESIGN §3): ``{">=": [{"var": "amount"}, 50000]}`` is
evaluated here by ``panzi-json-logic`` with operators that coerce values the way JavaScript
does, and in the browser by the vendored json-logic-js (``static/vendor/json-logic.js``), so a
form shows the same fields the engine requires. Only the operators in
``operations.ARITY`` are allowed; ``problems`` says in Chinese what else is wrong.
"""

from __future__ import annotations

from typing import Any

from json_logic import jsonLogic

from core.errors import Invalid
from formbuilder.conditions import js
from formbuilder.conditions.operations import ARITY, OPERATIONS, SCOPED

__all__ = ["OPERATORS", "evaluate", "problems", "truthy", "variables"]

#: The operators a condition may use.
OPERATORS = frozenset(ARITY)

_MAX_DEPTH = 32


def evaluate(logic: Any, data: dict | None) -> Any:
    """The value of ``logic`` over ``data`` (a case's JSON-ready values, money as "50000.00").

    Raises ``Invalid`` for logic that ``problems`` rejects; a stored definition was checked
    when it was loaded, so this only guards against data that bypassed loading.
    """
    found = problems(logic)
    if found:
        raise Invalid("条件无法计算：" + "；".join(found))
    return jsonLogic(logic, data, OPERATIONS)


def truthy(logic: Any, data: dict | None) -> bool:
    """Whether ``logic`` holds for ``data``, by JSONLogic's truthiness ([] is false)."""
    return js.truthy(evaluate(logic, data))


def variables(logic: Any) -> set[str]:
    """The fields a condition reads: every ``var`` name (``"applicant.name"`` -> ``applicant``)
    and every key named by ``missing``/``missing_some``.

    The per-item logic of ``some``/``all``/``none`` reads the item, not the form, so its names
    are not fields and are left out. Tolerates malformed logic: it is called before and
    alongside ``problems``.
    """
    found: set[str] = set()
    _collect(logic, found)
    return found


def _collect(logic: Any, found: set[str]) -> None:
    if isinstance(logic, list):
        for item in logic:
            _collect(item, found)
        return
    if not isinstance(logic, dict) or len(logic) != 1:
        return
    ((op, args),) = logic.items()
    args = args if isinstance(args, list) else [args]
    if op == "var" and args:
        _add_name(args[0], found)
        _collect(args[1:], found)
    elif op == "missing":
        names = args[0] if args and isinstance(args[0], list) else args
        for name in names:
            _add_name(name, found)
    elif op == "missing_some" and len(args) > 1 and isinstance(args[1], list):
        for name in args[1]:
            _add_name(name, found)
    elif op in SCOPED:
        _collect(args[:1], found)
    else:
        _collect(args, found)


def _add_name(name: Any, found: set[str]) -> None:
    if isinstance(name, str) and name.split(".")[0]:
        found.add(name.split(".")[0])
    else:
        _collect(name, found)


def problems(logic: Any) -> list[str]:
    """What is wrong with a condition, as Chinese sentences for the person who wrote it;
    empty when it can be evaluated alike on the server and in the browser."""
    found: list[str] = []
    _check(logic, found, 0)
    return list(dict.fromkeys(found))


def _check(logic: Any, found: list[str], depth: int) -> None:
    if depth > _MAX_DEPTH:
        found.append("条件嵌套层数过多，请简化。")
        return
    if isinstance(logic, list):
        for item in logic:
            _check(item, found, depth + 1)
        return
    if not isinstance(logic, dict):
        return
    if len(logic) != 1:
        found.append("条件中的每个对象必须恰好包含一个运算符。")
        return
    ((op, args),) = logic.items()
    if op not in ARITY:
        found.append(f"不支持的条件运算符“{op}”。")
        return
    args = args if isinstance(args, list) else [args]
    fewest, most = ARITY[op]
    if len(args) < fewest or (most is not None and len(args) > most):
        found.append(f"运算符“{op}”的参数个数不对：应为{_count(fewest, most)}个。")
        return
    if op == "var" and not isinstance(args[0], str):
        found.append("“var”后面应写字段名（文字）。")
    listed = args if op == "missing" else args[1] if op == "missing_some" else None
    if listed is not None and not (isinstance(listed, list) and _names(listed)):
        found.append(f"“{op}”应列出字段名。")
    _check(args, found, depth + 1)


def _names(args: list) -> bool:
    names = args[0] if len(args) == 1 and isinstance(args[0], list) else args
    return bool(names) and all(isinstance(name, str) and name for name in names)


def _count(fewest: int, most: int | None) -> str:
    if most is None:
        return f"至少{fewest}"
    return str(fewest) if fewest == most else f"{fewest}到{most}"
