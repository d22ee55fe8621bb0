"""Fault: the rq worker is killed in the middle of the sweep (issue 10).

A real ``qingdan worker --burst`` takes the sweep job and then the tenants' jobs it shares
out; the test holds a row lock (as the schema owner) on the case of the second of three
notices whose days are over, so the tenant's job closes the first notice and then waits,
mid-job, inside the transaction of the second. The worker and its work horse are killed
there. The next sweep must finish the work: every notice closed and its step completed
exactly once, the overdue step warned about exactly once, and the audit chain still verifying.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from core import db, jobs
from core.audit.models import AuditEvent
from core.cli import main
from core.rules.models import Warning
from core.workflow import sweep_clock
from core.workflow.models import Notice, StepRun
from tests.core.workflow import test_sweep
from tests.core.workflow.test_sweep import completions, overdue_step, state
from tests.core.workflow.test_sweep_scheduling import tenant_reports

notice_running = test_sweep.notice_running  # a fixture, shared

QINGDAN = str(Path(sys.executable).with_name("qingdan"))
#: how long the worker may take to reach the lock, or to finish a sweep (seconds)
PATIENCE = 90


@pytest.fixture
def worker_env(qingdan_config, qingdan_database):
    """The environment of a ``qingdan`` subprocess on the test database and Redis."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QINGDAN_")}
    env.update(
        QINGDAN_DATABASE_URL=qingdan_database.app_url,
        QINGDAN_DATABASE_OWNER_URL=qingdan_database.owner_url,
        QINGDAN_INSTANCE_PATH=str(qingdan_config.instance_path),
        QINGDAN_SECRET_KEY=qingdan_config.secret_key,
        QINGDAN_REDIS_URL=os.environ["QINGDAN_TEST_REDIS_URL"],
    )
    return env


@pytest.fixture
def queue(worker_env, qingdan_config):
    """The app's job queue on the test Redis, empty before and after, with no job left in
    its registries."""
    from rq import Queue

    qingdan_config.redis_url = worker_env["QINGDAN_REDIS_URL"]
    connection = jobs.redis_connection(qingdan_config.redis_url)
    queue = Queue(jobs.QUEUE, connection=connection)
    _clear(queue)
    yield queue
    _clear(queue)


def _clear(queue) -> None:
    """Leave no job behind: a killed job would stay "started", then be counted as failed."""
    queue.empty()
    for registry in (
        queue.started_job_registry,
        queue.failed_job_registry,
        queue.finished_job_registry,
    ):
        for job_id in registry.get_job_ids(cleanup=False):
            job = queue.fetch_job(job_id)
            if job is not None:
                job.delete()
        queue.connection.delete(registry.key)


@pytest.fixture
def owner(qingdan_database):
    """An engine of the schema owner, past row-level security."""
    engine = db.make_engine(qingdan_database.owner_url)
    yield engine
    engine.dispose()


@pytest.fixture
def lock_case(owner):
    """``lock_case(case_id)``: a connection holding a row lock on the case until it is
    closed — at the latest when the test ends, before the tables are emptied."""
    held = []

    def lock(case_id: int):
        conn = owner.connect()
        held.append(conn)
        conn.begin()
        conn.execute(text("SELECT id FROM cases WHERE id = :id FOR UPDATE"), {"id": case_id})
        return conn

    yield lock
    for conn in held:
        conn.close()


@pytest.mark.postgres
@pytest.mark.redis
def test_a_sweep_killed_mid_job_is_finished_by_the_next_with_nothing_done_twice(
    app, notice_running, api, works, sess, queue, worker_env, owner, lock_case
):
    created = [notice_running() for _ in range(3)]
    overdue_step(sess, api, works)
    lock = lock_case(created[1]["id"])
    with app.test_request_context():
        killed_job = jobs.enqueue(sweep_clock.JOB, tenant_id=None)
    worker = subprocess.Popen(
        [QINGDAN, "worker", "--burst"],
        env=worker_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(lambda: _count(owner, WAITING), "the sweep job to wait on the case lock")
        assert [state(sess, c["id"])[1].status for c in created] == ["closed", "open", "open"]
        assert _children(worker.pid), "the worker runs the job in no work horse"
    finally:
        _kill_with_children(worker)
        output, _ = worker.communicate(timeout=10)
    lock.close()
    _wait_for(lambda: not _count(owner, SWEEP_LOCKED), "the killed job's transaction to end")
    assert [state(sess, c["id"])[1].status for c in created] == ["closed", "open", "open"]
    tenant_id = sess.scalar(select(Notice.tenant_id).where(Notice.id == created[1]["id"]))
    assert _tenant_job(queue, killed_job, tenant_id).get_status(refresh=True) != "finished"

    earlier = set(queue.finished_job_registry.get_job_ids())
    with app.test_request_context():
        jobs.enqueue(sweep_clock.JOB, tenant_id=None)
    finished = subprocess.run(
        [QINGDAN, "worker", "--burst"],
        env=worker_env,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    # the first sweep's tenant jobs still queued, and the second sweep's
    result = tenant_reports(queue, set(queue.finished_job_registry.get_job_ids()) - earlier)
    assert (result.notices_closed, result.warnings_opened, result.failed) == (2, 1, [])
    for case in created:
        closed_case, notice = state(sess, case["id"])
        assert (notice.status, closed_case.status) == ("closed", "completed")
        assert completions(sess, case["id"]) == 1
        runs = select(func.count(StepRun.id)).where(
            StepRun.case_id == case["id"], StepRun.step_key == "notice"
        )
        assert sess.scalar(runs) == 1
    assert sess.scalar(select(func.count(Notice.id)).where(Notice.status == "open")) == 0
    assert sess.scalar(select(func.count(Warning.id)).where(Warning.rule == "overdue_step")) == 1
    opened = select(func.count(AuditEvent.id)).where(AuditEvent.action == "warning.opened")
    assert sess.scalar(opened.where(AuditEvent.payload["rule"].as_string() == "overdue_step")) == 1
    verified = CliRunner().invoke(main, ["audit", "verify"], env=worker_env)
    assert verified.exit_code == 0, verified.output
    assert verified.output.startswith("审计链完整")


#: sessions of this database waiting for a lock (the sweep job, on the case)
WAITING = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
    " AND wait_event_type = 'Lock'"
)
#: transactions of the sweep still holding a tenant's sweep lock (an advisory lock)
SWEEP_LOCKED = (
    "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
    " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()"
)


def _count(owner, query: str) -> int:
    """``query``'s count, read in a transaction of its own (PostgreSQL keeps one snapshot of
    its activity statistics for a whole transaction)."""
    with owner.connect() as conn:
        return conn.execute(text(query)).scalar()


def _tenant_job(queue, sweep_job, tenant_id: int):
    """The job ``sweep_job`` enqueued for ``tenant_id`` (rq's arguments: the job's function,
    then its tenant)."""
    enqueued = (queue.fetch_job(job_id) for job_id in sweep_job.return_value()["tenant_jobs"])
    return next(job for job in enqueued if job.args[1] == tenant_id)


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in found.stdout.split()]


def _kill_with_children(worker: subprocess.Popen) -> None:
    """SIGKILL the worker and its children (the work horse, rq's scheduler): no clean-up."""
    for pid in (worker.pid, *_children(worker.pid)):
        with contextlib.suppress(ProcessLookupError):  # gone already
            os.kill(pid, signal.SIGKILL)


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)
