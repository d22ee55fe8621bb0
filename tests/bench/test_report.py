"""The bench's own logic: wrk's figures read back, ratios, growth, targets and their
verdicts, the table and the JSON's shape. (Timing never appears in an assertion: these are
made-up figures.)"""

import json

import pytest

from bench.memory import parse_vmhwm
from bench.report import ROUTE_FIGURES, ROUTES, Target, add_ratios, finish, growth, parse_wrk, table
from bench.run import MAX_STEPS, planned_steps

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8731
  2 threads and 8 connections
Requests/sec:    500.00
BENCH {"requests": 5000, "duration_us": 10000000, "bytes": 1, "p50_us": 12500, "p95_us": 40000, \
"p99_us": 61000, "mean_us": 15000.0, "max_us": 90000, "exhausted_threads": 0, \
"errors": {"connect": 0, "read": 1, "write": 0, "status": 2, "timeout": 0}}
"""


def test_wrk_figures_are_read_from_the_bench_line():
    figures = parse_wrk(WRK_OUTPUT)
    assert figures["rps"] == 500.0
    assert (figures["p50_ms"], figures["p95_ms"], figures["p99_ms"]) == (12.5, 40.0, 61.0)
    assert figures["errors"] == 3
    assert figures["exhausted"] is False


def test_a_list_that_ran_out_is_flagged():
    assert parse_wrk(WRK_OUTPUT.replace('"exhausted_threads": 0', '"exhausted_threads": 1'))[
        "exhausted"
    ]


def test_output_without_the_bench_line_is_refused():
    with pytest.raises(ValueError, match="no BENCH line"):
        parse_wrk("Running 10s test\nunable to connect to 127.0.0.1:8731\n")


def test_each_route_is_a_share_of_the_baseline():
    routes = add_ratios({"baseline": {"rps": 2000.0}, "village": {"rps": 500.0}})
    assert routes["baseline"]["ratio"] == 1.0
    assert routes["village"]["ratio"] == 0.25


def test_growth_is_the_cost_per_request_from_first_to_last_stage():
    first = {"village": {"rps": 100.0, "p95_ms": 20.0}}
    last = {"village": {"rps": 80.0, "p95_ms": 30.0}}
    change = growth(first, last)["village"]
    assert change["cost"] == pytest.approx(0.25)  # 1/80 is 25% more than 1/100
    assert change["p95"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("figure", "limit", "at_least", "met"),
    [
        (0.3, 0.3, True, True),
        (0.29, 0.3, True, False),
        (49.9, 50, False, True),
        (50, 50, False, False),
    ],
)
def test_a_target_is_met_at_least_or_below_its_limit(figure, limit, at_least, met):
    assert Target("t", figure, limit, at_least).met is met


def test_a_target_without_a_figure_has_no_verdict():
    assert Target("t", None, 200, False).met is None


def stage(cases, rps, p95=20.0, sweep_seconds=1.0):
    """A stage as run.py records it, with ``rps`` per route."""
    routes = {
        route: {
            "path": "/x",
            "paths": 1,
            "requests": 100,
            "seconds": 1.0,
            "rps": rps[route],
            "p50_ms": p95 / 2,
            "p95_ms": p95,
            "p99_ms": p95 * 2,
            "errors": 0,
            "exhausted": False,
        }
        for route in ROUTES
    }
    return {
        "cases": cases,
        "seed_seconds": 1.0,
        "seed": {},
        "routes": add_ratios(routes),
        "renders": {"village_ms": 30.0, "case_ms": 8.0},
        "completion": {
            "completions": 50,
            "ms_per_completion": 30.0,
            "rules_ms_per_completion": 10.0,
        },
        "sweep": {
            "cases": cases,
            "open_cases": cases,
            "open_notices": 3,
            "seconds": 9.0,
            "report": {},
        },
        "rq_sweep": {
            "seconds": sweep_seconds,
            "workers": 2,
            "tenant_jobs": 21,
            "unfinished": 0,
            "worker_mb": 120.0,
            "job_mb": 130.0,
        },
    }


def result(*stages, web_mb=(150.0, 160.0)):
    return {
        "date": "2026-12-06T00:00:00+00:00",
        "machine": {"cores": 2, "memory_gb": 24.0, "cpu": "CPU", "postgresql": "15.20"},
        "settings": {},
        "stages": list(stages),
        "memory": {"web_workers_mb": list(web_mb), "rq_worker_mb": 120.0, "rq_job_mb": 130.0},
    }


FAST = {
    "baseline": 1000.0,
    "village": 400.0,
    "case": 500.0,
    "todo": 300.0,
    "catalog": 300.0,
    "complete_step": 150.0,
}


def verdicts(run: dict) -> dict[str, bool | None]:
    return {t["name"]: t["met"] for t in run["targets"]}


def test_targets_are_judged_on_the_largest_county():
    slow = FAST | {"village": 200.0}  # 20% of the baseline
    run = finish(result(stage(10_000, FAST), stage(100_000, slow, sweep_seconds=6.0)))
    found = verdicts(run)
    assert found["village page ≥ 30% of baseline (100,000 cases)"] is False
    assert found["case page ≥ 30% of baseline (100,000 cases)"] is True
    assert found["step completion ≥ 10% of baseline (100,000 cases)"] is True
    assert found["village page (public) cost growth 10,000 → 100,000 ≤ 20%"] is False
    assert found["case page (public) cost growth 10,000 → 100,000 ≤ 20%"] is True
    assert found["sweep < 5 s (100,000 cases)"] is False
    assert found["web worker peak memory < 200 MB"] is True


def test_the_sweep_is_judged_as_the_rq_workers_share_it_out():
    run = finish(result(stage(10_000, FAST), stage(100_000, FAST, sweep_seconds=4.0)))
    assert verdicts(run)["sweep < 5 s (100,000 cases)"] is True  # 9 s in one process


def test_one_stage_has_no_growth_targets():
    run = finish(result(stage(50, FAST)))
    assert run["growth"] == {}
    assert not [name for name in verdicts(run) if "growth" in name]


def test_web_memory_over_the_limit_is_missed_and_unmeasured_memory_has_no_verdict():
    assert (
        verdicts(finish(result(stage(50, FAST), web_mb=(150.0, 210.0))))[
            "web worker peak memory < 200 MB"
        ]
        is False
    )
    assert (
        verdicts(finish(result(stage(50, FAST), web_mb=())))["web worker peak memory < 200 MB"]
        is None
    )


def test_the_json_holds_every_figure():
    run = json.loads(json.dumps(finish(result(stage(10_000, FAST), stage(100_000, FAST)))))
    assert set(run) == {"date", "machine", "settings", "stages", "memory", "growth", "targets"}
    for figures in run["stages"][-1]["routes"].values():
        assert set(ROUTE_FIGURES) <= set(figures) and "ratio" in figures
    assert set(run["growth"]) == set(ROUTES)
    assert all({"name", "figure", "limit", "met"} <= set(t) for t in run["targets"])


def test_the_table_prints_each_route_and_each_verdict():
    slow = FAST | {"case": 100.0}
    printed = table(finish(result(stage(10_000, FAST), stage(100_000, slow))))
    assert "case page (public)" in printed and "step completion (API)" in printed
    assert "MISSED case page ≥ 30% of baseline (100,000 cases)" in " ".join(printed.split())
    assert "met" in printed


def test_peak_memory_is_read_from_proc_status():
    status = "Name:\tgunicorn\nVmPeak:\t  300000 kB\nVmHWM:\t  153600 kB\nVmRSS:\t  100000 kB\n"
    assert parse_vmhwm(status) == 150.0
    assert parse_vmhwm("Name:\tkthreadd\n") is None


def test_the_completion_list_grows_with_the_load_and_is_capped():
    options = {"connections": 8, "seconds": 10}
    assert planned_steps(40.0, options) > planned_steps(80.0, options)
    assert planned_steps(40.0, options) >= 8 * 10 * 1000 / 40  # one connection's most, each
    assert planned_steps(0.001, options) == MAX_STEPS
