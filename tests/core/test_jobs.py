"""Background jobs: in-process without Redis, through rq with it; always scoped to a tenant."""

import pytest
from sqlalchemy import select

from core import db, jobs
from tenants.models import Village
from tenants.operations import set_enabled_plugins


def name_villages(sess, tenant_id, prefix):
    """A job: renames every village it can see, and reports how many that was."""
    villages = sess.scalars(select(Village)).all()
    for village in villages:
        village.name = f"{prefix}{village.name}"
    return len(villages)


JOB = f"{__name__}.name_villages"


def test_in_process_job_sees_only_its_tenant(app, world, sess):
    with app.test_request_context():
        assert jobs.enqueue(JOB, tenant_id=world.a1.id, prefix="新") == 2
    sess.expire_all()
    assert sess.get(Village, world.villages.a1x.id).name == "新甲一村"
    assert sess.get(Village, world.villages.a2x.id).name == "乙一村"


def test_a_worker_runs_its_jobs_in_the_app_it_built(app, world, sess, monkeypatch):
    def build_another():
        raise AssertionError("a job built an app of its own")

    monkeypatch.setattr("core.app.create_app", build_another)
    monkeypatch.setattr(jobs, "_worker_app", None)
    jobs.serve_jobs_with(app)
    assert jobs.run_job(JOB, world.a1.id, None, {"prefix": "新"}) == 2
    sess.expire_all()
    assert sess.get(Village, world.villages.a1x.id).name == "新甲一村"


def test_a_plugin_job_is_dropped_where_the_plugin_is_off(app, world, sess):
    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "relief"])
    sess.commit()
    with app.test_request_context():
        assert jobs.enqueue(JOB, tenant_id=world.a1.id, plugin="relief", prefix="新") is None
        assert jobs.enqueue(JOB, tenant_id=world.a2.id, plugin="relief", prefix="新") == 1


def test_the_request_scope_is_untouched_by_an_in_process_job(app, world):
    with app.test_request_context():
        db.set_scope(db.session(), [world.a2.id])
        jobs.enqueue(JOB, tenant_id=world.a1.id, prefix="新")
        assert db.current_scope() == (world.a2.id,)


@pytest.mark.redis
def test_rq_worker_runs_the_job_in_its_tenant(app, world, sess, qingdan_config, monkeypatch):
    import os

    from rq import Queue, SimpleWorker

    redis_url = os.environ["QINGDAN_TEST_REDIS_URL"]
    monkeypatch.setenv("QINGDAN_DATABASE_URL", qingdan_config.database_url)
    monkeypatch.setenv("QINGDAN_INSTANCE_PATH", str(qingdan_config.instance_path))
    monkeypatch.setenv("QINGDAN_REDIS_URL", redis_url)
    qingdan_config.redis_url = redis_url
    connection = jobs.redis_connection(redis_url)
    queue = Queue(jobs.QUEUE, connection=connection)
    queue.empty()
    with app.test_request_context():
        job = jobs.enqueue(JOB, tenant_id=world.a1.id, prefix="旧")
    assert job.args[1] == world.a1.id, "the payload carries the tenant"
    SimpleWorker([queue], connection=connection).work(burst=True)
    job.refresh()
    assert job.return_value() == 2
    sess.expire_all()
    assert sess.get(Village, world.villages.a1x.id).name == "旧甲一村"
    assert sess.get(Village, world.villages.b1x.id).name == "丙一村"


def fail_loudly(sess, tenant_id, reason):
    """A job that always raises."""
    raise RuntimeError(f"坏了：{reason}")


FAILING = f"{__name__}.fail_loudly"


def test_an_in_process_failure_is_recorded_and_still_raised(app, world, sess):
    from core.job_failures import JobFailure

    with app.test_request_context(), pytest.raises(RuntimeError):
        jobs.enqueue(FAILING, tenant_id=world.a1.id, reason="磁盘")
    failure = sess.scalars(select(JobFailure)).one()
    assert failure.job == FAILING
    assert failure.args == f"tenant={world.a1.id} reason='磁盘'"
    assert failure.error == "RuntimeError: 坏了：磁盘"
    assert "fail_loudly" in failure.traceback


def test_recording_a_failure_prunes_the_old_ones(app, sess):
    from datetime import timedelta

    from core import job_failures
    from core.db import utcnow

    old = utcnow() - timedelta(days=job_failures.KEEP_DAYS + 1)
    job_failures.record(sess, "old.job", "tenant=None", ValueError("旧"), now=old)
    job_failures.record(sess, "recent.job", "tenant=None", ValueError("新"), now=utcnow())
    sess.commit()
    assert [f.job for f in sess.scalars(select(job_failures.JobFailure))] == ["recent.job"]


@pytest.mark.redis
def test_an_rq_failure_is_recorded(app, world, sess, qingdan_config, monkeypatch):
    import os

    from rq import Queue, SimpleWorker

    from core.job_failures import JobFailure

    redis_url = os.environ["QINGDAN_TEST_REDIS_URL"]
    monkeypatch.setenv("QINGDAN_DATABASE_URL", qingdan_config.database_url)
    monkeypatch.setenv("QINGDAN_INSTANCE_PATH", str(qingdan_config.instance_path))
    monkeypatch.setenv("QINGDAN_REDIS_URL", redis_url)
    qingdan_config.redis_url = redis_url
    connection = jobs.redis_connection(redis_url)
    queue = Queue(jobs.QUEUE, connection=connection)
    queue.empty()
    with app.test_request_context():
        job = jobs.enqueue(FAILING, tenant_id=world.a1.id, reason="rq")
    SimpleWorker([queue], connection=connection).work(burst=True)
    job.refresh()
    assert job.is_failed
    assert [f.error for f in sess.scalars(select(JobFailure))] == ["RuntimeError: 坏了：rq"]
