"""Step boxes: a shape per step kind, so kinds tell apart in black and white print.

办理 (task) is a rounded box, 会议 (meeting) a double border, 联审联签 (countersign) a box
with side bars, 审批 (approval) a hexagon, 公示 (notice) a box under a black flag band. The
current step of a case is drawn heavier, shaded and tagged "当前".
"""

import xml.etree.ElementTree as ET

from core.documents.graph import END, START
from core.documents.layout import (
    BAND_H,
    HEX_POINT,
    NAME_LINE,
    NAME_SIZE,
    SMALL_LINE,
    SMALL_SIZE,
    Block,
    content_height,
)
from core.documents.svg import INK, MUTED, PAPER, SHADE, Attribute, add, num, text_lines
from core.documents.text import text_width

#: The badge on the current step; the legend spells it out.
CURRENT, CURRENT_BADGE = "当前环节", "当前"


def draw_block(parent: ET.Element, block: Block) -> None:
    """A step as ``<g class="step" data-step data-kind>``, or a start/end marker."""
    node = block.node
    if node.kind in (START, END):
        _marker(parent, block)
        return
    group = add(
        parent,
        "g",
        class_="step",
        data_step=node.key,
        data_kind=node.kind,
        aria_current="step" if node.current else None,
    )
    add(group, "title", "，".join([node.name, node.tag, *node.details]))
    outline(group, node.kind, block.x, block.y, block.w, block.h, current=node.current)
    _contents(group, block)
    if node.current:
        _badge(group, block)


def outline(
    parent: ET.Element, kind: str, x: float, y: float, w: float, h: float, *, current: bool
) -> None:
    """The shape of a ``kind`` of step; also used, small, by the legend."""
    style: dict[str, Attribute] = {
        "fill": SHADE if current else PAPER,
        "stroke": INK,
        "stroke_width": 3 if current else 1.5,
    }
    if kind == "approval":
        points = [
            (x + HEX_POINT, y),
            (x + w - HEX_POINT, y),
            (x + w, y + h / 2),
            (x + w - HEX_POINT, y + h),
            (x + HEX_POINT, y + h),
            (x, y + h / 2),
        ]
        add(
            parent, "polygon", points=" ".join(f"{num(px)},{num(py)}" for px, py in points), **style
        )
    elif kind == "meeting":
        add(parent, "rect", x=x, y=y, width=w, height=h, rx=6, **style)
        add(
            parent,
            "rect",
            x=x + 4,
            y=y + 4,
            width=w - 8,
            height=h - 8,
            rx=3,
            fill="none",
            stroke=INK,
        )
    elif kind == "countersign":
        add(parent, "rect", x=x, y=y, width=w, height=h, rx=2, **style)
        for bar in (x + 8, x + w - 8):
            add(parent, "line", x1=bar, y1=y, x2=bar, y2=y + h, stroke=INK, stroke_width=1.5)
    elif kind == "notice":
        add(parent, "rect", x=x, y=y, width=w, height=h, rx=2, **style)
        add(parent, "rect", x=x, y=y, width=w, height=min(BAND_H, h / 2), rx=2, fill=INK)
    else:
        add(parent, "rect", x=x, y=y, width=w, height=h, rx=10, **style)


def _contents(parent: ET.Element, block: Block) -> None:
    """The kind (in the band for a notice), the name in bold, then the step's rules, centred
    in the box's height."""
    node = block.node
    band = BAND_H if node.kind == "notice" else 0
    cursor = block.y + band + (block.h - band - content_height(block)) / 2
    if band:
        _line(parent, block.cx, block.y + 16, [node.tag], weight="bold", fill=PAPER)
    else:
        _line(parent, block.cx, cursor + SMALL_SIZE, [node.tag], fill=MUTED)
        cursor += SMALL_LINE
    text_lines(
        parent,
        block.cx,
        cursor + NAME_SIZE + 1,
        block.name_lines,
        size=NAME_SIZE,
        line_height=NAME_LINE,
        weight="bold",
    )
    cursor += len(block.name_lines) * NAME_LINE
    if block.detail_lines:
        _line(parent, block.cx, cursor + SMALL_SIZE + 2, block.detail_lines, fill=MUTED)


def _line(
    parent: ET.Element, x: float, y: float, lines: list[str] | tuple[str, ...], **style: str
) -> None:
    """Small (13px) centred text: kind tags, rules, the badge."""
    text_lines(parent, x, y, lines, size=SMALL_SIZE, line_height=SMALL_LINE, **style)


def _badge(parent: ET.Element, block: Block) -> None:
    """The "当前" tag across the top right corner, clear of the arrow entering at the top."""
    w = text_width(CURRENT_BADGE, SMALL_SIZE, bold=True) + 14
    x, y = block.x + block.w - w + 8, block.y - 12
    add(parent, "rect", x=x, y=y, width=w, height=22, rx=11, fill=INK, stroke=PAPER, stroke_width=2)
    _line(parent, x + w / 2, y + 16, [CURRENT_BADGE], weight="bold", fill=PAPER)


def _marker(parent: ET.Element, block: Block) -> None:
    """开始 / 结束: a black pill, unmistakable at the ends of the flow."""
    group = add(parent, "g", class_="marker", data_marker=block.node.kind)
    add(
        group, "rect", x=block.x, y=block.y, width=block.w, height=block.h, rx=block.h / 2, fill=INK
    )
    text_lines(
        group,
        block.cx,
        block.y + block.h / 2 + 5,
        [block.node.name],
        size=NAME_SIZE,
        line_height=NAME_LINE,
        weight="bold",
        fill=PAPER,
    )
