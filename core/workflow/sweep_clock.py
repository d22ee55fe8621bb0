"""When the sweep runs by itself, every ``QINGDAN_SWEEP_SECONDS`` (0: never).

**With Redis**, each ``qingdan worker`` runs a clock thread. At each tick it tries to claim
the period in Redis (``SET NX EX``); of all the workers one wins, and it enqueues one sweep
job, which any worker may then run. If that worker dies mid-sweep, the next period's sweep
does the work again — the sweep keeps no state of its own.

**Without Redis**, the web process sweeps in a daemon thread. It starts with the process's
first request, not in ``create_app``: the CLI commands build the app too but serve nothing,
and a gunicorn master must not carry threads into the workers it forks. Every gunicorn
worker starts a timer; only the one holding an exclusive lock on ``<instance>/sweep.lock``
sweeps, and if that process dies the lock is freed and another takes over. Tests
(``testing``) never start one.
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from redis import Redis

from core import jobs

log = logging.getLogger(__name__)

JOB = "core.workflow.sweep.job"
CLAIM_KEY = "qingdan:sweep:claimed"


class Clock(threading.Thread):
    """Calls ``tick`` every ``seconds`` (the first time after ``first``) until stopped."""

    def __init__(self, seconds: int, tick: Callable[[], None], name: str, first: float) -> None:
        super().__init__(name=name, daemon=True)
        self.seconds, self.tick, self.first = seconds, tick, first
        self.stopped = threading.Event()

    def run(self) -> None:
        wait = self.first
        while not self.stopped.wait(wait):
            try:
                self.tick()
            except Exception:  # the clock's boundary: a failed tick must not stop the clock
                log.exception("%s: tick failed", self.name)
            wait = self.seconds

    def stop(self) -> None:
        self.stopped.set()


# --- with Redis: the workers take turns to enqueue ----------------------------------------


def claim_period(connection: Redis, seconds: int, owner: str) -> bool:
    """True for the one caller per period that should enqueue the sweep.

    The claim lasts nine tenths of a period, so the winner's own next tick finds it expired
    while the other workers' ticks in between do not: one sweep per period, and when the
    winner stops, another worker wins within a period.
    """
    return bool(connection.set(CLAIM_KEY, owner, nx=True, ex=max(1, seconds * 9 // 10)))


def worker_clock(app: Flask) -> Clock | None:
    """The clock ``qingdan worker`` runs beside its rq worker; None when sweeping is off."""
    config = app.config["QINGDAN"]
    if config.sweep_seconds <= 0:
        return None
    connection = jobs.redis_connection(config.redis_url)
    owner = f"{socket.gethostname()}:{os.getpid()}"

    def tick() -> None:
        if claim_period(connection, config.sweep_seconds, owner):
            with app.app_context():
                jobs.enqueue(JOB, tenant_id=None)

    return Clock(config.sweep_seconds, tick, "qingdan-sweep-clock", first=0)


# --- without Redis: one web process sweeps ------------------------------------------------


class FileLeadership:
    """Whoever holds an exclusive lock on ``path`` leads; the lock dies with its process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = None

    def held(self) -> bool:
        """Whether this process leads, taking the lead if it is free."""
        if self._handle is None:
            handle = self.path.open("a")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                return False
            self._handle = handle
        return True


def init_app(app: Flask) -> None:
    """Arrange for the web process to start its sweep timer at its first request, when
    there is no Redis (the workers' clock sweeps then) and the app is not under test."""
    config = app.config["QINGDAN"]
    if config.testing or config.redis_url or config.sweep_seconds <= 0:
        return
    started: dict[str, int] = {}
    guard = threading.Lock()

    def start_timer() -> None:
        if started.get("pid") == os.getpid():  # after a fork the child starts its own
            return
        with guard:
            if started.get("pid") != os.getpid():
                started["pid"] = os.getpid()
                _timer(app).start()

    app.before_request(start_timer)


def _timer(app: Flask) -> Clock:
    from .sweep import sweep

    config = app.config["QINGDAN"]
    leadership = FileLeadership(Path(config.instance_path) / "sweep.lock")

    def tick() -> None:
        if leadership.held():
            with app.app_context():
                report = sweep(app.extensions["qingdan.sessionmaker"])
            log.info("sweep: %s", report.summary())

    return Clock(config.sweep_seconds, tick, "qingdan-sweep-timer", first=config.sweep_seconds)
