"""The bulk path: the recorded rows of a template (``bench.seed_templates``), copied once
per planned case with the stand-in's ids, names, codes and times replaced, and written with
``COPY`` a few thousand cases at a time.

What differs between the case a template recorded and a planned case of the same item and
start day is only who, where and when (the plan's minutes of offset), so a copy is exact once
these are replaced:

* sentinel ids (``bench.seed_templates``) — of the rows the case wrote, given fresh ids from
  their sequences in the same order, and of the stand-in township, village, people and
  snapshot, mapped to the real ones;
* the stand-in's strings — case code, tag, ID number (as typed and as masked), village and
  township names and codes — wherever they appear, JSON included;
* timestamps, moved by the offset, except the ends of days (deadlines), which stay put.

A ledger row whose unique key is shared (``bench.seed_compile``) and already held — a
village's cash count of a month recorded by an earlier case — updates that row instead, as
the ledger's own operation does; the id reserved for the copy then stays unused, the one
place where ids can run ahead of what the operations would have given.

Derived values come from the project's functions: the case code from ``next_code``, the
snapshot from ``snapshot_for``, each audit event's hash from ``event_hash`` over its place in
the real chain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from sqlalchemy import Table, select, text
from sqlalchemy.orm import Session

from core.audit.chain import GENESIS, event_hash
from core.audit.models import AuditEvent
from core.auth.models import User
from core.catalog.models import ItemVersion
from core.db import utcnow
from core.workflow import process
from core.workflow.cases import next_code
from core.workflow.models import CaseCounter
from formbuilder.fieldtypes.submission import field_type

from . import seed_clock
from .seed_compile import CompiledRow, Compiler, json_escaped
from .seed_plan import CasePlan, moment, person_id, start_day
from .seed_templates import StandIn, tenant_tables

AUDIT = AuditEvent.__tablename__


@dataclass
class Where:
    """A real case's place and identity: what the holes are filled with."""

    township_id: int
    strings: dict[str, str]
    ids: dict[int, int]
    offset: timedelta


class Copier:
    """Copies planned cases into the database, a batch at a time."""

    def __init__(
        self, sess: Session, stand_in: StandIn, templates, zone: ZoneInfo, anchor_day: date
    ):
        self.sess, self.stand_in, self.templates = sess, stand_in, templates
        self.zone, self.anchor_day = zone, anchor_day
        self.compiler = Compiler(stand_in, zone)
        self.tables = tenant_tables()
        self._audit_columns = [c.name for c in AuditEvent.__table__.c]
        self._snapshots: dict[tuple[int, int], int] = {}
        self._people: dict[int, dict[int, int]] = {}
        self._heads: dict[int, tuple[int, str]] = {}
        self._counters: dict[tuple[int, int], SimpleNamespace] = {}
        #: (table, constraint) -> shared key -> the id of the row that holds it
        self._holders: dict[tuple[str, str], dict[tuple, int]] = {}
        self.written: dict[str, int] = {}

    def copy(self, batch: list[tuple[CasePlan, object, object]]) -> None:
        """Write the cases of ``batch``: (plan, township, village) each."""
        chosen = []
        for plan, township, village in batch:
            template = self.templates[(plan.item_key, plan.slot)]
            op = template.operations(plan)
            chosen.append((plan, township, village, template, self.compiler.rows(template, op)))
        counts: dict[str, int] = {}
        for *_rest, rows in chosen:
            for row in rows:
                counts[row.table.name] = counts.get(row.table.name, 0) + 1
        next_ids = {name: self._reserve(name, n) for name, n in counts.items()}
        out: dict[str, list[list]] = {t.name: [] for t in self.tables}
        updates: list[tuple[Table, int, list]] = []
        for plan, township, village, template, rows in chosen:
            where = self._where(plan, township, village, template, rows, next_ids)
            for row in rows:
                values = _fill(row, where)
                holder = self._holder(row, values)
                if holder is None:
                    out[row.table.name].append(values)
                else:
                    where.ids[row.values[row.table.c.keys().index("id")]] = holder
                    updates.append((row.table, holder, values))
            self._chain(township.id, out[AUDIT], len([r for r in rows if r.table.name == AUDIT]))
        self._write_counters()
        self._write(out)
        self._update(updates)

    def _where(self, plan, township, village, template, rows, next_ids) -> Where:
        seed_clock.at(moment(self.zone, start_day(self.anchor_day, plan.slot), 0, 0))
        person = person_id(plan.number)
        strings = {
            "code": next_code(_CounterSession(self._counter(township.id)), township),
            "tag": plan.tag,
            "person": person,
            "person_masked": _masked(person),
            "village_name": village.name,
            "village_code": village.code,
            "township_name": township.name,
            "township_slug": township.slug,
        }
        stand_in = self.stand_in
        ids = {stand_in.tenant_id: township.id, stand_in.village_id: village.id}
        ids |= self._people_of(township, village)
        sentinel_snapshot, version_id = template.snapshot
        ids[sentinel_snapshot] = self._snapshot(township, version_id)
        for row in rows:
            own = row.values[row.table.c.keys().index("id")]
            ids[own] = next_ids[row.table.name]
            next_ids[row.table.name] += 1
        return Where(township.id, strings, ids, timedelta(minutes=plan.offset_minutes))

    def _holder(self, row: CompiledRow, values: list) -> int | None:
        """The id of an earlier row holding one of ``row``'s shared keys, or None (and the
        keys are ``row``'s from now on)."""
        holder, keys = None, []
        for name, indexes in row.shared:
            held = self._held(row.table, name, indexes)
            key = tuple(values[i] for i in indexes)
            holder = holder or held.get(key)
            keys.append((held, key))
        if holder is None:
            own = values[row.table.c.keys().index("id")]
            for held, key in keys:
                held[key] = own
        return holder

    def _held(self, table: Table, name: str, indexes: list[int]) -> dict[tuple, int]:
        if (table.name, name) not in self._holders:
            columns = [list(table.c)[i] for i in indexes]
            found = self.sess.execute(select(table.c.id, *columns)).all()
            self._holders[(table.name, name)] = {tuple(r[1:]): r[0] for r in found}
        return self._holders[(table.name, name)]

    def _update(self, updates: list[tuple[Table, int, list]]) -> None:
        """What the operations do with a shared row: the later case's facts replace the
        earlier one's (its id and creation time stay)."""
        cursor = self.sess.connection().connection.driver_connection.cursor()
        for table, holder, values in updates:
            kept = [
                (c.name, v)
                for c, v in zip(table.c, values, strict=True)
                if c.name not in ("id", "created_at")
            ]
            assignments = ", ".join(f'"{name}" = %s' for name, _v in kept)
            cursor.execute(
                f'UPDATE "{table.name}" SET {assignments} WHERE id = %s',
                [*(v for _n, v in kept), holder],
            )

    def _chain(self, tenant_id: int, events: list[list], count: int) -> None:
        """Give the case's last ``count`` audit events their place in the tenant's chain."""
        columns = self._audit_columns
        seq, prev = self._head(tenant_id)
        for values in events[len(events) - count :]:
            event = SimpleNamespace(**dict(zip(columns, values, strict=True)))
            event.payload = json.loads(event.payload)
            seq += 1
            event.seq, event.prev_hash = seq, prev
            prev = event_hash(event)
            values[columns.index("seq")] = seq
            values[columns.index("prev_hash")] = event.prev_hash
            values[columns.index("hash")] = prev
        self._heads[tenant_id] = (seq, prev)

    def _head(self, tenant_id: int) -> tuple[int, str]:
        if tenant_id not in self._heads:
            head = self.sess.execute(
                select(AuditEvent.seq, AuditEvent.hash)
                .where(AuditEvent.tenant_id == tenant_id)
                .order_by(AuditEvent.seq.desc())
                .limit(1)
            ).first()
            self._heads[tenant_id] = (head.seq, head.hash) if head else (0, GENESIS)
        return self._heads[tenant_id]

    def _people_of(self, township, village) -> dict[int, int]:
        """The stand-in's people -> the real township's and village's, by their usernames."""
        if village.id not in self._people:
            rename = {
                self._stand_in_string("township_slug"): township.slug,
                self._stand_in_string("village_code"): village.code,
            }
            names = {}
            for user_id, username in self.stand_in.users.items():
                for old, new in rename.items():
                    username = username.replace(old, new)
                names[user_id] = username
            real = dict(
                self.sess.execute(
                    select(User.username, User.id).where(User.username.in_(names.values()))
                ).all()
            )
            self._people[village.id] = {old: real[name] for old, name in names.items()}
        return self._people[village.id]

    def _stand_in_string(self, key: str) -> str:
        return next(s for s, k in self.stand_in.strings.items() if k == key)

    def _snapshot(self, township, version_id: int) -> int:
        key = (township.id, version_id)
        if key not in self._snapshots:
            version = self.sess.get(ItemVersion, version_id)
            self._snapshots[key] = process.snapshot_for(self.sess, township, version).id
        return self._snapshots[key]

    def _counter(self, tenant_id: int) -> SimpleNamespace:
        """The case counter of the tenant for the clock's year, as ``next_code`` reads it."""
        key = (tenant_id, utcnow().year)
        if key not in self._counters:
            last = self.sess.scalar(
                select(CaseCounter.last).where(
                    CaseCounter.tenant_id == key[0], CaseCounter.year == key[1]
                )
            )
            self._counters[key] = SimpleNamespace(last=last or 0, known=last is not None)
        return self._counters[key]

    def _write_counters(self) -> None:
        for (tenant_id, year), counter in self._counters.items():
            if counter.known:
                self.sess.execute(
                    CaseCounter.__table__.update()
                    .where(CaseCounter.tenant_id == tenant_id, CaseCounter.year == year)
                    .values(last=counter.last)
                )
            elif counter.last:
                self.sess.add(CaseCounter(tenant_id=tenant_id, year=year, last=counter.last))
                counter.known = True
        self.sess.flush()

    def _reserve(self, table: str, count: int) -> int:
        """The first of ``count`` ids taken from the table's sequence, as ``count`` inserts
        would take them."""
        sequence = self.sess.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table})
        first = self.sess.scalar(text("SELECT nextval(:s)"), {"s": sequence})
        if count > 1:
            self.sess.execute(
                text("SELECT setval(:s, :v)"), {"s": sequence, "v": first + count - 1}
            )
        return first

    def _write(self, out: dict[str, list[list]]) -> None:
        cursor = self.sess.connection().connection.driver_connection.cursor()
        for table in self.tables:
            rows = out[table.name]
            if not rows:
                continue
            columns = ", ".join(f'"{c.name}"' for c in table.c)
            with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            self.written[table.name] = self.written.get(table.name, 0) + len(rows)


class _CounterSession:
    """What ``next_code`` needs of a session, answered from the copier's counters: the code
    is made by the project's function, the counter rows are written once per batch."""

    def __init__(self, counter: SimpleNamespace):
        self.counter = counter

    def scalar(self, _statement):
        return self.counter

    def add(self, _row) -> None:
        raise AssertionError("the copier keeps the counters")

    def flush(self) -> None:
        pass


def _masked(person: str) -> str:
    return field_type({"type": "id_number"}).public_text(person, {})


def _fill(row: CompiledRow, where: Where) -> list:
    values = list(row.values)
    for cell in row.cells:
        if cell.kind == "id":
            values[cell.index] = where.ids[cell.value]
        elif cell.kind == "time":
            values[cell.index] = cell.value + where.offset
        else:
            values[cell.index] = "".join(_part(p, where) for p in cell.value)
    return values


def _part(part, where: Where) -> str:
    if isinstance(part, str):
        return part
    if part[0] == "i":
        return str(where.ids[part[1]])
    value = where.strings[part[1]]
    return json_escaped(value) if part[2] else value
