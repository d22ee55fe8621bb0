"""The processes the bench starts when no ``--url`` is given: ``qingdan serve --workers 2``
(gunicorn) and ``qingdan worker`` (rq) twice, as ``deploy/`` runs them, all from the
project's own command, on the bench database and Redis. Their output goes to files in the
results folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from . import memory

QINGDAN = Path(sys.executable).with_name("qingdan")


@dataclass
class Server:
    """A process the bench started, and the log it writes."""

    process: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def environment(owner_url: str, app_url: str, redis_url: str, instance: Path) -> dict[str, str]:
    """The ``QINGDAN_*`` settings of a deployment on the bench database. No clock sweeps by
    itself (``QINGDAN_SWEEP_SECONDS=0``): the bench runs the sweep when it measures it."""
    instance.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "QINGDAN_DATABASE_URL": app_url,
        "QINGDAN_DATABASE_OWNER_URL": owner_url,
        "QINGDAN_REDIS_URL": redis_url,
        "QINGDAN_INSTANCE_PATH": str(instance),
        "QINGDAN_SWEEP_SECONDS": "0",
    }


def start_web(env: dict[str, str], port: int, workers: int, logs: Path) -> Server:
    log = logs / "web.log"
    command = [str(QINGDAN), "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = _start(command + ["--workers", str(workers)], env, log)
    url = f"http://127.0.0.1:{port}"
    _wait_until_live(server, url)
    deadline = time.monotonic() + 30
    while len(memory.children(server.pid)) < workers and time.monotonic() < deadline:
        time.sleep(0.2)
    return server


def web_workers(server: Server) -> list[int]:
    """gunicorn's worker processes: the children of ``qingdan serve``, its master."""
    return memory.children(server.pid)


def start_worker(env: dict[str, str], logs: Path, number: int = 1) -> Server:
    return _start([str(QINGDAN), "worker"], env, logs / f"worker{number}.log")


def _start(command: list[str], env: dict[str, str], log: Path) -> Server:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(process, log)


def _wait_until_live(server: Server, url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the app server exited; see {server.log}")
        try:
            with urllib.request.urlopen(f"{url}/livez", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"the app server did not answer {url}/livez within {timeout:.0f} s")
