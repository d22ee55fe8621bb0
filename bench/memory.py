"""Peak memory of processes: VmHWM ("high water mark" of resident memory) from
``/proc/<pid>/status``, which the kernel keeps for the process's whole life.

An rq worker forks a process per job (its "work horse"), so the job's peak is that child's,
and the child is gone when the job ends: :class:`TreePeak` reads the tree while a job runs.
"""

from __future__ import annotations

import threading
from pathlib import Path


def vmhwm_mb(pid: int) -> float | None:
    """The process's peak resident memory in MB; None when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return parse_vmhwm(status)


def parse_vmhwm(status: str) -> float | None:
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def highest(readings) -> float | None:
    """The highest of ``readings`` in MB, rounded; None when nothing was read."""
    found = [mb for mb in readings if mb is not None]
    return round(max(found), 1) if found else None


def children(pid: int) -> list[int]:
    """The process's direct children (every thread's), from ``/proc``."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return found


class TreePeak(threading.Thread):
    """Samples the peak of a process and of its children until stopped (a child's VmHWM is
    read while it lives: the last reading before it exits is within one interval of its
    peak)."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.own: float | None = None
        self.children: float | None = None
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(self.interval):
            self.own = _max(self.own, vmhwm_mb(self.pid))
            for child in children(self.pid):
                self.children = _max(self.children, vmhwm_mb(child))

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _max(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)
