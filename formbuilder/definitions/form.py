"""Form definitions (表单): a step's list of field definitions, checked before use.

``load_fields`` is the gate every field list passes — from the designer, an import, a plugin's
default items — before a form, a schema or a public page is built from it. It reports every
fault at once, each at its exact path, in words a township admin understands.
"""

from __future__ import annotations

from typing import Any

from core.errors import Invalid
from formbuilder import conditions, fieldtypes
from formbuilder.fieldtypes.options import join

#: keys a field may not take: the generated page form already uses them
#: ``settings`` is where branch conditions read a tenant's local figures (``settings.<key>``)
RESERVED_KEYS = frozenset({"csrf_token", "settings"})
#: settings holding JSONLogic that reads other fields of the same form
LOGIC_SETTINGS = ("visible_when", "required_when", "formula")


def load_fields(fields: Any, path: str = "fields") -> list[dict]:
    """The field definitions checked and normalised (presets expanded into their base type).

    Raises ``core.errors.Invalid`` whose ``fields`` map each fault's path to a Chinese
    message, e.g. ``{"steps[2].fields[0].type": "没有“monye”这种字段类型"}`` for
    ``path="steps[2].fields"``.
    """
    if not isinstance(fields, list):
        raise Invalid("表单字段的设置有误。", fields={path: "应为字段列表（[…]）"})
    loaded: list[dict] = []
    errors: dict[str, str] = {}
    for index, item in enumerate(fields):
        definition, faults = _load_one(item)
        errors |= {join(f"{path}[{index}]", sub): text for sub, text in faults.items()}
        loaded.append(definition)
    errors |= _repeated_keys(fields, path)
    errors |= _unknown_references(loaded, _value_keys(fields), path)
    if errors:
        raise Invalid("表单字段的设置有误，请按提示修改。", fields=errors)
    return loaded


def _load_one(item: Any) -> tuple[dict, dict[str, str]]:
    """A definition as far as it could be checked, and its faults by relative path."""
    if not isinstance(item, dict):
        return {}, {"": "每个字段的设置应为一个对象（{…}）"}
    if "type" not in item:
        return {}, {"type": "必须填写字段类型"}
    kind = fieldtypes.get(item["type"]) if isinstance(item["type"], str) else None
    if kind is None:
        return {}, {"type": f"没有“{item['type']}”这种字段类型"}
    definition, faults = kind.load(item)
    if definition.get("key") in RESERVED_KEYS:
        faults["key"] = f"“{definition['key']}”是系统保留的标识，请换一个"
    return definition, faults


def _repeated_keys(fields: list, path: str) -> dict[str, str]:
    first: dict[str, int] = {}
    errors = {}
    for index, item in enumerate(fields):
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str):
            continue
        if key in first:
            errors[f"{path}[{index}].key"] = f"标识“{key}”与第 {first[key] + 1} 个字段重复"
        first.setdefault(key, index)
    return errors


def _value_keys(fields: list) -> set[str]:
    """Keys a condition may read: those of fields that hold a value (not headings)."""
    keys = set()
    for item in fields:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            continue
        kind = fieldtypes.get(item.get("type")) if isinstance(item.get("type"), str) else None
        if kind is None or not kind.is_layout:
            keys.add(item["key"])
    return keys


def _unknown_references(loaded: list[dict], keys: set[str], path: str) -> dict[str, str]:
    errors = {}
    for index, definition in enumerate(loaded):
        for setting in LOGIC_SETTINGS:
            if setting not in definition:
                continue
            names = conditions.variables(definition[setting])
            at = f"{path}[{index}].{setting}"
            if setting == "formula" and definition.get("key") in names:
                errors[at] = "公式不能引用本字段自己"
            elif names - keys:
                errors[at] = "引用了本表单中不存在的字段：" + "、".join(sorted(names - keys))
    return errors
