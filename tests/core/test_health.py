import os

import pytest


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.redis
def test_healthz_reports_redis_when_configured(app, client):
    app.config["QINGDAN"].redis_url = os.environ["QINGDAN_TEST_REDIS_URL"]
    response = client.get("/healthz")
    assert response.json["checks"] == {"database": "ok", "redis": "ok"}


def test_healthz_answers_503_when_redis_is_down(app, client):
    app.config["QINGDAN"].redis_url = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"]["redis"].startswith("error")
