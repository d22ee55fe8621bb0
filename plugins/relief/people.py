"""People in relief: what villager pages may show of them (masked names and ID numbers, and
never a minor), and whether they are a cadre's relative.

A minor is told by the birth date inside the ID number, as of the day the page is shown —
the same person stops being hidden on the day they turn 18, whatever a clerk ticked years
before. An ID number that cannot be read counts as a minor's: when in doubt, hide.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from stdnum.cn import ric

from formbuilder.fieldtypes.base import mask_middle

ADULT_AGE = 18


def is_minor(id_number: str | None, on: date) -> bool:
    """Whether the holder of ``id_number`` is under 18 on ``on`` (True if unreadable)."""
    try:
        born = ric.get_birth_date(id_number or "")
    except ValueError:  # stdnum's InvalidComponent and friends are ValueErrors
        return True
    had_birthday = (on.month, on.day) >= (born.month, born.day)
    return on.year - born.year - (0 if had_birthday else 1) < ADULT_AGE


def masked_name(name: str) -> str:
    """张小明 -> 张*明, 张三 -> 张*."""
    return mask_middle(name or "")


def masked_id(id_number: str) -> str:
    """110105194912310021 -> 110105********0021: the region and the last four only."""
    return f"{id_number[:6]}{'*' * 8}{id_number[-4:]}" if id_number else ""


def relatives(sess: Session, tenant_id: int, id_numbers: set[str]) -> dict[str, dict]:
    """Which of ``id_numbers`` belong to a cadre's registered close relative, as
    ``{id_number: {"cadre", "relation", "village_id"}}``.

    The relatives register is the personnel plugin's; it is imported when a rule runs, so
    relief and disaster still load — and their other rules still run — without it.
    """
    from plugins.personnel.relatives import find_kin

    return find_kin(sess, tenant_id, id_numbers) if id_numbers else {}
