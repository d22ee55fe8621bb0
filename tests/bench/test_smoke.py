"""The whole bench end to end at a tiny size: it seeds, serves, loads every route, sweeps in
process and in an rq worker, and writes a JSON that holds every figure."""

import json
import os
import socket

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench.report import ROUTE_FIGURES, ROUTES

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def bench_database():
    """A database name of this session's own, dropped afterwards."""
    name = f"qingdan_bench_smoke_{os.getpid()}"
    yield name
    admin = create_engine(
        os.environ["QINGDAN_TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_a_tiny_bench_writes_every_figure(tmp_path, bench_database):
    pytest.importorskip("bench.seed", reason="bench/seed.py (the county seeder) is not there yet")
    from bench.run import main

    out = tmp_path / "latest.json"
    args = ["--cases", "30,50", "--townships", "2", "--villages", "3", "--seconds", "1"]
    args += ["--database", bench_database]
    args += ["--server", os.environ["QINGDAN_TEST_DATABASE_URL"]]
    args += ["--redis", os.environ["QINGDAN_TEST_REDIS_URL"], "--port", str(free_port())]
    outcome = CliRunner().invoke(main, [*args, "--out", str(out)], catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    run = json.loads(out.read_text("utf-8"))
    assert [s["cases"] for s in run["stages"]] == [30, 50]
    for stage in run["stages"]:
        assert set(stage["routes"]) == set(ROUTES)
        for route, figures in stage["routes"].items():
            # how many requests a second of load gets through is timing: only the shape counts
            assert set(ROUTE_FIGURES) | {"ratio", "exhausted"} <= set(figures), route
            assert figures["errors"] == 0, (route, figures)
        assert stage["renders"]["village_ms"] > 0 and stage["renders"]["case_ms"] > 0
        assert stage["completion"]["completions"] > 0
        assert stage["sweep"]["seconds"] is not None and stage["sweep"]["report"]["failed"] == []
        shared = stage["rq_sweep"]
        assert shared["workers"] == 2 and shared["tenant_jobs"] == 3  # the county, 2 townships
        assert shared["unfinished"] == 0 and shared["job_mb"] > 0
        assert stage["seed_seconds"] is not None
    assert len(run["memory"]["web_workers_mb"]) == 2 and run["memory"]["rq_worker_mb"] > 0
    assert set(run["growth"]) == set(ROUTES)
    assert {"cores", "memory_gb", "cpu", "postgresql"} <= set(run["machine"])
    assert all({"name", "figure", "limit", "met"} <= set(t) for t in run["targets"])
    assert "targets" in outcome.output
