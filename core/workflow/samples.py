"""Values a step's form accepts, generated from its definition.

Tests use them to drive any procedure to its end; the demo uses them to seed cases that look
like a village's real work. Every value is within the field's limits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from math import floor

from core.db import utcnow

#: a valid resident ID number (GB 11643 check digit included)
SAMPLE_ID = "11010519491231002X"


def sample_value(field: dict):
    """A value ``field``'s type accepts, within its limits; None for what holds no input."""
    kind = field.get("type")
    low, high = field.get("min"), field.get("max")
    if kind in ("text", "textarea"):
        return "测试内容"
    if kind == "integer":
        return int(low if low is not None else (high if high is not None and high < 1 else 1))
    if kind in ("decimal", "money"):
        value = low if low is not None else min(high, 1000) if high is not None else 1000
        return f"{float(value):.2f}"
    if kind == "date":
        return date.today().isoformat()
    if kind == "datetime":
        return utcnow().replace(microsecond=0).isoformat()
    if kind == "choice":
        return field["options"][0]["value"]
    if kind == "multichoice":
        return [field["options"][0]["value"]]
    if kind == "boolean":
        return True
    if kind == "id_number":
        return SAMPLE_ID
    if kind == "phone":
        return "13800138000"
    if kind == "person":
        return {"name": "张三", "id_number": SAMPLE_ID}
    if kind == "attachment":
        return {"id": "1", "name": "材料.pdf", "content_type": "application/pdf", "size": 1024}
    if kind == "table":
        rows = max(field.get("min_rows") or 1, 1)
        return [
            {c["key"]: sample_value(c) for c in field["columns"] if c.get("type") != "section"}
            for _ in range(rows)
        ]
    if kind == "vote":
        return {"expected": 10, "present": 9, "for": 8, "against": 1, "abstain": 0}
    if kind == "signature":
        return {"confirmed": True}
    return None


def sample_data(step: dict, value_of: Callable[[dict], object] | None = None) -> dict:
    """Values for every field of ``step`` that takes input (hidden ones are dropped by the
    server anyway), plus what the step's kind records. ``value_of(field)`` gives a field's
    value (default: :func:`sample_value`); None leaves the field out."""
    data = {}
    for field in step.get("fields") or ():
        value = (value_of or sample_value)(field)
        if value is not None:
            data[field["key"]] = value
    if step["kind"] == "meeting":
        data |= passing_tally(step)
    if step["kind"] == "approval":
        data |= {"decision": "approve", "comment": "同意"}
    return data


def passing_tally(step: dict, expected: int = 30) -> dict:
    """Everyone attends and everyone votes for: passes any quorum and majority."""
    share = Fraction(step.get("majority") or "1/2")
    assert floor(share * expected) < expected
    return {"expected": expected, "present": expected, "for": expected, "against": 0, "abstain": 0}
