"""A readable difference between two versions of an item definition.

Steps are matched by key and fields by (step key, field key) — keys are stable, labels are
not — so renaming a field reads as a change of its label, not as a removal and an addition.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.documents import wording

ITEM_ATTRS = {
    "name": "名称",
    "domain": "领域",
    "basis": "政策依据",
    "responsible_role": "责任主体",
    "description": "说明",
    "publicity": "公开公示要求",
    "guide_unit": "业务指导单位",
    "materials": "办事材料",
}
STEP_ATTRS = {
    "name": "名称",
    "kind": "类型",
    "role": "办理角色",
    "time_limit": "时限",
    "notice_days": "公示天数",
    "quorum": "到会比例",
    "majority": "通过比例",
    "roles": "会签角色",
    "distinct_from": "回避环节",
    "return_to": "退回环节",
    "include": "引用流程",
    "branches": "分支条件",
    "next": "下一环节",
}
FIELD_ATTRS = {
    "label": "标签",
    "type": "类型",
    "help": "说明",
    "required": "必填",
    "required_when": "条件必填",
    "visible_when": "显示条件",
    "public": "公开",
    "mask": "脱敏",
}


@dataclass(frozen=True)
class Change:
    #: ``added``, ``removed`` or ``changed``
    kind: str
    #: a sentence for people, in Chinese
    text: str


def diff_definitions(old: dict, new: dict) -> list[Change]:
    """What changed from ``old`` to ``new``, item attributes first, then steps in new order."""
    changes = [
        Change("changed", f"{label}：{_show(old.get(attr))} → {_show(new.get(attr))}")
        for attr, label in ITEM_ATTRS.items()
        if old.get(attr) != new.get(attr)
    ]
    old_steps = {s["key"]: s for s in old.get("steps", [])}
    new_steps = {s["key"]: s for s in new.get("steps", [])}
    for key, step in new_steps.items():
        name = step.get("name") or key
        if key not in old_steps:
            changes.append(Change("added", f"新增环节“{name}”"))
            continue
        changes.extend(_step_changes(old_steps[key], step, name))
    changes.extend(
        Change("removed", f"删除环节“{step.get('name') or key}”")
        for key, step in old_steps.items()
        if key not in new_steps
    )
    return changes


def _step_changes(old: dict, new: dict, name: str) -> list[Change]:
    changes = [
        Change("changed", f"环节“{name}”的{label}：{_show(old.get(a))} → {_show(new.get(a))}")
        for a, label in STEP_ATTRS.items()
        if old.get(a) != new.get(a)
    ]
    old_fields = {f["key"]: f for f in old.get("fields", [])}
    new_fields = {f["key"]: f for f in new.get("fields", [])}
    for key, field in new_fields.items():
        label = field.get("label") or key
        if key not in old_fields:
            changes.append(Change("added", f"环节“{name}”新增字段“{label}”"))
            continue
        before = old_fields[key]
        changes.extend(
            Change(
                "changed",
                f"环节“{name}”字段“{label}”的{attr_label}："
                f"{_show(before.get(a))} → {_show(field.get(a))}",
            )
            for a, attr_label in FIELD_ATTRS.items()
            if before.get(a) != field.get(a)
        )
        options = {k: v for k, v in field.items() if k not in FIELD_ATTRS and k != "key"}
        old_options = {k: v for k, v in before.items() if k not in FIELD_ATTRS and k != "key"}
        if options != old_options:
            changes.append(Change("changed", f"环节“{name}”字段“{label}”的选项已修改"))
    changes.extend(
        Change("removed", f"环节“{name}”删除字段“{f.get('label') or key}”")
        for key, f in old_fields.items()
        if key not in new_fields
    )
    return changes


def _show(value) -> str:
    if value is None or value == "" or value == []:
        return "（无）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, list):
        return "、".join(_show(v) for v in value)
    if isinstance(value, dict):
        if "days" in value:
            return wording.time_limit(value) or "（无）"
        return "，".join(f"{k}={_show(v)}" for k, v in value.items())
    return str(value)
