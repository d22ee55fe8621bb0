"""What is timed inside the bench's own process rather than through HTTP: rendering the
public pages afresh (the load measures them kept), completing steps (and, within that, the
warning rules evaluated on each completion), the sweep over every open step and notice, and
the same sweep as an rq job in ``qingdan worker``."""

from __future__ import annotations

import time
from contextlib import contextmanager

from flask import Flask
from rq.job import Job

from core import audit, db, jobs, rules
from core.auth.access import data_scope
from core.auth.models import User
from core.workflow import engine
from core.workflow.models import Case
from core.workflow.sweep import sweep
from core.workflow.sweep_clock import JOB as SWEEP_JOB

from .memory import TreePeak, highest
from .prepare import OpenStep


@contextmanager
def _timing_rules(totals: list[float]):
    """Add the time of every ``rules.on_step_completed`` call (the engine calls it by
    attribute on each completion) to ``totals``."""
    original = rules.on_step_completed

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            totals.append(time.perf_counter() - start)

    rules.on_step_completed = timed
    try:
        yield
    finally:
        rules.on_step_completed = original


#: pages of each kind rendered afresh
RENDERS = 100


def render_pages(app: Flask, lists: dict[str, list[str]]) -> dict:
    """Milliseconds per village and per case page rendered with nothing kept: what a visitor
    waits for the first time after their township changed."""
    config = app.config["QINGDAN"]
    kept, config.public_cache_seconds = config.public_cache_seconds, 0
    client = app.test_client()
    found = {}
    try:
        for kind in ("village", "case"):
            paths = lists[kind][:RENDERS]
            start = time.perf_counter()
            for path in paths:
                response = client.get(path)
                if response.status_code != 200:
                    raise RuntimeError(f"{path} answered {response.status_code}")
            found[f"{kind}_ms"] = round((time.perf_counter() - start) / len(paths) * 1000, 2)
    finally:
        config.public_cache_seconds = kept
    return found


def complete_steps(app: Flask, steps: list[OpenStep]) -> dict:
    """Complete each step as its holder would through the API (a session scoped to the
    tenant, one transaction each); time per completion and the rules' share of it."""
    rule_times: list[float] = []
    start = time.perf_counter()
    with app.app_context(), _timing_rules(rule_times):
        for step in steps:
            sess = app.extensions["qingdan.sessionmaker"]()
            try:
                with db.system_scope(sess):
                    user = sess.get(User, step.user_id)
                    tenant_id = sess.get(Case, step.case_id).tenant_id
                db.set_scope(sess, data_scope({tenant_id}))
                audit.set_actor(sess, user)
                case = sess.get(Case, step.case_id)
                engine.complete_step(sess, case, step.step_key, user, step.data)
                sess.commit()
            finally:
                sess.close()
    seconds = time.perf_counter() - start
    n = len(steps)
    return {
        "completions": n,
        "ms_per_completion": round(seconds / n * 1000, 2),
        "rules_ms_per_completion": round(sum(rule_times) / n * 1000, 2),
    }


def time_sweep(app: Flask) -> dict:
    with app.app_context():
        start = time.perf_counter()
        report = sweep(app.extensions["qingdan.sessionmaker"])
        seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "report": report.as_dict()}


def sweep_in_workers(app: Flask, worker_pids: list[int], timeout: float = 1800) -> dict:
    """Enqueue the sweep as the workers' clock does and wait until it and every tenant's job
    it shared out have ended; the workers' peak memory and that of the processes they forked
    for the jobs."""
    peaks = [TreePeak(pid) for pid in worker_pids]
    for peak in peaks:
        peak.start()
    try:
        with app.app_context():
            start = time.perf_counter()
            fan_out = jobs.enqueue(SWEEP_JOB, tenant_id=None)
            _wait(fan_out, start + timeout)
            tenant_jobs = [
                Job.fetch(job_id, connection=fan_out.connection)
                for job_id in fan_out.return_value()["tenant_jobs"]
            ]
            for job in tenant_jobs:
                _wait(job, start + timeout)
        seconds = time.perf_counter() - start
    finally:
        for peak in peaks:
            peak.stop()
    statuses = [str(getattr(s, "value", s)) for s in (j.get_status() for j in tenant_jobs)]
    return {
        "seconds": round(seconds, 3),
        "workers": len(worker_pids),
        "tenant_jobs": len(tenant_jobs),
        "unfinished": sum(status != "finished" for status in statuses),
        "worker_mb": highest(peak.own for peak in peaks),
        "job_mb": highest(peak.children for peak in peaks),
    }


def _wait(job: Job, deadline: float) -> None:
    while job.get_status(refresh=True) not in ("finished", "failed", "stopped", "canceled"):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"sweep job {job.id} did not end in time")
        time.sleep(0.05)
