"""The one place personal data is masked for public pages.

Villagers may read who received what — that is the point of publicity — but never a full
name (张*明), a full ID number (110105********002X) or a full phone number (138****5678), and
never anything about a minor (《未成年人保护法》第四条). Field types already mask their own
values (``public_text``); this module adds what a field type cannot know: free text that
happens to hold an ID or phone number or the name of a person of the same case, and minors,
told by the birth date inside an ID number on the day the page is shown or by a field marked
``"minor": true``. When in doubt, hide: an ID number that cannot be read counts as a minor's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from stdnum.cn import ric

from formbuilder.fieldtypes.base import mask_middle
from formbuilder.fieldtypes.submission import field_type

ADULT_AGE = 18
#: an 18-digit resident ID (or an old 15-digit one) not inside a longer run of digits
ID_NUMBER = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")
#: a mainland mobile number, with the usual spaces or dashes, not inside a longer number
PHONE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}(?![0-9])")
#: what replaces the name of a minor wherever it appears
MINOR = "**"


def mask_name(name: str) -> str:
    """张小明 -> 张*明, 张三 -> 张*."""
    return mask_middle((name or "").strip())


def mask_id(number: str) -> str:
    """110105194912310021 -> 110105********0021: the region and the last four only."""
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}" if number else ""


def mask_phone(number: str) -> str:
    """13812345678 -> 138****5678."""
    digits = re.sub(r"[^0-9]", "", number)[-11:]
    return f"{digits[:3]}****{digits[-4:]}" if digits else ""


def is_minor(id_number: str | None, on: date) -> bool:
    """Whether the holder of ``id_number`` is under 18 on ``on`` (True if unreadable)."""
    try:
        born = ric.get_birth_date(id_number or "")
    except ValueError:  # stdnum's InvalidComponent and friends are ValueErrors
        return True
    had_birthday = (on.month, on.day) >= (born.month, born.day)
    return on.year - born.year - (0 if had_birthday else 1) < ADULT_AGE


class Masker:
    """Masks text for one case: IDs and phones anywhere, and the names of its people.

    ``people`` are ``(name, id_number | None)`` pairs found in the case; a minor's name is
    hidden completely, an adult's masked.
    """

    def __init__(self, people: Iterable[tuple[str, str | None]], on: date):
        self.on = on
        names: dict[str, str] = {}
        for name, number in people:
            name = (name or "").strip()
            if len(name) >= 2:
                minor = number is not None and is_minor(number, on)
                names[name] = MINOR if minor or names.get(name) == MINOR else mask_name(name)
        # longest first, so 欧阳小明 is replaced before 欧阳
        self._names = sorted(names.items(), key=lambda pair: -len(pair[0]))

    def text(self, value: str) -> str:
        value = ID_NUMBER.sub(lambda m: mask_id(m.group(0)), value or "")
        value = PHONE.sub(lambda m: mask_phone(m.group(0)), value)
        for name, shown in self._names:
            value = value.replace(name, shown)
        return value

    def holds_minor(self, value: Any) -> bool:
        """Whether ``value`` (a field's stored value) carries a minor's ID number."""
        return any(is_minor(number, self.on) for number in _id_numbers(value))


def masker_for(case, on: date) -> Masker:
    """A :class:`Masker` knowing every person named in ``case``'s data and step runs."""
    people = list(_people(case.data or {}))
    people += [
        (r.on_behalf_of.get("name", ""), r.on_behalf_of.get("id_number"))
        for r in case.runs
        if isinstance(r.on_behalf_of, dict)
    ]
    return Masker(people, on)


def public_fields(case, steps: list[dict], on: date) -> list[dict]:
    """The case's fields marked public, as villagers may read them: ``[{"key","label","text"}]``.

    A field marked ``"minor"`` or holding a minor's ID number is left out; a table loses the
    rows that do.
    """
    masker = masker_for(case, on)
    data = case.data or {}
    shown = []
    for step in steps:
        for definition in step.get("fields") or ():
            key = definition["key"]
            if not definition.get("public") or definition.get("minor") or key not in data:
                continue
            kind = field_type(definition)
            value = data[key]
            if kind.is_layout:
                continue
            if isinstance(value, list) and definition.get("type") == "table":
                value = [row for row in value if not masker.holds_minor(row)]
            elif masker.holds_minor(value):
                continue
            text = masker.text(kind.public_text(value, definition))
            if text:
                shown.append({"key": key, "label": definition.get("label", key), "text": text})
    return shown


def published_fields(notice, case, steps: list[dict], on: date) -> list[dict]:
    """What a notice published, as shown today: only fields still public and not a minor's,
    their text masked again (a notice keeps what its step posted)."""
    allowed = {f["key"]: f for f in public_fields(case, steps, on)}
    masker = masker_for(case, on)
    return [
        {"label": entry.get("label", ""), "text": masker.text(str(entry.get("text", "")))}
        for entry in notice.published or ()
        if entry.get("key") in allowed
    ]


def _people(value: Any) -> Iterator[tuple[str, str | None]]:
    """``(name, id_number)`` of every person value (``{"name", "id_number"?}``) inside."""
    if isinstance(value, dict):
        if isinstance(value.get("name"), str):
            number = value.get("id_number")
            yield value["name"], number if isinstance(number, str) else None
        for inner in value.values():
            yield from _people(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _people(inner)


def _id_numbers(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield from (m.group(0) for m in ID_NUMBER.finditer(value))
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _id_numbers(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _id_numbers(inner)
