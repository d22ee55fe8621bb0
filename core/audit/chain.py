"""The hash chain: how an event is hashed, and how a tenant's chain is checked.

An event's hash is the SHA-256 of one canonical JSON array::

    [tenant_id, seq, at, actor_id, actor_label, action, subject_type, subject_id,
     payload, prev_hash]

with ``at`` in UTC as ISO 8601 to the microsecond, the payload's keys sorted, no spaces and
UTF-8 text unescaped. The first event of a chain links to :data:`GENESIS`. Anyone can
recompute a chain from an export of the table with these few lines.

What the chain proves: an edited event no longer matches its hash; a deleted one leaves a
gap in ``seq`` (or, if the rest were renumbered, a broken link). What it cannot prove alone
is that the newest events were not cut off the end: for that, keep the head hash somewhere
else (``qingdan audit verify`` output in a signed report, for instance).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import AuditEvent

GENESIS = "0" * 64
#: the columns that go into the hash, in order
HASHED = (
    "tenant_id",
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "subject_type",
    "subject_id",
    "payload",
    "prev_hash",
)


def _plain(value):
    """Payload values JSON has no type for: dates as ISO 8601, decimals as their digits."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"审计记录的内容无法保存为 JSON：{type(value).__name__}")


def canonical_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def plain_payload(payload: dict) -> dict:
    """``payload`` as it will read back from the database (string keys, JSON types only),
    so that the hash computed now is the hash recomputed later."""
    return json.loads(json.dumps(payload, ensure_ascii=False, default=_plain))


def event_hash(event) -> str:
    """The hash of anything with the :data:`HASHED` attributes (an event or a result row)."""
    fields = [getattr(event, name) for name in HASHED]
    fields[2] = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    return hashlib.sha256(canonical_json(fields).encode()).hexdigest()


@dataclass(frozen=True)
class Problem:
    """The first broken event of one tenant's chain."""

    tenant_id: int
    seq: int
    event_id: int
    #: ``edited`` (the event does not match its hash), ``missing`` (events before it are
    #: gone), or ``relinked`` (it does not link to the event before it)
    kind: str
    message: str


def verify(sess: Session, tenant_id: int | None = None) -> list[Problem]:
    """Walk every chain in the session's scope (or only ``tenant_id``'s) in ``seq`` order,
    recomputing hashes and links; report the first broken event of each broken chain."""
    columns = [AuditEvent.id, *(getattr(AuditEvent, name) for name in HASHED), AuditEvent.hash]
    stmt = select(*columns).order_by(AuditEvent.tenant_id, AuditEvent.seq)
    if tenant_id is not None:
        stmt = stmt.where(AuditEvent.tenant_id == tenant_id)
    problems: list[Problem] = []
    current, expected_seq, prev, broken = None, 1, GENESIS, False
    for row in sess.execute(stmt.execution_options(yield_per=2000)):
        if row.tenant_id != current:
            current, expected_seq, prev, broken = row.tenant_id, 1, GENESIS, False
        if broken:
            continue
        problem = _check(row, expected_seq, prev)
        if problem:
            problems.append(problem)
            broken = True
        expected_seq, prev = row.seq + 1, row.hash
    return problems


def _check(row, expected_seq: int, prev: str) -> Problem | None:
    def problem(kind: str, message: str) -> Problem:
        return Problem(row.tenant_id, row.seq, row.id, kind, message)

    if row.seq != expected_seq:
        missing = (
            f"第 {expected_seq} 条"
            if row.seq == expected_seq + 1
            else f"第 {expected_seq}–{row.seq - 1} 条"
        )
        return problem("missing", f"之前缺少{missing}记录（已被删除）")
    if row.prev_hash != prev:
        return problem("relinked", "与前一条记录的哈希链接不符（前面的记录被删除或改动过）")
    if event_hash(row) != row.hash:
        return problem("edited", "内容与其哈希值不符（记录被改动过）")
    return None
