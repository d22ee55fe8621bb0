"""Step kinds (环节类型, DESIGN §4): which keys each kind needs, may carry, and defaults to.

One table serves the loader (which keys are required or out of place, and where) and whoever
renders a step (the Chinese label). A loaded step carries every key its kind allows, so the
engine and the flowchart never guess at a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StepKind:
    #: Chinese name, as the designer and the flowchart show it
    label: str
    #: keys a step of this kind must have, besides ``key`` and ``kind``
    required: frozenset[str]
    #: every other key this kind may carry, with the value a loaded step gets when it is absent
    defaults: dict[str, Any] = field(default_factory=dict)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset({"key", "kind"}) | self.required | frozenset(self.defaults)


_FLOW = {"fields": [], "time_limit": None, "branches": [], "next": None}

KINDS: dict[str, StepKind] = {
    "task": StepKind("办理", frozenset({"name", "role"}), _FLOW),
    "meeting": StepKind(
        "会议",
        frozenset({"name", "role", "majority"}),
        {**_FLOW, "quorum": None, "majority_of": "present"},
    ),
    "countersign": StepKind("联审联签", frozenset({"name", "roles"}), {**_FLOW, "role": None}),
    "approval": StepKind(
        "审批", frozenset({"name", "role"}), {**_FLOW, "distinct_from": [], "return_to": None}
    ),
    "notice": StepKind("公示", frozenset({"name", "role", "notice_days"}), _FLOW),
    "include": StepKind("引用流程", frozenset({"include"}), {"name": None, "next": None}),
}

#: The order of a loaded step's keys: as a person reads a step, flow last.
_ORDER = (
    "key", "name", "kind", "role", "roles", "include", "fields", "time_limit", "quorum",
    "majority", "majority_of", "notice_days", "distinct_from", "return_to", "branches", "next",
)  # fmt: skip

#: Whose number a meeting's ``majority`` is a fraction of.
MAJORITY_BASES = {"present": "到会人数", "expected": "应到人数"}


def misplaced(kind: str, key: str) -> str:
    """Why ``key`` does not belong on a step of ``kind`` (a Chinese sentence)."""
    owners = [k.label for k in KINDS.values() if key in k.keys]
    return f"{KINDS[kind].label}环节不能设置此项；只有{'、'.join(owners)}环节可以。"


def normalized(step: dict) -> dict:
    """A loaded step with every key its kind allows, defaults filled in, in a stable order."""
    kind = KINDS[step["kind"]]
    result = {}
    for key in _ORDER:
        if key in kind.keys:
            default = kind.defaults.get(key)
            result[key] = step.get(key, list(default) if isinstance(default, list) else default)
    return result
