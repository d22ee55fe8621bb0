"""Server-rendered SVG charts for the dashboards: bars, a line over months, a ranked list.

No chart service and no JavaScript: each chart is an ``<svg role="img">`` with a ``<title>``
and ``<desc>`` (which reads the figures out for a screen reader), a text label on every bar
and point, and every figure a link to the list behind it. Colours are presentation
attributes, which the strict content security policy allows where ``style`` is not. Every
text is escaped; the result is :class:`markupsafe.Markup` for the template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from markupsafe import Markup, escape

#: severity colours, darkened enough for white text and for 3:1 against white
FILLS = {"blue": "#1f5fa8", "yellow": "#8a6100", "red": "#a40000"}
DEFAULT_FILL = "#3d5a6c"
INK, MUTED, GRID = "#111", "#444", "#bbb"
_ids = count(1)


@dataclass(frozen=True)
class Bar:
    """One figure of a chart: its label, value, the list behind it, and a colour key."""

    label: str
    value: float
    href: str | None = None
    colour: str | None = None
    #: how the value reads, when not the bare number (e.g. ``"82 分"``)
    text: str | None = None


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> Markup:
    n = next(_ids)
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="chart-{n}-title chart-{n}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-{n}-title">{escape(title)}</title>'
        f'<desc id="chart-{n}-desc">{escape(desc)}</desc>{"".join(body)}</svg>'
    )


def _linked(bar: Bar, inner: str) -> str:
    if not bar.href:
        return inner
    attrs = f'href="{escape(bar.href)}"'
    if bar.text is None:
        attrs += f' data-count="{escape(_number(bar.value))}"'
    return f"<a {attrs}>{inner}</a>"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _describe(bars: Sequence[Bar]) -> str:
    return "；".join(f"{b.label}：{b.text or _number(b.value)}" for b in bars) or "无数据"


def bar_chart(title: str, bars: Sequence[Bar], *, label_width: int = 120) -> Markup:
    """Horizontal bars, one per figure, longest for the largest."""
    row, width = 30, 560
    height = max(row * len(bars), row) + 10
    top = max((b.value for b in bars), default=0) or 1
    span = width - label_width - 60
    body = []
    for i, bar in enumerate(bars):
        y = 5 + i * row
        length = span * bar.value / top
        fill = FILLS.get(bar.colour or "", DEFAULT_FILL)
        body.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end" fill="{INK}" '
            f'font-size="14">{escape(bar.label)}</text>'
        )
        body.append(
            _linked(
                bar,
                f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 10}" '
                f'fill="{fill}"/><text x="{label_width + length + 6:.1f}" y="{y + 18}" '
                f'fill="{INK}" font-size="14">{escape(bar.text or _number(bar.value))}</text>',
            )
        )
    if not bars:
        body.append(f'<text x="10" y="22" fill="{MUTED}" font-size="14">无数据</text>')
    return _svg(width, height, title, _describe(bars), body)


def line_chart(title: str, points: Sequence[Bar]) -> Markup:
    """One line over the points (months, oldest first), each point labelled with its value."""
    width, height, left, bottom, top_pad = 640, 220, 30, 40, 24
    top = max((p.value for p in points), default=0) or 1
    step = (width - left - 20) / max(len(points) - 1, 1)
    plot = height - bottom - top_pad

    def at(i: int, value: float) -> tuple[float, float]:
        return left + i * step, top_pad + plot * (1 - value / top)

    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        f'stroke="{GRID}"/>'
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, p.value) for i, p in enumerate(points)))
    if len(points) > 1:
        body.append(
            f'<polyline points="{line}" fill="none" stroke="{FILLS["red"]}" stroke-width="2"/>'
        )
    for i, point in enumerate(points):
        x, y = at(i, point.value)
        body.append(
            _linked(
                point,
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{FILLS["red"]}"/>'
                f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" fill="{INK}" '
                f'font-size="13">{escape(_number(point.value))}</text>',
            )
        )
        body.append(
            f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="12">{escape(point.label)}</text>'
        )
    return _svg(width, height, title, _describe(points), body)


def ranked_list(title: str, bars: Sequence[Bar]) -> Markup:
    """A bar chart numbered from first place: ``1. 甲一村``."""
    numbered = [
        Bar(f"{i}. {b.label}", b.value, b.href, b.colour, b.text) for i, b in enumerate(bars, 1)
    ]
    return bar_chart(title, numbered, label_width=170)
