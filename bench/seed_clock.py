"""The seeding clock: operations run at the moment a case's plan says, not at the real now.

Every timestamp the platform writes comes from ``core.db.utcnow`` — column defaults included,
since they hold that very function — and ``utcnow`` reads ``datetime.now`` from ``core.db``'s
namespace. Pointing that one name at a stopped clock lets a seeded case be started months ago,
see its notices run out and its steps fall overdue, through the real operations.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from core import db


class _Stopped(datetime):
    """``datetime`` whose ``now`` answers the moment set by :func:`at`."""

    moment: datetime | None = None

    @classmethod
    def now(cls, tz=None):
        return cls.moment.astimezone(tz) if tz else cls.moment


@contextmanager
def stopped() -> Iterator[None]:
    """Let :func:`at` set the time while the block runs; the real clock comes back after."""
    saved = db.datetime
    db.datetime = _Stopped
    try:
        yield
    finally:
        db.datetime = saved
        _Stopped.moment = None


def at(moment: datetime) -> None:
    """From now on (inside :func:`stopped`) ``utcnow()`` answers ``moment``."""
    if db.datetime is not _Stopped:
        raise RuntimeError("the seeding clock is not stopped")
    _Stopped.moment = moment
