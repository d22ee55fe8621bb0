"""Where everything on a flowchart goes: page, title, swimlanes, boxes, group frames.

Sizes are in SVG user units laid out for A4 portrait (about 800 wide; fonts of 13 and up stay
readable when printed), and the page grows wider only when there are too many lanes to fit.
Every node has a row to itself, top to bottom in flow order; the gap below a row is sized for
the label of the arrow crossing it and for group frames opening or closing there.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from core.documents.graph import END, START, Edge, FlowGraph, Node
from core.documents.text import text_width, wrap

PAGE_W = 800
MARGIN = 24
MIN_LANE_W = 136
LANE_PAD = 10
MAX_BOX_W = 250
#: Spacing of the vertical tracks in the side corridors that carry long and backward arrows.
TRACK = 12

TITLE_SIZE, TITLE_LINE = 22, 30
NOTE_SIZE, NOTE_LINE = 13, 20
NAME_SIZE, NAME_LINE = 15, 20
SMALL_SIZE, SMALL_LINE = 13, 18
LABEL_SIZE, LABEL_LINE, LABEL_W = 13, 17, 170

BOX_PAD = 8
MIN_BOX_H = 60
#: Height per arrow meeting a box's side, enough for a label line above each.
PORT_GAP = 20
BAND_H = 22
MARKER_W, MARKER_H = 92, 34
GAP = 34
FRAME_PAD, FRAME_TOP, FRAME_BOTTOM, TAB_H = 12, 34, 14, 24
#: How far each kind's text stays from the box's sides (the hexagon's points, the bars).
TEXT_INSET = {"approval": 20, "countersign": 14, "meeting": 10}
HEX_POINT = 14


@dataclass(frozen=True)
class Block:
    """A node's box: position, size, and its text already wrapped to fit."""

    node: Node
    x: float
    y: float
    w: float
    h: float
    name_lines: tuple[str, ...]
    detail_lines: tuple[str, ...]

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Lane:
    """A role's column; ``x``/``w`` are where its boxes are centred."""

    x: float
    w: float
    header_lines: tuple[str, ...]


@dataclass(frozen=True)
class Frame:
    """The labelled frame around a group of steps, such as 四议两公开."""

    key: str
    x: float
    y: float
    w: float
    h: float
    label: str
    tab_x: float
    tab_w: float


@dataclass(frozen=True)
class Corridors:
    """Room the arrow router asks for: tracks and label space at each side, and how many
    arrows meet the busier side of each row's box (a box grows so their labels fit)."""

    left_tracks: int = 0
    right_tracks: int = 0
    left_label_w: float = 0
    right_label_w: float = 0
    ports: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """The whole chart placed: what the SVG writer draws, with no decisions left to make."""

    width: float
    title_lines: tuple[str, ...]
    note_lines: tuple[str, ...]
    table_x: float
    table_y: float
    table_w: float
    table_h: float
    header_h: float
    lanes: tuple[Lane, ...]
    blocks: tuple[Block, ...]
    #: The y of the bend in the arrow from each row to the next (none below the last row).
    turns: tuple[float, ...]
    frames: tuple[Frame, ...]
    left_tracks: tuple[float, ...]
    right_tracks: tuple[float, ...]


def label_lines(edge: Edge, width: float = LABEL_W) -> tuple[str, ...]:
    """An arrow's label wrapped to ``width`` (by default a narrow column beside a drop)."""
    return tuple(wrap(edge.label, width, LABEL_SIZE, balanced=True)) if edge.label else ()


def lay_out(graph: FlowGraph, corridors: Corridors) -> Layout:
    """Positions for every part of ``graph``'s chart, given the router's corridor needs."""
    left_room = _corridor_width(corridors.left_tracks, corridors.left_label_w)
    right_room = _corridor_width(corridors.right_tracks, corridors.right_label_w)
    lane_w = max(MIN_LANE_W, (PAGE_W - 2 * MARGIN - left_room - right_room) / len(graph.lanes))
    table_w = left_room + right_room + lane_w * len(graph.lanes)
    width = table_w + 2 * MARGIN
    title_lines = tuple(wrap(graph.title, table_w, TITLE_SIZE, bold=True))
    note_lines = tuple(line for note in graph.notes for line in wrap(note, table_w, NOTE_SIZE))
    table_y = MARGIN + len(title_lines) * TITLE_LINE + len(note_lines) * NOTE_LINE + 10
    lanes = tuple(
        Lane(
            x=MARGIN + left_room + index * lane_w,
            w=lane_w,
            header_lines=tuple(wrap(name, lane_w - 16, NAME_SIZE, bold=True, balanced=True)),
        )
        for index, name in enumerate(graph.lanes)
    )
    header_h = max(len(lane.header_lines) for lane in lanes) * NAME_LINE + 16
    box_w = min(lane_w - 2 * LANE_PAD, MAX_BOX_W)
    blocks, turns = _stack(graph, lanes, box_w, table_y + header_h, corridors.ports)
    table_h = blocks[-1].bottom + 24 - table_y
    return Layout(
        width=width,
        title_lines=title_lines,
        note_lines=note_lines,
        table_x=MARGIN,
        table_y=table_y,
        table_w=table_w,
        table_h=table_h,
        header_h=header_h,
        lanes=lanes,
        blocks=blocks,
        turns=turns,
        frames=_frames(blocks),
        left_tracks=tuple(
            MARGIN + left_room - corridors.left_label_w - TRACK * (k + 0.5)
            for k in range(corridors.left_tracks)
        ),
        right_tracks=tuple(
            MARGIN + table_w - right_room + corridors.right_label_w + TRACK * (k + 0.5)
            for k in range(corridors.right_tracks)
        ),
    )


def side_inset(block: Block, y: float) -> float:
    """How far inside its bounding box a shape's side is at height ``y`` (hexagon, pill)."""
    dy = min(abs(y - (block.y + block.h / 2)), block.h / 2)
    if block.node.kind == "approval":
        return HEX_POINT * dy / (block.h / 2)
    if block.node.kind in (START, END):
        radius = block.h / 2
        return radius - math.sqrt(radius**2 - dy**2)
    return 0.0


def _corridor_width(tracks: int, label_w: float) -> float:
    return label_w + TRACK * tracks + 8 if tracks else 0.0


def _stack(
    graph: FlowGraph,
    lanes: tuple[Lane, ...],
    box_w: float,
    top: float,
    ports: Mapping[int, int],
) -> tuple[tuple[Block, ...], tuple[float, ...]]:
    """Blocks placed row after row, and the bend height below each row."""
    blocks: list[Block] = []
    turns: list[float] = []
    y = top + 24
    for row, node in enumerate(graph.nodes):
        min_h = (ports.get(row, 0) + 1) * PORT_GAP
        block = _block(node, lanes[node.lane], box_w, y, min_h)
        blocks.append(block)
        if row + 1 < len(graph.nodes):
            turn, gap = _spacing(graph, row)
            turns.append(block.bottom + turn)
            y = block.bottom + gap
    return tuple(blocks), tuple(turns)


def content_height(block: Block) -> float:
    """Height of a box's text: kind (unless a notice's band shows it), name, rules."""
    head = 0 if block.node.kind == "notice" else SMALL_LINE
    return head + len(block.name_lines) * NAME_LINE + len(block.detail_lines) * SMALL_LINE


def _block(node: Node, lane: Lane, box_w: float, y: float, min_h: float) -> Block:
    if node.kind in (START, END):
        h = max(MARKER_H, min_h)
        return Block(node, lane.x + (lane.w - MARKER_W) / 2, y, MARKER_W, h, (node.name,), ())
    text_w = box_w - 2 * TEXT_INSET.get(node.kind, 10)
    name_lines = tuple(wrap(node.name, text_w, NAME_SIZE, bold=True, balanced=True))
    detail_lines = tuple(
        line for detail in node.details for line in wrap(detail, text_w, SMALL_SIZE, balanced=True)
    )
    block = Block(node, lane.x + (lane.w - box_w) / 2, y, box_w, 0, name_lines, detail_lines)
    band = BAND_H if node.kind == "notice" else 0
    h = band + 2 * BOX_PAD + content_height(block)
    return replace(block, h=max(h, MIN_BOX_H, min_h))


def _spacing(graph: FlowGraph, row: int) -> tuple[float, float]:
    """(bend below the row, gap to the next row): room for a label and for group frames."""
    node, after = graph.nodes[row], graph.nodes[row + 1]
    closing = FRAME_BOTTOM if node.group and node.group != after.group else 0
    opening = FRAME_TOP if after.group and after.group != node.group else 0
    lines = next(
        (len(label_lines(e)) for e in graph.edges if (e.source, e.target) == (row, row + 1)), 0
    )
    label_h = lines * LABEL_LINE + 8 if lines else 0
    core = max(GAP, label_h + 26)
    turn = closing + (label_h + 4 if lines else core / 2)
    return turn, closing + core + opening


def _frames(blocks: tuple[Block, ...]) -> tuple[Frame, ...]:
    """One frame per run of consecutive blocks sharing a group."""
    frames = []
    start = 0
    for index in range(1, len(blocks) + 1):
        group = blocks[start].node.group
        if index < len(blocks) and blocks[index].node.group == group:
            continue
        if group:
            run = blocks[start:index]
            x0 = min(b.x for b in run) - FRAME_PAD
            x1 = max(b.x + b.w for b in run) + FRAME_PAD
            y0 = run[0].y - FRAME_TOP + 4
            y1 = run[-1].bottom + FRAME_BOTTOM - 4
            label = run[0].node.group_name
            tab_w = text_width(label, SMALL_SIZE, bold=True) + 16
            tab_x = _tab_x(x0, x1, tab_w, run[0].cx)
            frames.append(Frame(group, x0, y0, x1 - x0, y1 - y0, label, tab_x, tab_w))
        start = index
    return tuple(frames)


def _tab_x(x0: float, x1: float, tab_w: float, entry_x: float) -> float:
    """The name tab sits in the frame's top left corner unless the arrow into the group's
    first step would run through it; then just right of that arrow, if there is room."""
    if x0 + tab_w <= entry_x - 8 or entry_x + 8 + tab_w > x1:
        return x0
    return entry_x + 8
