"""Flowcharts (流程图): one item, one procedure, one chart (一事一流程一图表).

Each list item's process is drawn as swimlanes — a lane per role, a box per step, arrows for
the flow, branch conditions in words and send-backs dashed — as standalone SVG that prints on
A4 and scales down to a phone. The same function serves the catalogue page, the API's
``flowchart.svg``, the printed handbook and, with ``highlight``, "where is my case".
"""

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Set
from typing import Any

from core.documents.graph import END, START, FlowGraph, build_graph
from core.documents.layout import (
    LABEL_LINE,
    LABEL_SIZE,
    MARGIN,
    NAME_LINE,
    NAME_SIZE,
    NOTE_LINE,
    NOTE_SIZE,
    SMALL_SIZE,
    TAB_H,
    TITLE_LINE,
    TITLE_SIZE,
    Layout,
    lay_out,
)
from core.documents.legend import draw_legend
from core.documents.routing import Route, plan_corridors, route_edges
from core.documents.shapes import draw_block
from core.documents.svg import INK, PAPER, add, arrow, document, serialize, text_lines
from core.documents.text import text_width

HEADER_FILL = "#f2f2f2"


def flowchart_svg(
    item: Mapping[str, Any],
    steps: list[dict[str, Any]],
    *,
    role_names: dict[str, str],
    highlight: Set[str] = frozenset(),
    labels: dict[str, str] | None = None,
) -> str:
    """The flowchart of ``item`` as SVG text.

    ``steps`` are the item's steps already expanded (includes flattened, in flow order);
    ``role_names`` name the lanes; ``highlight`` holds the keys of a case's current steps;
    ``labels`` name the form fields that branch conditions test. The same input always gives
    the same bytes, so charts can be cached and compared.
    """
    graph = build_graph(
        item, steps, role_names=role_names, highlight=highlight, labels=labels or {}
    )
    plan, corridors = plan_corridors(graph)
    layout = lay_out(graph, corridors)
    legend, legend_bottom = draw_legend(
        layout.table_x, layout.table_y + layout.table_h + 14, layout.table_w, graph
    )
    root = document(layout.width, legend_bottom + MARGIN, _title(graph), _description(graph))
    _draw_title(root, layout)
    _draw_lanes(root, layout, graph)
    _draw_frames(root, layout)
    routes = route_edges(graph, layout, plan)
    _draw_arrows(root, routes, graph)
    for block in layout.blocks:
        draw_block(root, block)
    _draw_labels(root, routes, graph)
    root.append(legend)
    return serialize(root)


def _title(graph: FlowGraph) -> str:
    """ "路灯安装流程图" — without doubling 流程 when the item's name already ends in it."""
    if graph.title.endswith("流程图"):
        return graph.title
    return graph.title + ("图" if graph.title.endswith("流程") else "流程图")


def _description(graph: FlowGraph) -> str:
    """The chart read aloud: every step in order with its role and kind."""
    steps = [node for node in graph.nodes if node.kind not in (START, END)]
    listed = "；".join(
        f"{index}. {node.name}（{graph.lanes[node.lane]}，{node.tag}）"
        for index, node in enumerate(steps, start=1)
    )
    current = "、".join(node.name for node in steps if node.current)
    return f"共 {len(steps)} 个环节：{listed}。" + (f"当前环节：{current}。" if current else "")


def _draw_title(root: ET.Element, layout: Layout) -> None:
    x, y = MARGIN, MARGIN + TITLE_SIZE
    text_lines(
        root,
        x,
        y,
        layout.title_lines,
        size=TITLE_SIZE,
        line_height=TITLE_LINE,
        anchor="start",
        weight="bold",
    )
    y += (len(layout.title_lines) - 1) * TITLE_LINE + NOTE_LINE + 4
    if layout.note_lines:
        text_lines(
            root, x, y, layout.note_lines, size=NOTE_SIZE, line_height=NOTE_LINE, anchor="start"
        )


def _draw_lanes(root: ET.Element, layout: Layout, graph: FlowGraph) -> None:
    """The swimlane table: a header cell naming each role, lines between the lanes."""
    table = add(root, "g", class_="lanes")
    x, y, w, h = layout.table_x, layout.table_y, layout.table_w, layout.table_h
    add(table, "rect", x=x, y=y, width=w, height=layout.header_h, fill=HEADER_FILL)
    for index, lane in enumerate(layout.lanes):
        cell = add(table, "g", class_="lane", data_role=graph.roles[index])
        first_baseline = (
            y + 8 + NAME_SIZE + (layout.header_h - 16 - len(lane.header_lines) * NAME_LINE) / 2
        )
        text_lines(
            cell,
            lane.x + lane.w / 2,
            first_baseline,
            lane.header_lines,
            size=NAME_SIZE,
            line_height=NAME_LINE,
            weight="bold",
        )
        if index + 1 < len(layout.lanes):
            divider = lane.x + lane.w
            add(cell, "line", x1=divider, y1=y, x2=divider, y2=y + h, stroke=INK, stroke_width=1)
    add(table, "line", x1=x, y1=y + layout.header_h, x2=x + w, y2=y + layout.header_h, stroke=INK)
    add(table, "rect", x=x, y=y, width=w, height=h, fill="none", stroke=INK, stroke_width=1.5)


def _draw_frames(root: ET.Element, layout: Layout) -> None:
    """Group frames (e.g. 四议两公开): dashed, named by a black tab on the top edge."""
    for frame in layout.frames:
        group = add(root, "g", class_="group", data_group=frame.key)
        add(
            group,
            "rect",
            x=frame.x,
            y=frame.y,
            width=frame.w,
            height=frame.h,
            rx=8,
            fill="none",
            stroke=INK,
            stroke_width=1.5,
            stroke_dasharray="8 4",
        )
        add(
            group,
            "rect",
            x=frame.tab_x,
            y=frame.y,
            width=frame.tab_w,
            height=TAB_H,
            rx=4,
            fill=INK,
        )
        text_lines(
            group,
            frame.tab_x + 8,
            frame.y + 17,
            [frame.label],
            size=SMALL_SIZE,
            line_height=TAB_H,
            anchor="start",
            weight="bold",
            fill=PAPER,
        )


def _draw_arrows(root: ET.Element, routes: list[Route], graph: FlowGraph) -> None:
    layer = add(root, "g", class_="edges")
    for route in routes:
        edge = route.edge
        group = add(
            layer, "g", class_="edge return" if edge.returning else "edge", **_ends(route, graph)
        )
        arrow(group, route.points, dashed=edge.returning)


def _draw_labels(root: ET.Element, routes: list[Route], graph: FlowGraph) -> None:
    """Arrow labels last, on white, so crossing lines never hide a condition."""
    layer = add(root, "g", class_="edge-labels")
    for route in routes:
        if not route.label_lines:
            continue
        group = add(layer, "g", class_="edge-label", **_ends(route, graph))
        w = max(text_width(line, LABEL_SIZE) for line in route.label_lines) + 8
        top = route.label_y - (len(route.label_lines) - 1) * LABEL_LINE - LABEL_SIZE - 2
        left = {"start": route.label_x - 4, "end": route.label_x - w + 4}.get(
            route.label_anchor, route.label_x - w / 2
        )
        add(group, "rect", x=left, y=top, width=w, height=route.label_y + 5 - top, fill=PAPER)
        first = route.label_y - (len(route.label_lines) - 1) * LABEL_LINE
        text_lines(
            group,
            route.label_x,
            first,
            route.label_lines,
            size=LABEL_SIZE,
            line_height=LABEL_LINE,
            anchor=route.label_anchor,
        )


def _ends(route: Route, graph: FlowGraph) -> dict[str, str]:
    source, target = graph.nodes[route.edge.source], graph.nodes[route.edge.target]
    return {"data_from": source.key or source.kind, "data_to": target.key or target.kind}
