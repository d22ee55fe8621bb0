"""What is timed inside the bench's own process rather than through HTTP: completing steps
(and, within that, the warning rules evaluated on each completion), the sweep over every
open step and notice, and the same sweep as an rq job in ``qingdan worker``."""

from __future__ import annotations

import time
from contextlib import contextmanager

from flask import Flask

from core import audit, db, jobs, rules
from core.auth.access import data_scope
from core.auth.models import User
from core.workflow import engine
from core.workflow.models import Case
from core.workflow.sweep import sweep
from core.workflow.sweep_clock import JOB as SWEEP_JOB

from .memory import TreePeak
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


def sweep_in_worker(app: Flask, worker_pid: int, timeout: float = 1800) -> dict:
    """Enqueue the sweep for ``qingdan worker`` and wait for it; the worker's peak memory and
    that of the process it forked for the job."""
    peak = TreePeak(worker_pid)
    peak.start()
    try:
        with app.app_context():
            job = jobs.enqueue(SWEEP_JOB, tenant_id=None)
        start = time.perf_counter()
        while job.get_status(refresh=True) not in ("finished", "failed", "stopped", "canceled"):
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"the sweep job did not end within {timeout:.0f} s")
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        status = job.get_status()
    finally:
        peak.stop()
    return {
        "seconds": round(seconds, 3),
        "status": str(getattr(status, "value", status)),
        "worker_mb": peak.own and round(peak.own, 1),
        "job_mb": peak.children and round(peak.children, 1),
    }
