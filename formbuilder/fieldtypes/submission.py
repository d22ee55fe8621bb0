"""From what a person submitted to a step's data: the one function pages and the API share.

``clean_submission`` is called by the generated WTForms form and by the generated marshmallow
schema alike, so a value is judged once, with one message, whichever way it arrived.

The rule for conditions, on both sides and on the server only:

1. Every value sent is cleaned by its type; a value that fails counts as absent.
2. Conditions (``visible_when``, ``required_when``, formulas) read the cleaned values in their
   JSON form (money as ``"50000.00"``), as the browser's json-logic-js does.
3. A field whose ``visible_when`` is false is *hidden*: its value and its faults are dropped,
   it is not required, and other conditions see it as absent — so hiding cascades. Visibility
   is worked out again until nothing changes.
4. A visible field left empty is refused when ``required`` is true or ``required_when`` holds.
5. Computed fields are computed from the visible values, in definition order; whatever was
   sent for them is ignored. Section headings hold nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from formbuilder import conditions
from formbuilder.fieldtypes import registry
from formbuilder.fieldtypes.base import FieldError, FieldType


def field_type(definition: dict) -> FieldType:
    """The type of a loaded definition (``load_fields`` has checked that it exists)."""
    found = registry.default.get(definition["type"])
    if found is None:
        raise LookupError(f"unknown field type {definition['type']!r}; was it loaded?")
    return found


def clean_submission(fields: list[dict], raw: Mapping[str, Any]) -> tuple[dict, dict[str, str]]:
    """The cleaned data of a submission and its faults as ``{path: Chinese message}``.

    ``fields`` are definitions as ``load_fields`` returns them; ``raw`` maps field keys to
    what was sent (keys of no field are ignored here: the schema refuses them). Paths are
    keys, or deeper for composite values (``quotes[0].price``, ``applicant.id_number``).
    """
    values, faults = _clean_each(fields, raw)
    visible, computed, context = _settle(fields, values)
    data: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for definition in fields:
        key, kind = definition["key"], field_type(definition)
        if key not in visible or kind.is_layout:
            continue
        if key in computed:
            data[key] = computed[key]
        elif key in faults:
            errors |= faults[key]
        elif key in values:
            data[key] = values[key]
        elif kind.takes_input and _required(definition, context):
            errors[key] = kind.required_message
    return data, errors


def _clean_each(fields: list[dict], raw: Mapping[str, Any]) -> tuple[dict, dict]:
    values: dict[str, Any] = {}
    faults: dict[str, dict[str, str]] = {}
    for definition in fields:
        key, kind = definition["key"], field_type(definition)
        if not kind.takes_input or kind.is_empty(raw.get(key)):
            continue
        try:
            values[key] = kind.clean(raw[key], definition)
        except FieldError as exc:
            faults[key] = exc.by_path(key)
    return values, faults


def _settle(fields: list[dict], values: dict) -> tuple[set[str], dict, dict]:
    """The visible keys, the computed values and the JSON data conditions saw (rule 3)."""
    as_json = {
        d["key"]: field_type(d).dump(values[d["key"]], d) for d in fields if d["key"] in values
    }
    visible = {d["key"] for d in fields}
    for _ in range(len(fields) + 1):
        context = {key: value for key, value in as_json.items() if key in visible}
        computed = _compute(fields, visible, context)
        now = {
            d["key"]
            for d in fields
            if "visible_when" not in d or conditions.truthy(d["visible_when"], context)
        }
        if now == visible:
            break
        visible = now
    return visible, computed, context


def _compute(fields: list[dict], visible: set[str], context: dict) -> dict:
    """Computed values in definition order; each one is added to ``context`` for the next."""
    computed = {}
    for definition in fields:
        kind = field_type(definition)
        if definition["key"] not in visible or kind.takes_input:
            continue
        value = kind.compute(definition, context)
        if value is not None:
            computed[definition["key"]] = value
            context[definition["key"]] = kind.dump(value, definition)
    return computed


def _required(definition: dict, context: dict) -> bool:
    if definition.get("required"):
        return True
    return "required_when" in definition and conditions.truthy(definition["required_when"], context)
