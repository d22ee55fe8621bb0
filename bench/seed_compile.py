"""Captured rows turned into rows with holes, once per template and operation.

A hole is what differs between the template's case and a planned one (``bench.seed_bulk``):
a sentinel id, a timestamp that moves with the case's offset (the ends of days, which are
deadlines, do not), or a stand-in string inside text or JSON. Each row also knows its
*shared* unique keys — those made of nothing of the case's own — which another case may hold
already, as two cash counts of the same village and month do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Table, UniqueConstraint

from core.audit.models import AuditEvent

from .seed_templates import SENTINEL_BASE, StandIn, Template, tenant_tables

#: a sentinel id inside text: ten digits, not part of a longer word (a hash, say)
SENTINEL_INT = re.compile(r"(?<![0-9A-Za-z])2[01][0-9]{8}(?![0-9A-Za-z])")
END_OF_DAY = time(23, 59, 59)
#: the stand-in strings that are a case's own
OWN = ("code", "tag", "person", "person_masked")


@dataclass
class Cell:
    """A value that differs per copy: ``id`` (a sentinel), ``time`` (moved by the offset),
    ``text`` (parts: literals and keys; ``json`` marks JSON-escaped keys)."""

    index: int
    kind: str
    value: object


class CompiledRow:
    """A captured row with holes. ``shared`` are its unique keys made of nothing that is the
    case's own (a ledger's month of a village, say): another case may hold the same key, and
    then the operations update that row rather than add one."""

    __slots__ = ("table", "values", "cells", "shared")

    def __init__(self, table: Table, values: list, cells: list[Cell], shared: list):
        self.table, self.values, self.cells, self.shared = table, values, cells, shared


class Compiler:
    """Turns captured rows into rows with holes, once per template and operation."""

    def __init__(self, stand_in: StandIn, zone: ZoneInfo):
        self.stand_in, self.zone = stand_in, zone
        self.tables = {t.name: t for t in tenant_tables()}
        self._cache: dict[tuple[str, int, int], list[CompiledRow]] = {}

    def rows(self, template: Template, op: int) -> list[CompiledRow]:
        key = (template.item_key, template.slot, op)
        if key not in self._cache:
            strings = {**self.stand_in.strings, template.code: "code"}
            capture = template.captures[op]
            self.fresh = {row["id"] for rows in capture.values() for row in rows}
            self.known = {
                self.stand_in.tenant_id,
                self.stand_in.village_id,
                template.snapshot[0],
                *self.stand_in.users,
                *self.fresh,
            }
            raw = _pattern(strings)
            in_json = _pattern({json_escaped(s): k for s, k in strings.items()})
            self._cache[key] = [
                self._row(self.tables[name], row, raw, in_json, strings)
                for name, rows in capture.items()
                for row in rows
            ]
        return self._cache[key]

    def _row(self, table: Table, row: dict, raw, in_json, strings) -> CompiledRow:
        values, cells = [], []
        for index, column in enumerate(table.c):
            value = row[column.name]
            cell = None
            if isinstance(value, bool) or value is None:
                pass
            elif isinstance(value, int) and value >= SENTINEL_BASE:
                if value not in self.known:
                    raise ValueError(f"{table.name}.{column.name}: unknown sentinel id {value}")
                cell = Cell(index, "id", value)
            elif isinstance(value, datetime):
                if value.astimezone(self.zone).time() != END_OF_DAY:
                    cell = Cell(index, "time", value)
            elif isinstance(value, str):
                parts = self._parts(value, raw, strings, json_text=False)
                if len(parts) > 1 or not isinstance(parts[0], str):
                    cell = Cell(index, "text", parts)
            elif isinstance(value, dict | list):
                value = json.dumps(value)
                escaped_strings = {json_escaped(s): k for s, k in strings.items()}
                parts = self._parts(value, in_json, escaped_strings, json_text=True)
                if len(parts) > 1 or not isinstance(parts[0], str):
                    cell = Cell(index, "text", parts)
            values.append(value)
            if cell:
                cells.append(cell)
        return CompiledRow(table, values, cells, self._shared(table, cells))

    def _shared(self, table: Table, cells: list[Cell]) -> list[tuple[str, list[int]]]:
        if table.name == AuditEvent.__tablename__:
            return []  # its place in the chain (seq) is given when it is copied
        own = {cell.index for cell in cells if self._own(cell)}
        names = list(table.c.keys())
        shared = []
        for constraint in table.constraints:
            if not isinstance(constraint, UniqueConstraint):
                continue
            indexes = [names.index(c.name) for c in constraint.columns]
            if not own & set(indexes):
                shared.append((constraint.name, indexes))
        return shared

    def _own(self, cell: Cell) -> bool:
        """Whether the cell holds something of the case's own: a row id of its, its code,
        tag or ID number."""
        if cell.kind == "id":
            return cell.value in self.fresh
        if cell.kind != "text":
            return False
        return any(
            (part[0] == "i" and part[1] in self.fresh) or (part[0] == "s" and part[1] in OWN)
            for part in cell.value
            if not isinstance(part, str)
        )

    def _parts(self, value: str, pattern: re.Pattern, strings: dict[str, str], *, json_text: bool):
        """``value`` split into literal text and keys: ``("s", name, json_text)`` for a
        stand-in string, ``("i", sentinel)`` for a sentinel id of the capture."""
        parts, last = [], 0
        for match in pattern.finditer(value):
            found = match.group(0)
            if found in strings:
                key = ("s", strings[found], json_text)
            elif int(found) in self.known:
                key = ("i", int(found))
            else:
                continue
            parts.append(value[last : match.start()])
            parts.append(key)
            last = match.end()
        parts.append(value[last:])
        return [p for p in parts if p != ""] or [""]


def json_escaped(value: str) -> str:
    """``value`` as it reads inside JSON text written by ``json.dumps``."""
    return json.dumps(value)[1:-1]


def _pattern(strings: dict[str, str]) -> re.Pattern:
    words = sorted(strings, key=len, reverse=True)
    return re.compile("|".join([*(re.escape(w) for w in words), SENTINEL_INT.pattern]))
