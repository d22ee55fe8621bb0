"""``/healthz``: is the database there (and Redis, when configured)? It says how many jobs
failed in the last 24 hours (``failed_jobs_last_24h``, from :mod:`core.job_failures`) and,
with Redis, how many wait: the figures an operator alerts on.

``/livez``: is this process serving at all? It reads no database and no session, so a load
balancer does not take every app server out when the database is away, and the benchmark
has a route of the same app that costs nothing but the framework (its baseline)."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy import text

from core import db, job_failures, jobs

bp = Blueprint("health", __name__)
LIVEZ = "health.livez"


@bp.before_app_request
def _answer_livez_first():
    """Answer ``/livez`` before the app's own per-request work, which signs the user in and
    scopes the session by reading the database (this blueprint is registered first)."""
    if request.endpoint == LIVEZ:
        return livez()
    return None


@bp.get("/livez")
def livez():
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


@bp.get("/healthz")
def healthz():
    checks: dict[str, str] = {}
    body: dict = {"checks": checks}
    try:
        db.session().execute(text("SELECT 1"))
        checks["database"] = "ok"
        since = db.utcnow() - timedelta(hours=24)
        body["failed_jobs_last_24h"] = job_failures.count_since(db.session(), since)
    except Exception as exc:  # a health check reports failures instead of raising them
        checks["database"] = f"error: {type(exc).__name__}"
    if current_app.config["QINGDAN"].redis_url:
        try:
            jobs.redis_connection().ping()
            checks["redis"] = "ok"
            body["jobs"] = jobs.queue_figures()
        except Exception as exc:
            checks["redis"] = f"error: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    status = 200 if healthy else 503
    return jsonify({"status": "ok" if healthy else "error", **body}), status
