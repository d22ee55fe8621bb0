"""Arrow routes: orthogonal polylines that never cross a box.

Because every row holds one box, an arrow to the next row simply drops, bends in the gap and
drops again. Any other arrow leaves its box sideways along its own row (empty apart from that
box), runs in a side corridor — forward jumps on the right, send-backs and loops on the left —
and enters its target sideways. Corridor tracks are shared out like intervals on a line: the
shortest jumps get the innermost tracks, so nested arrows do not cross each other.
"""

from collections import Counter
from dataclasses import dataclass

from core.documents.graph import Edge, FlowGraph
from core.documents.layout import (
    LABEL_SIZE,
    LABEL_W,
    LANE_PAD,
    Block,
    Corridors,
    Layout,
    label_lines,
    side_inset,
)
from core.documents.text import text_width

RIGHT, LEFT = "right", "left"
Point = tuple[float, float]


@dataclass(frozen=True)
class Track:
    """An arrow's place in a side corridor."""

    side: str
    track: int


@dataclass(frozen=True)
class Route:
    """An arrow to draw: its points (the last is the tip) and where its label goes."""

    edge: Edge
    points: tuple[Point, ...]
    label_lines: tuple[str, ...]
    label_x: float
    #: Baseline of the label's last line.
    label_y: float
    label_anchor: str


def plan_corridors(graph: FlowGraph) -> tuple[dict[Edge, Track], Corridors]:
    """The corridor track of each arrow that is not a drop to the next row, and the room
    each corridor needs (labels of arrows leaving an outer lane sit inside the corridor)."""
    taken: dict[tuple[str, int], list[tuple[float, float]]] = {}
    plan: dict[Edge, Track] = {}
    spans = [(_span(edge), edge) for edge in graph.edges if edge.target != edge.source + 1]
    for (low, high), edge in sorted(spans, key=lambda s: (s[0][1] - s[0][0], s[0], s[1].source)):
        side = RIGHT if edge.target > edge.source else LEFT
        track = 0
        while any(low <= hi and lo <= high for lo, hi in taken.get((side, track), [])):
            track += 1
        taken.setdefault((side, track), []).append((low, high))
        plan[edge] = Track(side, track)
    return plan, Corridors(
        left_tracks=_count(plan, LEFT),
        right_tracks=_count(plan, RIGHT),
        left_label_w=_label_room(graph, plan, LEFT, 0),
        right_label_w=_label_room(graph, plan, RIGHT, len(graph.lanes) - 1),
        ports=_port_counts(plan),
    )


def route_edges(graph: FlowGraph, layout: Layout, plan: dict[Edge, Track]) -> list[Route]:
    """A route for every arrow of ``graph``, in the graph's (deterministic) edge order."""
    ports = _ports(layout, plan)
    routes = []
    for edge in graph.edges:
        source, target = layout.blocks[edge.source], layout.blocks[edge.target]
        if edge in plan:
            routes.append(_side_route(edge, source, target, layout, plan[edge], ports))
        else:
            routes.append(_drop_route(edge, source, target, layout.turns[edge.source]))
    return routes


def _span(edge: Edge) -> tuple[float, float]:
    """The rows an arrow's corridor segment covers; ports sit at a quarter or three quarters
    of a row so that an arrow arriving at a box and one leaving it can share a track."""
    if edge.target > edge.source:
        out, into = edge.source + 0.75, edge.target + 0.25
    else:
        out, into = edge.source + 0.25, edge.target + 0.75
    return min(out, into), max(out, into)


def _count(plan: dict[Edge, Track], side: str) -> int:
    return max((track.track + 1 for track in plan.values() if track.side == side), default=0)


def _label_room(graph: FlowGraph, plan: dict[Edge, Track], side: str, outer_lane: int) -> float:
    widths = [
        max(text_width(line, LABEL_SIZE) for line in label_lines(edge))
        for edge, track in plan.items()
        if track.side == side and edge.label and graph.nodes[edge.source].lane == outer_lane
    ]
    return max(0.0, max(widths, default=0.0) + 10 - LANE_PAD)


def _port_counts(plan: dict[Edge, Track]) -> dict[int, int]:
    """Per row, the number of corridor arrows meeting the busier side of its box."""
    ends = Counter(
        end
        for edge, track in plan.items()
        for end in ((edge.source, track.side), (edge.target, track.side))
    )
    counts: dict[int, int] = {}
    for (row, _), count in sorted(ends.items()):
        counts[row] = max(counts.get(row, 0), count)
    return counts


def _ports(layout: Layout, plan: dict[Edge, Track]) -> dict[tuple[Edge, str], float]:
    """The y where each corridor arrow leaves ("out") and enters ("in") its boxes.

    On the right side arrivals sit above departures, inner tracks nearer the middle; the left
    side is the mirror image. That order is what keeps arrows on one side from crossing.
    """
    sides: dict[tuple[int, str], list[tuple[str, int, Edge]]] = {}
    for edge, track in plan.items():
        sides.setdefault((edge.target, track.side), []).append(("in", track.track, edge))
        sides.setdefault((edge.source, track.side), []).append(("out", track.track, edge))
    ports: dict[tuple[Edge, str], float] = {}
    for (row, side), ends in sorted(sides.items(), key=lambda item: item[0]):
        first = "in" if side == RIGHT else "out"
        ends.sort(
            key=lambda end: (
                (0, end[1]) if end[0] == first else (1, -end[1]),
                end[2].source,
                end[2].target,
            )
        )
        block = layout.blocks[row]
        for index, (end, _, edge) in enumerate(ends):
            ports[(edge, end)] = block.y + block.h * (index + 1) / (len(ends) + 1)
    return ports


def _side_route(
    edge: Edge,
    source: Block,
    target: Block,
    layout: Layout,
    track: Track,
    ports: dict[tuple[Edge, str], float],
) -> Route:
    """Out of the source's side, along a corridor track, into the target's side; the label
    rides on the way out, where the row is empty and may take the whole run."""
    y_out, y_in = ports[(edge, "out")], ports[(edge, "in")]
    if track.side == RIGHT:
        track_x = layout.right_tracks[track.track]
        x_out = source.x + source.w - side_inset(source, y_out)
        x_in = target.x + target.w - side_inset(target, y_in)
        label_x, anchor = x_out + 6, "start"
    else:
        track_x = layout.left_tracks[track.track]
        x_out = source.x + side_inset(source, y_out)
        x_in = target.x + side_inset(target, y_in)
        label_x, anchor = x_out - 6, "end"
    points = ((x_out, y_out), (track_x, y_out), (track_x, y_in), (x_in, y_in))
    lines = label_lines(edge, max(LABEL_W, abs(track_x - x_out) - 16))
    return Route(edge, points, lines, label_x, y_out - 5, anchor)


def _drop_route(edge: Edge, source: Block, target: Block, turn: float) -> Route:
    """Down from the source's bottom, across at ``turn`` if the lanes differ, into the top."""
    lines = label_lines(edge)
    if abs(source.cx - target.cx) < 0.5:
        points: tuple[Point, ...] = ((source.cx, source.bottom), (target.cx, target.y))
        return Route(edge, points, lines, source.cx + 7, turn - 5, "start")
    points = (
        (source.cx, source.bottom),
        (source.cx, turn),
        (target.cx, turn),
        (target.cx, target.y),
    )
    return Route(edge, points, lines, (source.cx + target.cx) / 2, turn - 5, "middle")
