"""How big a definition may be: limits on steps, fields, options, conditions and the whole.

A township admin builds definitions in the browser and anyone with a token can post one to the
API; every village form, flowchart and public page is generated from it. The limits are far
above any real list item (the longest plugin procedure has under 20 steps) and keep one
careless or hostile definition from making every page that renders it slow. They are checked
on the raw input, before the schema, so an oversized definition is refused without being read.
"""

from __future__ import annotations

import json
from typing import Any

MAX_BYTES = 256 * 1024
MAX_STEPS = 60
MAX_FIELDS_PER_STEP = 100
MAX_FIELDS = 600
MAX_OPTIONS = 200
MAX_BRANCHES = 20
#: nesting of a JSONLogic condition or of table columns
MAX_DEPTH = 12


def size_faults(data: Any) -> dict[str, str]:
    """``{path: Chinese message}`` for every limit ``data`` exceeds; empty when within them."""
    if not isinstance(data, dict):
        return {}
    try:
        size = len(json.dumps(data, ensure_ascii=False).encode())
    except (TypeError, ValueError, RecursionError):
        return {"": "事项定义无法读取。"}
    if size > MAX_BYTES:
        return {"": f"事项定义太大（{size // 1024} KB），不能超过 {MAX_BYTES // 1024} KB。"}
    steps = data.get("steps")
    if not isinstance(steps, list):
        return {}
    faults: dict[str, str] = {}
    if len(steps) > MAX_STEPS:
        faults["steps"] = f"环节太多（{len(steps)} 个），不能超过 {MAX_STEPS} 个。"
    total = 0
    for i, step in enumerate(steps[:MAX_STEPS]):
        if isinstance(step, dict):
            total += _step_faults(step, f"steps[{i}]", faults)
    if total > MAX_FIELDS:
        faults.setdefault("steps", f"字段总数太多（{total} 个），不能超过 {MAX_FIELDS} 个。")
    return faults


def _step_faults(step: dict, path: str, faults: dict[str, str]) -> int:
    fields = step.get("fields")
    fields = fields if isinstance(fields, list) else []
    if len(fields) > MAX_FIELDS_PER_STEP:
        faults[f"{path}.fields"] = (
            f"字段太多（{len(fields)} 个），每个环节不能超过 {MAX_FIELDS_PER_STEP} 个。"
        )
    branches = step.get("branches")
    if isinstance(branches, list) and len(branches) > MAX_BRANCHES:
        faults[f"{path}.branches"] = f"分支太多，不能超过 {MAX_BRANCHES} 个。"
    for j, field in enumerate(fields[:MAX_FIELDS_PER_STEP]):
        if isinstance(field, dict):
            _field_faults(field, f"{path}.fields[{j}]", faults)
    for j, branch in enumerate(branches if isinstance(branches, list) else []):
        if isinstance(branch, dict) and _depth(branch.get("when")) > MAX_DEPTH:
            faults[f"{path}.branches[{j}].when"] = f"条件嵌套太深，不能超过 {MAX_DEPTH} 层。"
    return len(fields)


def _field_faults(field: dict, path: str, faults: dict[str, str]) -> None:
    options = field.get("options")
    if isinstance(options, list) and len(options) > MAX_OPTIONS:
        faults[f"{path}.options"] = f"选项太多（{len(options)} 个），不能超过 {MAX_OPTIONS} 个。"
    for key in ("visible_when", "required_when"):
        if _depth(field.get(key)) > MAX_DEPTH:
            faults[f"{path}.{key}"] = f"条件嵌套太深，不能超过 {MAX_DEPTH} 层。"
    if _depth(field.get("columns")) > MAX_DEPTH:
        faults[f"{path}.columns"] = f"表格嵌套太深，不能超过 {MAX_DEPTH} 层。"


def _depth(value: Any, level: int = 0) -> int:
    """How deeply ``value`` nests, counted no further than just past the limit."""
    if level > MAX_DEPTH or not isinstance(value, dict | list):
        return level
    children = value.values() if isinstance(value, dict) else value
    return max((_depth(child, level + 1) for child in children), default=level + 1)
