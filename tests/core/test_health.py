import os

import pytest


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "checks": {"database": "ok"},
        "failed_jobs_last_24h": 0,
    }


def test_healthz_counts_the_jobs_failed_in_the_last_day(client, sess):
    from datetime import timedelta

    from core import job_failures
    from core.db import utcnow

    now = utcnow()
    job_failures.record(sess, "a.job", "tenant=None", ValueError("x"), now=now)
    job_failures.record(sess, "b.job", "tenant=None", ValueError("y"), now=now - timedelta(days=2))
    sess.commit()
    assert client.get("/healthz").json["failed_jobs_last_24h"] == 1


@pytest.mark.redis
def test_healthz_reports_redis_when_configured(app, client):
    app.config["QINGDAN"].redis_url = os.environ["QINGDAN_TEST_REDIS_URL"]
    response = client.get("/healthz")
    assert response.json["checks"] == {"database": "ok", "redis": "ok"}
    assert set(response.json["jobs"]) == {"queued", "started", "failed"}


@pytest.mark.redis
def test_healthz_counts_waiting_and_failed_jobs(app, client):
    from redis import Redis
    from rq import Queue

    from core.jobs import QUEUE, enqueue
    from core.workflow.sweep_clock import JOB as SWEEP

    url = os.environ["QINGDAN_TEST_REDIS_URL"]
    app.config["QINGDAN"].redis_url = url
    Queue(QUEUE, connection=Redis.from_url(url)).empty()
    with app.app_context():
        job = enqueue(SWEEP, tenant_id=None)  # queued only: no worker runs in this test
    assert client.get("/healthz").json["jobs"]["queued"] == 1
    assert job.failure_ttl == 14 * 24 * 3600
    job.delete()


def test_healthz_answers_503_when_redis_is_down(app, client):
    app.config["QINGDAN"].redis_url = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"]["redis"].startswith("error")


def test_livez_answers_ok_as_plain_text(client):
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"
    assert response.mimetype == "text/plain"
    assert "Set-Cookie" not in response.headers


def test_livez_answers_while_the_database_is_away(app, client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def refuse(*_args, **_kwargs):
        raise OperationalError("connect", {}, ConnectionRefusedError("连接被拒绝"))

    engine = app.extensions["qingdan.engine"]
    monkeypatch.setattr(engine, "connect", refuse)
    monkeypatch.setattr(engine.pool, "connect", refuse)
    with app.app_context():
        engine.dispose()
    assert client.get("/healthz").status_code == 503
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"
