"""The topology's processes: started as session leaders, stopped by process group.

Each process starts in a session of its own, so its process group holds it and everything it
forks (gunicorn's workers, rq's work horses): stopping the group leaves nothing behind, and
nothing outside the group is ever signalled. A process is remembered by its pid and its start
time (``/proc/<pid>/stat``), so a pid the system has since given to another program is never
mistaken for ours.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple


@dataclass(frozen=True)
class Process:
    name: str
    pid: int
    #: clock ticks after boot at which the process started: with the pid, its identity
    started: int
    log: str

    def alive(self) -> bool:
        """Whether the process we started still runs (and is not a zombie)."""
        stat = _stat(self.pid)
        return stat is not None and stat.started == self.started and stat.state != "Z"

    def group_alive(self) -> bool:
        """Whether any process of its group is left, zombies aside. A group outlives its
        leader when the leader dies first; the kernel never reuses a pid while a group of
        that id exists."""
        return self._ours() and any(
            stat.group == self.pid and stat.state != "Z" for stat in _every_stat()
        )

    def signal_group(self, signum: int) -> None:
        if self._ours():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signum)

    def _ours(self) -> bool:
        """The pid is ours, or no process holds it (only our leaderless group may be left)."""
        stat = _stat(self.pid)
        return stat is None or stat.started == self.started

    def to_dict(self) -> dict:
        return asdict(self)


def spawn(name: str, argv: list[str], env: dict[str, str], log: Path) -> Process:
    """Start ``argv`` in a new session, its output appended to ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        child = subprocess.Popen(
            argv,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stat = _stat(child.pid)
    return Process(name, child.pid, stat.started if stat else 0, str(log))


def stop(processes: list[Process], grace_seconds: float = 20) -> list[str]:
    """Ask every group to end (SIGTERM), then kill what is left after ``grace_seconds``;
    the names of the groups that had to be killed."""
    for process in processes:
        process.signal_group(signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline and any(p.group_alive() for p in processes):
        time.sleep(0.2)
    killed = [p.name for p in processes if p.group_alive()]
    for process in processes:
        process.signal_group(signal.SIGKILL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(p.group_alive() for p in processes):
        time.sleep(0.1)
    return killed


class Stat(NamedTuple):
    #: clock ticks after boot
    started: int
    #: R, S, D, Z, …
    state: str
    #: process group id
    group: int


def _stat(pid: int) -> Stat | None:
    """What ``/proc`` says of ``pid``, or None when there is no such process. Our own
    children that ended are reaped here, so they do not linger as zombies."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    return _read(Path(f"/proc/{pid}/stat"))


def _every_stat() -> list[Stat]:
    found = (_read(entry / "stat") for entry in Path("/proc").iterdir() if entry.name.isdigit())
    return [stat for stat in found if stat is not None]


def _read(path: Path) -> Stat | None:
    try:
        raw = path.read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # the command name may hold spaces
    return Stat(started=int(fields[19]), state=fields[0], group=int(fields[2]))
