"""The production topology on one machine: ``deploy/run`` starts it, ``deploy/stop`` ends it.

nginx in front of two ``qingdan serve`` instances (gunicorn), two ``qingdan worker`` processes
(rq, each with rq's scheduler and the sweep clock; they take turns to enqueue the sweep), one
PostgreSQL database and one Redis database. Each process is what a real server runs
(docs/deploy.md); only the machines are folded into one. The two app servers share nothing
but the database, Redis, the secret key and the attachments folder — the folder NFS would
share between real servers.

Everything lives in the run directory (default ``deploy/.run``): ``state.json`` (URL, ports,
processes), ``env`` (the QINGDAN_* variables, to ``source`` for ``qingdan`` commands against
the running topology), ``logs/``, ``nginx/`` (its config, pid and temp files), ``attachments/``
and an instance folder per process. Both commands are idempotent: ``run`` on a running
topology only prints its URL, ``stop`` on a stopped one says so.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import click
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from . import nginx
from .processes import Process, spawn, stop

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RUN_DIR = REPO / "deploy" / ".run"
DEFAULT_PORT = 8080
#: the PostgreSQL server, as a role that may create databases (it owns the schema)
DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
#: not database 0: a topology's workers must not take another one's jobs
DEFAULT_REDIS = "redis://127.0.0.1:6379/7"
APP_ROLE = "qingdan_app"
NGINX = "/usr/sbin/nginx"
WEB = ("web1", "web2")
WORKERS = ("worker1", "worker2")
#: how long the processes get to answer
START_SECONDS = 90


@dataclass(frozen=True)
class Options:
    run_dir: Path
    port: int
    database: str
    server: str
    redis_url: str
    #: gunicorn workers per app server
    web_workers: int


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="deploy/run | deploy/stop")
    parser.add_argument("command", choices=("start", "stop"))
    parser.add_argument("--run-dir", type=Path, default=DEFAULT_RUN_DIR)
    parser.add_argument(
        "--port", type=int, default=None, help=f"nginx's port (default {DEFAULT_PORT}; 0: any)"
    )
    parser.add_argument("--database", default="qingdan_deploy", help="created when missing")
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL, as the owner")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers each")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)  # before create_app's: no start-up chatter
    run_dir = args.run_dir.resolve()
    if args.command == "stop":
        sys.exit(stop_topology(run_dir))
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        parser.error("--database: lower-case letters, digits and _ only")
    options = Options(
        run_dir,
        _nginx_port(args.port),
        args.database,
        args.server,
        args.redis_url,
        args.web_workers,
    )
    sys.exit(start_topology(options))


# --- start -----------------------------------------------------------------------------------


def start_topology(options: Options) -> int:
    state = read_state(options.run_dir)
    if state and all(p.alive() for p in processes(state)):
        click.echo(f"already running: {state['url']}  (deploy/stop ends it)")
        return 0
    if state:
        click.echo("some processes had ended: stopping the rest first")
        stop_topology(options.run_dir)
    started: list[Process] = []
    try:
        state = _start(options, started)
    except (RuntimeError, subprocess.CalledProcessError, SQLAlchemyError) as exc:
        click.echo(f"failed: {exc}", err=True)
        stop(started)
        (options.run_dir / "state.json").unlink(missing_ok=True)
        return 1
    _report(options.run_dir, state)
    return 0


def _start(options: Options, started: list[Process]) -> dict:
    """Prepare the database and the configs, start every process (appending each to
    ``started`` at once, for the caller to stop on failure) and wait until all answer."""
    run = options.run_dir
    for folder in ("logs/nginx", "attachments", "nginx/temp"):
        (run / folder).mkdir(parents=True, exist_ok=True)
    env = app_environment(options)
    _write_env_file(run / "env", env)
    create_database(options)
    click.echo(f"migrating {options.database} (qingdan init-db)")
    subprocess.run([_qingdan(), "init-db"], env=_child_env(env, "migrate"), check=True)

    ports = dict(zip(WEB, _free_ports(len(WEB)), strict=True))
    conf = _write_nginx_conf(run, options, [f"127.0.0.1:{p}" for p in ports.values()], env)
    subprocess.run([NGINX, "-t", "-q", "-p", str(run / "nginx"), "-c", str(conf)], check=True)

    url = f"http://127.0.0.1:{options.port}/"
    commands = {
        name: ["serve", "--host", "127.0.0.1", "--port", str(port)]
        + ["--workers", str(options.web_workers)]
        for name, port in ports.items()
    } | {name: ["worker"] for name in WORKERS}
    for name, command in commands.items():
        log = run / "logs" / f"{name}.log"
        started.append(spawn(name, [_qingdan(), *command], _child_env(env, name), log))
    nginx_argv = [NGINX, "-p", str(run / "nginx"), "-c", str(conf)]
    started.append(spawn("nginx", nginx_argv, os.environ.copy(), run / "logs" / "nginx.log"))
    state = {
        "url": url,
        "port": options.port,
        "web_ports": ports,
        "database": options.database,
        "redis_url": options.redis_url,
        "processes": {p.name: p.to_dict() for p in started},
    }
    _write_state(run, state)
    _wait_until_ready(started, [f"http://127.0.0.1:{p}/healthz" for p in ports.values()], url)
    _wait_for_workers(started, options.redis_url)
    return state


def app_environment(options: Options) -> dict[str, str]:
    """The QINGDAN_* variables every process of the topology shares."""
    owner = make_url(options.server).set(database=options.database)
    app = owner.set(username=APP_ROLE, password=None)
    return {
        "QINGDAN_DATABASE_OWNER_URL": owner.render_as_string(hide_password=False),
        "QINGDAN_DATABASE_URL": app.render_as_string(hide_password=False),
        "QINGDAN_REDIS_URL": options.redis_url,
        "QINGDAN_SECRET_KEY": _secret_key(options.run_dir),
        "QINGDAN_ATTACHMENTS_PATH": str(options.run_dir / "attachments"),
        "QINGDAN_INSTANCE_PATH": str(options.run_dir / "instance"),
        "QINGDAN_PROXIES": "1",
    }


def create_database(options: Options) -> None:
    """The topology's database, created when missing (its schema is ``qingdan init-db``'s)."""
    admin = create_engine(options.server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": options.database}
            ).scalar()
            if not exists:
                click.echo(f"creating database {options.database}")
                conn.execute(text(f'CREATE DATABASE "{options.database}"'))
    finally:
        admin.dispose()


def _child_env(env: dict[str, str], name: str) -> dict[str, str]:
    """The caller's environment (its other QINGDAN_* settings too) with the topology's
    variables; each process gets an instance folder of its own, as on its own server."""
    child = {k: v for k, v in os.environ.items() if not k.startswith("QINGDAN_TEST_")}
    child.update(env, QINGDAN_INSTANCE_PATH=str(Path(env["QINGDAN_INSTANCE_PATH"]) / name))
    return child


def _write_nginx_conf(run: Path, options: Options, upstreams: list[str], env) -> Path:
    from core.app import create_app
    from core.config import Config

    app = create_app(Config.from_env(_child_env(env, "nginx")))
    site = nginx.Site(
        upstreams=upstreams,
        static_mounts=nginx.static_mounts(app),
        body_mb=nginx.body_mb(app.config["QINGDAN"].attachment_max_mb),
        listen=f"127.0.0.1:{options.port}",
        server_name="localhost",
        pid=str(run / "nginx" / "nginx.pid"),
        log_dir=str(run / "logs" / "nginx"),
        temp_dir=str(run / "nginx" / "temp"),
        user=_user_when_root(),
        daemon=False,
    )
    conf = run / "nginx" / "nginx.conf"
    conf.write_text(nginx.render(site))
    return conf


def _wait_until_ready(started: list[Process], app_urls: list[str], url: str) -> None:
    """Until each app server and then nginx answer /healthz with 200 (database and Redis
    reached); a process that ends meanwhile fails the start at once."""
    deadline = time.monotonic() + START_SECONDS
    for target in [*app_urls, f"{url}healthz"]:
        while not _answers(target):
            ended = [p.name for p in started if not p.alive()]
            if ended:
                raise RuntimeError(f"{', '.join(ended)} ended; see {Path(started[0].log).parent}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{target} did not answer within {START_SECONDS} s")
            time.sleep(0.5)


def _wait_for_workers(started: list[Process], redis_url: str) -> None:
    """Until both rq workers have registered with Redis (by pid: a worker killed in an
    earlier run stays registered for some minutes)."""
    from redis import Redis
    from rq import Queue, Worker

    from core.jobs import QUEUE

    queue = Queue(QUEUE, connection=Redis.from_url(redis_url))
    ours = {p.pid for p in started if p.name in WORKERS}
    deadline = time.monotonic() + START_SECONDS
    while not ours <= {w.pid for w in Worker.all(queue=queue)}:
        if any(not p.alive() for p in started) or time.monotonic() > deadline:
            raise RuntimeError("the rq workers did not start; see logs/worker*.log")
        time.sleep(0.5)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _report(run: Path, state: dict) -> None:
    ports = ", ".join(f"{name} :{port}" for name, port in state["web_ports"].items())
    click.echo(f"Qingdan is running at {state['url']}")
    click.echo(f"  nginx :{state['port']} -> gunicorn {ports}; rq: {', '.join(WORKERS)}")
    click.echo(f"  database {state['database']}; logs in {run / 'logs'}")
    click.echo(f"  for qingdan commands: source {run / 'env'}; deploy/stop ends it all")


# --- stop ------------------------------------------------------------------------------------


def stop_topology(run_dir: Path) -> int:
    state = read_state(run_dir)
    if not state:
        click.echo("not running")
        return 0
    killed = stop(processes(state))
    (run_dir / "state.json").unlink()
    click.echo("stopped" + (f" (had to kill {', '.join(killed)})" if killed else ""))
    return 0


# --- the run directory ------------------------------------------------------------------------


def read_state(run_dir: Path) -> dict | None:
    """What ``deploy/run`` recorded of the running topology, or None."""
    path = run_dir / "state.json"
    return json.loads(path.read_text()) if path.exists() else None


def processes(state: dict) -> list[Process]:
    return [Process(**p) for p in state["processes"].values()]


def _write_state(run: Path, state: dict) -> None:
    temp = run / "state.json.part"
    temp.write_text(json.dumps(state, indent=2))
    temp.replace(run / "state.json")


def _write_env_file(path: Path, env: dict[str, str]) -> None:
    lines = [f"export {key}={shlex.quote(value)}" for key, value in env.items()]
    path.touch(mode=0o600)
    path.write_text("\n".join(lines) + "\n")


def _secret_key(run: Path) -> str:
    """One key for every app server (a session signed by one is read by the other), kept
    across restarts so signed-in users stay signed in."""
    path = run / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def _nginx_port(requested: int | None) -> int:
    """The port asked for; without one 8080, or any free port when 8080 is taken."""
    if requested is None:
        return DEFAULT_PORT if _port_free(DEFAULT_PORT) else _free_ports(1)[0]
    return requested or _free_ports(1)[0]


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _qingdan() -> str:
    return str(Path(sys.executable).with_name("qingdan"))


def _user_when_root() -> str | None:
    """nginx started as root hands its workers to ``user``: keep them ours, so they can
    read the checkout and write the run directory. Otherwise the directive only warns."""
    if os.geteuid() != 0:
        return None
    import grp
    import pwd

    return f"{pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name}"


if __name__ == "__main__":
    main()
