"""Writing SVG with ElementTree, so every text and attribute is escaped by construction.

Names and labels come from county admins and villagers' data; building elements (rather than
formatting strings) means ``<script>`` or ``{{ }}`` in a label can only ever be text. Numbers
are rounded to one decimal so the same chart always serialises to the same bytes.
"""

import xml.etree.ElementTree as ET
from collections.abc import Sequence

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif"
INK, MUTED, PAPER, SHADE = "#000", "#333", "#fff", "#ececec"

Point = tuple[float, float]
Attribute = str | float | None


def num(value: float) -> str:
    """A coordinate as short, stable text: 12, 12.5 (never 12.0 or -0)."""
    text = f"{round(value, 1) + 0.0:.1f}"
    return text.removesuffix(".0")


def add(parent: ET.Element, tag: str, text: str | None = None, /, **attrs: Attribute) -> ET.Element:
    """A child element; ``data_step`` is written ``data-step``, ``class_`` is ``class``, and
    attributes given as ``None`` are left out."""
    element = ET.SubElement(parent, tag)
    for name, value in attrs.items():
        if value is not None:
            key = name.rstrip("_").replace("_", "-")
            element.set(key, num(value) if isinstance(value, int | float) else value)
    if text is not None:
        element.text = text
    return element


def document(width: float, height: float, title: str, description: str) -> ET.Element:
    """The root ``<svg>``: scalable by its viewBox, white paper, labelled for screen readers."""
    root = ET.Element("svg")
    for name, value in (
        ("xmlns", SVG_NS),
        ("width", num(width)),
        ("height", num(height)),
        ("viewBox", f"0 0 {num(width)} {num(height)}"),
        ("role", "img"),
        ("aria-label", title),
        ("font-family", FONT_FAMILY),
        ("font-size", "13"),
    ):
        root.set(name, value)
    add(root, "title", title)
    add(root, "desc", description)
    add(root, "rect", width=width, height=height, fill=PAPER)
    return root


def serialize(root: ET.Element) -> str:
    """The document as standalone SVG text with its XML declaration."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def text_lines(
    parent: ET.Element,
    x: float,
    baseline: float,
    lines: Sequence[str],
    *,
    size: float,
    line_height: float,
    anchor: str = "middle",
    weight: str | None = None,
    fill: str = INK,
) -> ET.Element:
    """One ``<text>`` with a ``<tspan>`` per line, so a wrapped phrase still reads as one."""
    text = add(
        parent,
        "text",
        x=x,
        y=baseline,
        font_size=size,
        font_weight=weight,
        text_anchor=anchor,
        fill=fill,
    )
    for index, line in enumerate(lines):
        add(text, "tspan", line, x=x, y=baseline + index * line_height)
    return text


def path_data(points: Sequence[Point]) -> str:
    head, *rest = points
    return f"M{num(head[0])} {num(head[1])}" + "".join(f" L{num(x)} {num(y)}" for x, y in rest)


def arrow(parent: ET.Element, points: Sequence[Point], *, dashed: bool = False) -> None:
    """A polyline ending in a filled arrowhead drawn as a path (no markers: ids would clash
    when several charts share a page, and print renderers handle paths best)."""
    add(
        parent,
        "path",
        d=path_data(points),
        fill="none",
        stroke=INK,
        stroke_width=1.5,
        stroke_dasharray="6 4" if dashed else None,
        stroke_linejoin="round",
    )
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-6)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    back = (x1 - 9 * ux, y1 - 9 * uy)
    wings = [(back[0] - 4.5 * uy, back[1] + 4.5 * ux), (back[0] + 4.5 * uy, back[1] - 4.5 * ux)]
    add(parent, "path", d=path_data([(x1, y1), *wings]) + " Z", fill=INK)
