"""``make bench`` / ``python -m bench``: seed a county at each size, load the app, print one
table and write ``bench/results/latest.json`` (issue 9).

By default it makes a fresh database ``qingdan_bench``, starts ``qingdan serve --workers 2``
and two ``qingdan worker`` on it, and measures at 10,000 and then 100,000 cases. With
``--url`` (or ``BENCH_URL``) it loads an app already running on the same database (e.g. the
``deploy/`` stack) and leaves the database in place; it still starts its own rq workers, whose
memory it reads.
"""

from __future__ import annotations

import json
import math
import sys
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path

import click

if __package__ in (None, ""):  # run as a file: bench/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "bench"

from core.app import create_app  # noqa: E402
from core.config import Config  # noqa: E402
from core.public import page_cache  # noqa: E402

from . import database, inprocess, load, machine, memory, prepare, servers  # noqa: E402
from .report import ROUTES, add_ratios, finish, table  # noqa: E402

RESULTS = Path(__file__).parent / "results"
#: steps completed in-process first: the time per completion, and the size of the HTTP list
CALIBRATION_STEPS = 50
#: the most cases started for the completion load at one stage
MAX_STEPS = 20_000
REDIS = "redis://127.0.0.1:6379/5"
#: rq workers started, as many as ``deploy/`` runs: the sweep is shared out among them
RQ_WORKERS = 2


@click.command()
@click.option("--cases", default="10000,100000", show_default=True, help="county sizes, in order")
@click.option("--townships", default=20, show_default=True, help="of the seeded county")
@click.option("--villages", default=25, show_default=True, help="per township")
@click.option("--seconds", default=30.0, show_default=True, help="load time per route")
@click.option("--url", envvar="BENCH_URL", help="an app already running on the bench database")
@click.option("--server", default=database.SERVER, show_default=True, help="PostgreSQL")
@click.option("--database", "name", default=database.NAME, show_default=True, help="made afresh")
@click.option(
    "--fresh/--keep", default=None, help="drop and create the database (default: unless --url)"
)
@click.option("--redis", default=REDIS, show_default=True, help="for the rq worker")
@click.option("--workers", default=2, show_default=True, help="gunicorn workers started")
@click.option("--port", default=8731, show_default=True, help="of the app started")
@click.option("--threads", default=2, show_default=True, help="wrk threads")
@click.option("--connections", default=8, show_default=True, help="wrk connections")
@click.option(
    "--seeder",
    default="bench.seed:seed_county",
    show_default=True,
    help="module:function with seed_county's signature",
)
@click.option(
    "--out", type=click.Path(path_type=Path), default=RESULTS / "latest.json", show_default=True
)
def main(
    cases,
    townships,
    villages,
    seconds,
    url,
    server,
    name,
    fresh,
    redis,
    workers,
    port,
    threads,
    connections,
    seeder,
    out,
):
    """Measure Qingdan under load and print the figures against issue 9's targets."""
    sizes = [int(n.replace("_", "")) for n in cases.split(",")]
    db = database.urls(server, name)
    if fresh if fresh is not None else not url:
        click.echo(f"creating database {name} …")
        database.recreate(db)
    else:
        database.migrate(db)
    work = out.parent / "work"
    env = servers.environment(db.owner_url, db.app_url, redis, work / "instance")
    app = create_app(
        Config.from_env(
            environ={},
            instance_path=work / "instance",
            database_url=db.app_url,
            database_owner_url=db.owner_url,
            redis_url=redis,
            sweep_seconds=0,
        )
    )
    seed_county = _load(seeder)
    load_options = {"seconds": seconds, "threads": threads, "connections": connections}
    started: list[servers.Server] = []
    web = None
    workers_started: list[servers.Server] = []
    stages = []
    try:
        for size in sizes:
            click.echo(f"seeding {size:,} cases …")
            seeded = seed_county(
                db.owner_url,
                townships=townships,
                villages=villages,
                cases=size,
                progress=click.echo,
            )
            prepare.ensure_people(app)
            # the bulk path writes around the app's sessions, which would have said so
            page_cache.forget_every_page(app.extensions[page_cache.EXTENSION])
            if not workers_started:
                workers_started = [
                    servers.start_worker(env, work, n + 1) for n in range(RQ_WORKERS)
                ]
                started += workers_started
                if not url:
                    web = servers.start_web(env, port, workers, work)
                    started.append(web)
            stage = _stage(
                app,
                url or f"http://127.0.0.1:{port}",
                work,
                [w.pid for w in workers_started],
                load_options,
            )
            stages.append(
                {
                    "cases": size,
                    "seed_seconds": _seed_seconds(seeded),
                    "seed": _plain(seeded),
                    **stage,
                }
            )
        web_mb = [memory.vmhwm_mb(pid) for pid in servers.web_workers(web)] if web else []
    finally:
        for process in reversed(started):
            process.stop()
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine.describe(db.owner_url),
        "settings": {
            "cases": sizes,
            "townships": townships,
            "villages_per_township": villages,
            "url": url,
            "database": name,
            "gunicorn_workers": None if url else workers,
            **load_options,
        },
        "stages": stages,
        "memory": {
            "web_workers_mb": [round(mb, 1) for mb in web_mb if mb is not None],
            "rq_worker_mb": memory.highest(s["rq_sweep"]["worker_mb"] for s in stages),
            "rq_job_mb": memory.highest(s["rq_sweep"]["job_mb"] for s in stages),
        },
    }
    finish(result)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    click.echo(table(result))
    click.echo(f"\nwritten to {out}")


def _stage(app, url: str, work: Path, worker_pids: list[int], options: dict) -> dict:
    """Every measurement at the county's current size."""
    lists = prepare.page_lists(app)
    staff = prepare.staff_pages(app)
    cookie = {"Cookie": load.sign_in(url, prepare.STAFF, prepare.PASSWORD)}
    pages = {
        "baseline": (["/livez"], {}),
        "village": (lists["village"], {}),
        "case": (lists["case"], {}),
        "todo": ([staff["todo"]], cookie),
        "catalog": ([staff["catalog"]], cookie),
    }
    routes = {}
    for route, (paths, headers) in pages.items():
        click.echo(f"loading {route} ({len(paths)} paths) …")
        load.check_ok(url, paths[0], headers)
        load.visit_each(url, paths, headers)
        listing = load.write_list(work / f"{route}.txt", [("GET", p) for p in paths])
        routes[route] = {"path": paths[0], "paths": len(paths)}
        routes[route] |= load.run_wrk(url, listing, **options, headers=headers)
    click.echo("rendering public pages in-process, none kept …")
    renders = inprocess.render_pages(app, lists)
    click.echo("completing steps in-process …")
    completion = inprocess.complete_steps(app, prepare.open_steps(app, CALIBRATION_STEPS))
    click.echo("sweeping in-process …")
    sweep = prepare.open_counts(app) | inprocess.time_sweep(app)
    click.echo(f"sweeping in {len(worker_pids)} rq workers …")
    rq_sweep = inprocess.sweep_in_workers(app, worker_pids)
    count = planned_steps(completion["ms_per_completion"], options)
    click.echo(f"starting {count:,} cases to complete through the API …")
    steps = prepare.open_steps(app, count)
    token_of = prepare.tokens(app, {s.user_id for s in steps})
    listing = load.write_list(work / "complete_step.txt", prepare.completion_lines(steps, token_of))
    routes["complete_step"] = {"path": steps[0].path, "paths": len(steps)}
    routes["complete_step"] |= load.run_wrk(url, listing, **options, once=True)
    return {
        "routes": add_ratios({r: routes[r] for r in ROUTES}),
        "renders": renders,
        "completion": completion,
        "sweep": sweep,
        "rq_sweep": rq_sweep,
    }


def planned_steps(ms_per_completion: float, options: dict) -> int:
    """Open steps enough for the load: no connection completes steps faster than one at the
    in-process pace (HTTP only adds to it), plus a fifth. The load runs last in a stage, so
    the cases it leaves open are measured only by the next, larger stage."""
    per_second = options["connections"] * 1000 / max(ms_per_completion, 0.1)
    return min(MAX_STEPS, math.ceil(1.2 * per_second * options["seconds"]) + 20)


def _load(spec: str):
    module, _, function = spec.partition(":")
    return getattr(import_module(module), function)


def _seed_seconds(figures) -> float | None:
    seconds = getattr(figures, "seconds", None)
    return round(seconds, 1) if seconds is not None else None


def _plain(figures) -> dict:
    """The seeder's figures as JSON data, whatever shape it returns them in."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(figures):
        return asdict(figures)
    return dict(figures) if isinstance(figures, dict) else {"value": repr(figures)}


if __name__ == "__main__":
    main()
