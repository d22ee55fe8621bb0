"""The sweep on its own: enqueued by rq workers with Redis, a timer in the web process without."""

import os
import threading
import time

import pytest
from sqlalchemy import select

from core import db, jobs
from core.app import create_app
from core.config import Config
from core.rules.models import Warning
from core.workflow import sweep_clock
from core.workflow.sweep import TENANT_JOB, SweepReport
from tenants.models import Tenant
from tests.core.workflow import test_sweep
from tests.core.workflow.test_sweep import completions, overdue_step, state

notice_running = test_sweep.notice_running  # a fixture, shared


@pytest.fixture
def redis_env(qingdan_config, monkeypatch):
    """Redis configured for the app and for the jobs an rq worker builds its app for."""
    url = os.environ["QINGDAN_TEST_REDIS_URL"]
    monkeypatch.setenv("QINGDAN_DATABASE_URL", qingdan_config.database_url)
    monkeypatch.setenv("QINGDAN_INSTANCE_PATH", str(qingdan_config.instance_path))
    monkeypatch.setenv("QINGDAN_REDIS_URL", url)
    qingdan_config.redis_url = url
    connection = jobs.redis_connection(url)
    connection.delete(sweep_clock.CLAIM_KEY)
    from rq import Queue

    queue = Queue(jobs.QUEUE, connection=connection)
    queue.empty()
    yield connection, queue
    connection.delete(sweep_clock.CLAIM_KEY)
    queue.empty()


def sweep_through_rq(app, connection, queue) -> dict:
    """Enqueue the clock's sweep job, let an rq worker run it and the tenant jobs it shares
    out, and add up the tenants' reports."""
    from rq import SimpleWorker

    with app.test_request_context():
        job = jobs.enqueue(sweep_clock.JOB, tenant_id=None)
    SimpleWorker([queue], connection=connection).work(burst=True)
    return tenant_reports(queue, job.return_value(refresh=True)["tenant_jobs"]).as_dict()


def tenant_reports(queue, job_ids) -> SweepReport:
    """The sum of the reports of the tenants' sweep jobs among ``job_ids``."""
    report = SweepReport()
    for job in map(queue.fetch_job, job_ids):
        if job.args[0] == TENANT_JOB:
            report.merge(SweepReport(**job.return_value()))
    return report


@pytest.mark.redis
def test_with_redis_an_rq_worker_closes_the_notice_and_warns_once_however_often_it_runs(
    app, redis_env, notice_running, api, works, sess
):
    """Issue 4, must show 6, with Redis: the sweep job enqueued and run by an rq worker."""
    connection, queue = redis_env
    created = notice_running()
    overdue_step(sess, api, works)
    results = [sweep_through_rq(app, connection, queue) for _ in range(2)]
    assert [r["notices_closed"] for r in results] == [1, 0]
    assert [r["warnings_opened"] for r in results] == [1, 0]
    assert state(sess, created["id"])[1].status == "closed"
    assert completions(sess, created["id"]) == 1
    assert len(sess.scalars(select(Warning).where(Warning.rule == "overdue_step")).all()) == 1


@pytest.mark.redis
def test_the_sweep_is_shared_out_as_one_job_per_tenant(app, redis_env, world, sess):
    from rq import SimpleWorker

    connection, queue = redis_env
    with app.test_request_context():
        jobs.enqueue(sweep_clock.JOB, tenant_id=None)
    SimpleWorker([queue], connection=connection).work(burst=True, max_jobs=1)
    with db.system_scope(sess):
        tenants = sess.scalars(select(Tenant.id).order_by(Tenant.id)).all()
    assert len(tenants) > 1
    assert [(job.args[0], job.args[1]) for job in queue.jobs] == [
        (TENANT_JOB, tenant_id) for tenant_id in tenants
    ]


@pytest.mark.redis
def test_one_worker_a_period_enqueues_the_sweep(app, redis_env):
    connection, queue = redis_env
    clocks = [sweep_clock.worker_clock(app) for _ in range(3)]  # three workers' clocks
    for clock in clocks:
        clock.tick()
    assert queue.count == 1
    assert queue.jobs[0].args[0] == sweep_clock.JOB


@pytest.mark.redis
def test_the_claim_passes_on_when_its_period_ends(redis_env):
    connection, _queue = redis_env
    assert sweep_clock.claim_period(connection, 1, "worker-a")
    assert not sweep_clock.claim_period(connection, 1, "worker-b")
    time.sleep(1.1)
    assert sweep_clock.claim_period(connection, 1, "worker-b")


def test_no_timer_under_test_or_with_redis(qingdan_config):
    for overrides in ({"testing": True}, {"testing": False, "redis_url": "redis://nowhere"}):
        config = Config.from_env(environ={}, **{**vars(qingdan_config), **overrides})
        app = create_app(config)
        with app.test_client() as client:
            client.get("/healthz")
        assert not [t for t in threading.enumerate() if t.name == "qingdan-sweep-timer"]


def test_without_redis_the_web_process_sweeps_from_its_first_request(
    qingdan_config, notice_running, sess
):
    created = notice_running()
    config = Config.from_env(
        environ={}, **{**vars(qingdan_config), "testing": False, "sweep_seconds": 1}
    )
    app = create_app(config)
    assert not [t for t in threading.enumerate() if t.name == "qingdan-sweep-timer"]
    app.test_client().get("/healthz")
    [timer] = [t for t in threading.enumerate() if t.name == "qingdan-sweep-timer"]
    try:
        for _ in range(100):
            if state(sess, created["id"])[1].status == "closed":
                break
            time.sleep(0.1)
        assert state(sess, created["id"])[1].status == "closed"
    finally:
        timer.stop()
        timer.join(5)


def test_only_one_process_leads_the_web_sweep(tmp_path):
    first = sweep_clock.FileLeadership(tmp_path / "sweep.lock")
    second = sweep_clock.FileLeadership(tmp_path / "sweep.lock")  # as another process would
    assert first.held()
    assert not second.held()
    assert first.held()
