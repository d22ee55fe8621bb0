"""Measuring and wrapping mixed Chinese/Latin text for SVG, which has no text flow of its own.

Widths are estimates from character classes — the renderer's font is unknown at drawing
time — erring wide so wrapped lines fit in every CJK font of the stack.
"""

import re
import unicodedata

#: Punctuation that may not start a line (避头) or end one (避尾), as Chinese typesetting asks.
_NO_LINE_START = "，。、；：！？）」』”’》】,.;:!?)]"
_NO_LINE_END = "（「『“‘《【(["
#: A Latin word or number stays whole; every other character may break.
_TOKENS = re.compile(r"[A-Za-z0-9_.,:/%+\-]+|\s+|.", re.DOTALL)
#: Clauses end after these or at a space, except a space beside a sign ("到会 ≥ 2/3"); a
#: clause that fits a line is kept whole ("到会 ≥ 2/3，", "人均月收入（元）< 6,000").
_CLAUSES = re.compile(
    r"(?:[^，、；：\s]|\s(?=[≥≤<>=≠])|(?<=[≥≤<>=≠])\s)+[，、；：]*|\s+|[，、；：]+"
)


def char_width(char: str, size: float) -> float:
    """Advance width of one character: full width for CJK (and for ambiguous signs such as
    “ ” and ≥, which CJK fonts draw full width), less for Latin and digits."""
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return size
    if char.isspace() or char in ".,:;'|!il":
        return size * 0.32
    if char.isupper() or char in "mwMW@%":
        return size * 0.72
    return size * 0.58


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width of ``text`` at font ``size``; bold glyphs run about 5% wider."""
    width = sum(char_width(char, size) for char in text)
    return width * 1.05 if bold else width


def wrap(
    text: str, width: float, size: float, *, bold: bool = False, balanced: bool = False
) -> list[str]:
    """Lines of ``text`` no wider than ``width``, breaking between clauses where they fit,
    else between CJK characters or words.

    A single word wider than ``width`` is broken by character; punctuation follows the
    避头尾 rules, which may let a line run a comma's width over. ``balanced`` evens out the
    lines (no lone "核" under "村务监督委员会审"), as a typesetter would in a small box.
    """
    lines = _greedy(text, width, size, bold)
    if not balanced or len(lines) < 2:
        return lines
    low, high = width / len(lines), width
    while high - low > 1:
        middle = (low + high) / 2
        if len(_greedy(text, middle, size, bold)) > len(lines):
            low = middle
        else:
            high = middle
    return _greedy(text, high, size, bold)


def _greedy(text: str, width: float, size: float, bold: bool) -> list[str]:
    """As many tokens on each line as fit: the plain first-fit line breaking."""
    lines: list[str] = []
    line = ""
    for token in _pieces(" ".join(text.split()), width, size, bold):
        if token.isspace() and not line:
            continue
        fits = text_width(line + token, size, bold=bold) <= width
        if not line or fits or token in _NO_LINE_START:
            line += token
        elif token.isspace():
            lines.append(line)
            line = ""
        else:
            carried = line[-1] if line[-1] in _NO_LINE_END and len(line) > 1 else ""
            lines.append(line[: len(line) - len(carried)].rstrip())
            line = carried + token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _pieces(text: str, width: float, size: float, bold: bool) -> list[str]:
    """Tokens for wrapping: whole clauses when they fit a line, else words, and words too
    wide for a line split into characters."""
    pieces: list[str] = []
    for clause in _CLAUSES.findall(text):
        if text_width(clause, size, bold=bold) <= width:
            pieces.append(clause)
            continue
        for token in _TOKENS.findall(clause):
            if len(token) > 1 and text_width(token, size, bold=bold) > width:
                pieces.extend(token)
            else:
                pieces.append(token)
    return pieces
