"""Loading an item definition (事项定义, format 1 of DESIGN §6).

A township admin builds a local item in the designer, a plugin ships its defaults, an
integrator imports JSON: all go through ``load_item_definition``, which reports every fault at
once, each at its exact path (``steps[2].quorum``), so the designer can mark each one beside
its input. The schema checks shapes; ``_Checks`` checks what spans keys and steps: kinds,
references, the flow graph, conditions, and (through ``form.load_fields``) each step's fields.
"""

from __future__ import annotations

import copy

from marshmallow import ValidationError

from core.errors import Invalid
from formbuilder import fieldtypes
from formbuilder.conditions import problems, variables
from formbuilder.definitions.blocks import BLOCKS
from formbuilder.definitions.form import load_fields
from formbuilder.definitions.graph import Edge, FlowGraph
from formbuilder.definitions.kinds import KINDS, misplaced, normalized
from formbuilder.definitions.limits import size_faults
from formbuilder.definitions.schemas import ItemSchema, StepSchema, error_paths

#: branch conditions may read a tenant's local figures as ``{"var": "settings.<key>"}``
#: (a reserved field key, see ``form.RESERVED_KEYS``)
SETTINGS = "settings"

#: Optional item keys and what a loaded item carries when they are absent.
ITEM_DEFAULTS = {"description": None, "publicity": None, "guide_unit": None, "materials": []}

_ITEM_KEYS = tuple(ItemSchema().fields)
_STEP_KEYS = frozenset(StepSchema().fields)
_REQUIRED = {
    "name": "缺少环节名称。",
    "role": "缺少办理角色。",
    "majority": "会议环节必须设置表决通过比例，如“1/2”。",
    "roles": "联审联签环节必须列出会签的角色。",
    "notice_days": "公示环节必须设置公示天数。",
    "include": "请写明引用哪个流程模块。",
}


def load_item_definition(data: dict) -> dict:
    """The definition, checked and with every optional key filled in; else ``Invalid`` whose
    ``fields`` maps each fault's path to a Chinese message."""
    oversized = size_faults(data)
    if oversized:
        raise Invalid("事项定义超出大小限制，请精简后再保存。", fields=oversized)
    errors: dict[str, str] = {}
    loaded: dict = {}
    try:
        loaded = ItemSchema().load(data)
    except ValidationError as exc:
        errors.update(error_paths(exc.messages))
    steps = data.get("steps") if isinstance(data, dict) else None
    checks = _Checks(steps if isinstance(steps, list) else [])
    for path, message in checks.run().items():
        errors.setdefault(path, message)
    if errors:
        raise Invalid("事项定义有误，请按提示逐项修改。", fields=errors)
    item = {key: loaded.get(key, copy.copy(ITEM_DEFAULTS.get(key))) for key in _ITEM_KEYS}
    item["steps"] = [
        normalized({**step, "fields": checks.fields.get(i, [])})
        for i, step in enumerate(loaded["steps"])
    ]
    return item


class _Checks:
    """Faults that span keys or steps, found on the raw input: they are reported even when
    the schema rejected something else, so the author sees everything at once."""

    def __init__(self, steps: list):
        self.steps = [step if isinstance(step, dict) else {} for step in steps]
        self.errors: dict[str, str] = {}
        #: each step's fields as ``load_fields`` returned them
        self.fields: dict[int, list[dict]] = {}
        self.index: dict[str, int] = {}
        for i, step in enumerate(self.steps):
            key = step.get("key")
            if isinstance(key, str) and key in self.index:
                self.fail(i, "key", f"环节代码“{key}”与第{self.index[key] + 1}个环节重复。")
            elif isinstance(key, str):
                self.index[key] = i
        self.graph = FlowGraph(len(self.steps), list(self._edges()))

    def fail(self, step: int, where: str, message: str) -> None:
        self.errors.setdefault(f"steps[{step}].{where}" if where else f"steps[{step}]", message)

    def run(self) -> dict[str, str]:
        for i, step in enumerate(self.steps):
            kind = KINDS.get(step["kind"]) if isinstance(step.get("kind"), str) else None
            if kind is None:
                continue
            for key in step.keys() & (_STEP_KEYS - kind.keys):
                self.fail(i, key, misplaced(step["kind"], key))
            for key in kind.required:
                if step.get(key) is None:
                    self.fail(i, key, _REQUIRED[key])
            self._fields(i, step)
            self._conditions(i, step)
            if step["kind"] == "approval":
                self._approval(i, step)
            if step["kind"] == "countersign":
                self._roles(i, step.get("roles"))
        self._flow()
        return self.errors

    def _edges(self):
        for i, step in enumerate(self.steps):
            targets = [("next", step.get("next"))]
            branches = step.get("branches")
            for j, branch in enumerate(branches if isinstance(branches, list) else []):
                if isinstance(branch, dict):
                    targets.append((f"branches[{j}].goto", branch.get("goto")))
            for where, target in targets:
                if isinstance(target, str) and target in self.index:
                    yield Edge(i, self.index[target], f"steps[{i}].{where}")
                elif isinstance(target, str):
                    self.fail(i, where, f"没有代码为“{target}”的环节。")

    def _flow(self) -> None:
        if not self.steps:
            return
        reachable = self.graph.reachable(0)
        for i in range(len(self.steps)):
            if i not in reachable:
                self.fail(
                    i,
                    "",
                    "从第一个环节出发走不到这个环节：请让前面环节的“next”或分支指向它，或删除它。",
                )
        for edge in self.graph.cycle_edges():
            target = self.steps[edge.target]["key"]
            self.errors.setdefault(
                edge.path,
                f"这里又回到了“{target}”，流程会循环；需要退回重办时，请用审批环节的“return_to”。",
            )

    def _earlier(self, i: int, where: str, reference: object) -> None:
        """``reference`` must name a step (or a step of an included block) that runs before
        step ``i``: one cannot be separated from, or sent back to, a step not yet done."""
        if not isinstance(reference, str):
            return
        owner = self.index.get(reference.split(".")[0])
        if owner is None or not self._names_step(owner, reference):
            self.fail(i, where, f"没有代码为“{reference}”的环节。")
        elif owner not in self.graph.ancestors(i):
            self.fail(i, where, f"“{reference}”不在本环节之前，只能指向之前的环节。")

    def _names_step(self, owner: int, reference: str) -> bool:
        if "." not in reference:
            return True
        include = self.steps[owner].get("include")
        block = BLOCKS.get(include) if isinstance(include, str) else None
        sub = reference.split(".", 1)[1]
        return block is not None and any(step["key"] == sub for step in block["steps"])

    def _approval(self, i: int, step: dict) -> None:
        self._earlier(i, "return_to", step.get("return_to"))
        distinct = step.get("distinct_from")
        for j, reference in enumerate(distinct if isinstance(distinct, list) else []):
            self._earlier(i, f"distinct_from[{j}]", reference)

    def _roles(self, i: int, roles: object) -> None:
        if not isinstance(roles, list):
            return
        seen: set[str] = set()
        for j, role in enumerate(roles):
            if not isinstance(role, str):
                continue
            if role in seen:
                self.fail(i, f"roles[{j}]", f"角色“{role}”重复了，每个角色只签一次。")
            seen.add(role)
        if len(seen) < 2:
            self.fail(i, "roles", "联审联签至少需要两个不同的角色。")

    def _fields(self, i: int, step: dict) -> None:
        fields = step.get("fields")
        if step["kind"] == "include" or not isinstance(fields, list):
            return
        try:
            self.fields[i] = load_fields(fields, f"steps[{i}].fields")
        except Invalid as exc:
            for path, message in exc.fields.items():
                self.errors.setdefault(path, message)

    def _field_keys(self, i: int) -> set[str]:
        """Fields a condition at step ``i`` may read: the value-holding fields (not headings)
        of step ``i`` and of the steps that run before it."""
        keys: set[str] = set()
        for j in self.graph.ancestors(i) | {i}:
            fields = self.steps[j].get("fields")
            for field in fields if isinstance(fields, list) else []:
                if not isinstance(field, dict) or not isinstance(field.get("key"), str):
                    continue
                kind = (
                    fieldtypes.get(field.get("type"))
                    if isinstance(field.get("type"), str)
                    else None
                )
                if kind is None or not kind.is_layout:
                    keys.add(field["key"])
        return keys

    def _conditions(self, i: int, step: dict) -> None:
        branches = step.get("branches")
        for j, branch in enumerate(branches if isinstance(branches, list) else []):
            if not isinstance(branch, dict) or "when" not in branch:
                continue
            when = branch["when"]
            if not isinstance(when, dict | bool):
                self.fail(
                    i,
                    f"branches[{j}].when",
                    '条件应为 JSONLogic 对象，如 {">=": [{"var": "amount"}, 50000]}。',
                )
                continue
            messages = problems(when)
            unknown = variables(when) - self._field_keys(i) - {SETTINGS}
            if unknown:
                names = "、".join(f"“{name}”" for name in sorted(unknown))
                messages.append(f"条件用到了本环节和之前环节都没有的字段：{names}。")
            if messages:
                self.fail(i, f"branches[{j}].when", "".join(messages))
