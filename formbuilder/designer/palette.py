"""What the designer's page may build, described for its script: field types with the editor
of each setting, step kinds with the keys each may carry, building blocks, roles, domains.

The browser never hard-codes these: a field type a plugin registers appears in the palette,
and a step carries exactly the keys its kind allows, so the loader has nothing to refuse.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.auth.models import Role
from core.catalog.present import domain_names
from core.plugins import PluginHost
from formbuilder import fieldtypes
from formbuilder.definitions import BLOCKS, KINDS, MAJORITY_BASES
from formbuilder.fieldtypes.special import KINDS as FILE_KINDS
from formbuilder.fieldtypes.special import RESULTS

#: settings every field shows in the same place, outside its type's own settings
COMMON = frozenset(
    {"key", "type", "label", "help", "preset", "required", "public", "mask", "minor"}
    | {"visible_when", "required_when"}
)

#: the editor of each type-specific setting: (input kind, Chinese label, choices)
SETTINGS = {
    "max_length": ("integer", "最多字数", None),
    "min": ("number", "最小值", None),
    "max": ("number", "最大值", None),
    "places": ("integer", "小数位数", None),
    "options": ("options", "选项", None),
    "require_id_number": ("flag", "必须填写身份证号", None),
    "accept": ("multi", "允许的文件类型", {k: name for k, (name, _) in FILE_KINDS.items()}),
    "max_size": ("integer", "文件大小上限（MB）", None),
    "columns": ("columns", "表格的列", None),
    "min_rows": ("integer", "最少行数", None),
    "max_rows": ("integer", "最多行数", None),
    "role": ("role", "签字人角色", None),
    "formula": ("formula", "计算公式", None),
    "result_type": ("select", "结果类型", {k: t.label for k, t in RESULTS.items()}),
}

#: the comparisons a condition picker offers, in the order shown
OPERATORS = [
    {"op": "==", "label": "等于"},
    {"op": "!=", "label": "不等于"},
    {"op": ">", "label": "大于"},
    {"op": ">=", "label": "大于或等于"},
    {"op": "<", "label": "小于"},
    {"op": "<=", "label": "小于或等于"},
    {"op": "in", "label": "包含（多选）"},
    {"op": "!!", "label": "已填写"},
    {"op": "!", "label": "未填写"},
]


def field_types() -> list[dict]:
    types = []
    for kind in fieldtypes.all_types():
        described = kind.describe()
        own = [name for name in described["settings"] if name not in COMMON]
        types.append(
            {
                "key": described["key"],
                "label": described["label"],
                "layout": described["is_layout"],
                "input": kind.takes_input,
                "settings": sorted(COMMON & set(described["settings"])),
                "editors": [
                    {"name": name, "input": SETTINGS[name][0], "label": SETTINGS[name][1]}
                    | ({"choices": SETTINGS[name][2]} if SETTINGS[name][2] else {})
                    for name in own
                    if name in SETTINGS
                ],
                "value": described["value"],
            }
        )
    return types


def step_kinds() -> list[dict]:
    return [
        {"key": key, "label": kind.label, "keys": sorted(kind.keys)} for key, kind in KINDS.items()
    ]


def palette(sess: Session, host: PluginHost) -> dict:
    roles = sess.execute(select(Role.key, Role.name).order_by(Role.level.desc(), Role.key)).all()
    return {
        "field_types": field_types(),
        "step_kinds": step_kinds(),
        "blocks": [{"key": key, "label": block["name"]} for key, block in BLOCKS.items()],
        "roles": [{"key": key, "label": name} for key, name in roles],
        "domains": [{"key": key, "label": name} for key, name in domain_names(host).items()],
        "majority_bases": MAJORITY_BASES,
        "operators": OPERATORS,
    }
