"""A process as a chart sees it: nodes in flow order, a lane per role, and the arrows between.

The steps arrive already expanded (includes such as 四议两公开 flattened into concrete steps),
so drawing never depends on how definitions are stored or validated. Each node takes a row of
its own, in list order, which is what lets arrows run through empty space: a row holds exactly
one box.
"""

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from core.documents.wording import kind_name, role_name, step_details
from formbuilder.conditions.words import describe

START = "start"
END = "end"
#: The label of the path a step takes when none of its branch conditions holds.
OTHERWISE = "否则"
RETURN = "退回"


@dataclass(frozen=True)
class Node:
    """One box: a step, or the start or end marker (``kind`` "start"/"end", empty ``key``)."""

    key: str
    kind: str
    name: str
    lane: int
    tag: str = ""
    details: tuple[str, ...] = ()
    group: str = ""
    group_name: str = ""
    current: bool = False


@dataclass(frozen=True)
class Edge:
    """An arrow between rows; ``returning`` marks a send-back (退回), drawn dashed."""

    source: int
    target: int
    label: str = ""
    returning: bool = False


@dataclass(frozen=True)
class FlowGraph:
    """Everything the chart shows, in words and rows; no positions yet."""

    title: str
    notes: tuple[str, ...]
    #: Role keys, one lane each in order of first appearance, and their Chinese names.
    roles: tuple[str, ...]
    lanes: tuple[str, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def build_graph(
    item: Mapping[str, Any],
    steps: Sequence[Mapping[str, Any]],
    *,
    role_names: Mapping[str, str],
    highlight: Set[str],
    labels: Mapping[str, str],
) -> FlowGraph:
    """The chart's graph for ``item`` run through the expanded ``steps``."""
    step_roles = [_lane_role(step) for step in steps]
    roles = list(dict.fromkeys(step_roles)) or [""]
    lanes = tuple(role_name(role, role_names) for role in roles)
    nodes = [Node(key="", kind=START, name="开始", lane=roles.index(step_roles[0]) if steps else 0)]
    for step, role in zip(steps, step_roles, strict=True):
        nodes.append(_step_node(step, roles.index(role), role_names, highlight))
    nodes.append(Node(key="", kind=END, name="结束", lane=nodes[-1].lane))
    return FlowGraph(
        title=str(item.get("name") or item.get("key") or ""),
        notes=_notes(item),
        roles=tuple(roles),
        lanes=lanes,
        nodes=tuple(nodes),
        edges=tuple(_edges(steps, labels)),
    )


def _lane_role(step: Mapping[str, Any]) -> str:
    """The role whose lane holds a step; a countersign without one sits with its first signer."""
    roles = step.get("roles")
    first_signer = roles[0] if isinstance(roles, list) and roles else ""
    return str(step.get("role") or first_signer or "")


def _step_node(
    step: Mapping[str, Any], lane: int, role_names: Mapping[str, str], highlight: Set[str]
) -> Node:
    key = str(step.get("key") or "")
    kind = str(step.get("kind") or "task")
    group = str(step.get("group") or "")
    return Node(
        key=key,
        kind=kind,
        name=str(step.get("name") or key),
        lane=lane,
        tag=kind_name(kind),
        details=tuple(step_details(step, role_names)),
        group=group,
        group_name=str(step.get("group_name") or group),
        current=key in highlight,
    )


def _notes(item: Mapping[str, Any]) -> tuple[str, ...]:
    """The lines under the title: the item's code and its legal basis (政策依据)."""
    notes = []
    if item.get("key"):
        notes.append(f"事项编码：{item['key']}")
    basis = item.get("basis")
    if isinstance(basis, list | tuple):
        basis = "；".join(str(entry) for entry in basis if entry)
    if basis:
        notes.append(f"政策依据：{basis}")
    return tuple(notes)


def _edges(steps: Sequence[Mapping[str, Any]], labels: Mapping[str, str]) -> list[Edge]:
    """Arrows for ``branches``, ``next`` and ``return_to``, one per pair of rows and style.

    A step without a ``next`` key falls through to the step listed after it; ``"next":
    null`` ends the process. A target may name a group (an include's key), meaning its first
    step; a target that names nothing is left undrawn rather than guessed.
    """
    rows = _rows_by_key(steps)
    end = len(steps) + 1
    edges = [Edge(0, 1 if steps else end)]
    for row, step in enumerate(steps, start=1):
        branches = [b for b in step.get("branches") or [] if isinstance(b, Mapping)]
        for branch in branches:
            target = rows.get(str(branch.get("goto")))
            if target is not None:
                edges.append(Edge(row, target, _condition(branch, labels)))
        following = step.get("next", steps[row].get("key") if row < len(steps) else None)
        target = end if following is None else rows.get(str(following))
        if target is not None:
            edges.append(Edge(row, target, OTHERWISE if branches else ""))
        if step.get("return_to"):
            target = rows.get(str(step["return_to"]))
            if target is not None:
                edges.append(Edge(row, target, RETURN, returning=True))
    unique = {(edge.source, edge.target, edge.returning): edge for edge in reversed(edges)}
    return sorted(unique.values(), key=lambda edge: (edge.source, edge.target, edge.returning))


def _rows_by_key(steps: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Row of each step key and of each group key (the group's first step)."""
    rows: dict[str, int] = {}
    for row, step in enumerate(steps, start=1):
        if step.get("group"):
            rows.setdefault(str(step["group"]), row)
    for row, step in enumerate(steps, start=1):
        rows[str(step.get("key"))] = row
    return rows


def _condition(branch: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    return describe(branch["when"], labels) if "when" in branch else ""
