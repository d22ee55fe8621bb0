"""Meeting fractions (法定人数与表决比例) written as text, "2/3" or "1/2".

A definition stores them as text, as a county's rules print them; the engine reads them with
``parse_fraction``. A quorum is met when present ≥ fraction × expected; a motion passes when
votes for > fraction × its base (those present, or those due to attend: ``majority_of``).
"""

from __future__ import annotations

import re
from fractions import Fraction

_FRACTION = re.compile(r"([0-9]{1,4})/([0-9]{1,4})")

#: What a definition's author is told when a fraction will not parse.
FRACTION_HINT = "应写成“2/3”“1/2”这样的分数：分子、分母都是正整数，分子不大于分母。"


def parse_fraction(text: object) -> Fraction | None:
    """The fraction ``text`` names, or None unless it is n/d with 0 < n ≤ d."""
    if not isinstance(text, str):
        return None
    found = _FRACTION.fullmatch(text.strip())
    if not found:
        return None
    numerator, denominator = int(found.group(1)), int(found.group(2))
    if not 0 < numerator <= denominator:
        return None
    return Fraction(numerator, denominator)
