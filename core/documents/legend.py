"""The legend (图例) under a flowchart: the shapes it uses and what each means.

Printed charts travel without their page, so a reader on a notice board learns the shapes
from the sheet itself. Only what the chart contains is listed.
"""

import xml.etree.ElementTree as ET
from collections.abc import Callable

from core.documents.graph import FlowGraph
from core.documents.shapes import CURRENT, outline
from core.documents.svg import arrow, text_lines
from core.documents.text import text_width
from core.documents.wording import KIND_NAMES

SAMPLE_W, SAMPLE_H, ROW_H, SIZE = 40, 24, 34, 13
RETURN_SAMPLE = "退回"
Draw = Callable[[ET.Element, float, float], None]


def draw_legend(x: float, y: float, width: float, graph: FlowGraph) -> tuple[ET.Element, float]:
    """The legend as a detached ``<g>`` starting at (``x``, ``y``), and its bottom edge."""
    legend = ET.Element("g", {"class": "legend"})
    text_lines(
        legend, x, y + 17, ["图例"], size=SIZE, line_height=ROW_H, anchor="start", weight="bold"
    )
    cursor, top = x + text_width("图例", SIZE, bold=True) + 16, y
    for label, draw in _entries(graph):
        entry_w = SAMPLE_W + 8 + text_width(label, SIZE) + 16
        if cursor + entry_w > x + width:
            cursor, top = x + text_width("图例", SIZE, bold=True) + 16, top + ROW_H
        draw(legend, cursor, top)
        text_lines(
            legend,
            cursor + SAMPLE_W + 8,
            top + 17,
            [label],
            size=SIZE,
            line_height=ROW_H,
            anchor="start",
        )
        cursor += entry_w
    return legend, top + ROW_H


def _entries(graph: FlowGraph) -> list[tuple[str, Draw]]:
    """(label, drawing function) for each kind, send-back and highlight the chart shows."""
    kinds = {node.kind for node in graph.nodes}
    entries: list[tuple[str, Draw]] = [
        (name, _shape(kind, current=False)) for kind, name in KIND_NAMES.items() if kind in kinds
    ]
    if any(edge.returning for edge in graph.edges):
        entries.append((RETURN_SAMPLE, _dashed_arrow))
    if any(node.current for node in graph.nodes):
        entries.append((CURRENT, _shape("task", current=True)))
    return entries


def _shape(kind: str, *, current: bool) -> Draw:
    def draw(parent: ET.Element, x: float, y: float) -> None:
        outline(parent, kind, x, y, SAMPLE_W, SAMPLE_H, current=current)

    return draw


def _dashed_arrow(parent: ET.Element, x: float, y: float) -> None:
    arrow(parent, [(x, y + SAMPLE_H / 2), (x + SAMPLE_W, y + SAMPLE_H / 2)], dashed=True)
