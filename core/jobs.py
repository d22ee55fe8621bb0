"""Background jobs: rq when ``QINGDAN_REDIS_URL`` is set, in-process otherwise.

A job is named by its import path and takes a session (``sess``) and keyword arguments of
plain data. Its payload
always carries ``tenant_id`` (``None`` for platform-wide jobs), and the job runs inside an app
context scoped to that tenant, so a job can never see another tenant's rows.
"""

from __future__ import annotations

import logging
from importlib import import_module

from flask import current_app
from redis import Redis

from core import db

log = logging.getLogger(__name__)
QUEUE = "qingdan"
#: how long rq keeps a failed job for inspection (seconds); every failure is also copied
#: into :mod:`core.job_failures`, under rq and in-process alike
FAILURE_TTL = 14 * 24 * 3600


def redis_connection(url: str | None = None) -> Redis:
    return Redis.from_url(url or current_app.config["QINGDAN"].redis_url)


def enqueue(func_path: str, *, tenant_id: int | None, plugin: str | None = None, **kwargs):
    """Run ``func_path(sess=..., tenant_id=..., **kwargs)`` in the background, or right now
    when there is no Redis. A job of a plugin (``plugin=key``) is dropped when it runs for a
    tenant that has the plugin switched off.

    :return: the rq job, or the function's result when run in-process.
    """
    config = current_app.config["QINGDAN"]
    if not config.redis_url:
        return _call(func_path, tenant_id, plugin, kwargs)
    from rq import Queue

    queue = Queue(QUEUE, connection=redis_connection(config.redis_url))
    return queue.enqueue(
        run_job,
        func_path,
        tenant_id,
        plugin,
        kwargs,
        description=f"{func_path} tenant={tenant_id}",
        failure_ttl=FAILURE_TTL,
    )


def queue_figures() -> dict[str, int]:
    """Jobs waiting, running and failed (kept for :data:`FAILURE_TTL`) in the queue."""
    from rq import Queue

    queue = Queue(QUEUE, connection=redis_connection())
    return {
        "queued": queue.count,
        "started": queue.started_job_registry.count,
        "failed": queue.failed_job_registry.count,
    }


#: the app ``qingdan worker`` built before starting rq, which its jobs run in (see run_job)
_worker_app = None


def serve_jobs_with(app) -> None:
    """Run this process's rq jobs in ``app`` rather than in an app of their own, with the
    models' mappings worked out once here instead of by each job's first query."""
    from sqlalchemy.orm import configure_mappers

    global _worker_app
    configure_mappers()
    _worker_app = app


def run_job(func_path: str, tenant_id: int | None, plugin: str | None, kwargs: dict):
    """Entry point of every rq job. In ``qingdan worker`` it runs in the worker's app: rq
    forks a process per job, which inherits the app already built (building one, and
    mapping the models, costs half a second, longer than a small tenant's sweep) but not the
    parent's database connections, which it must not share. Elsewhere it builds the app
    from the environment."""
    if _worker_app is None:
        from core.app import create_app

        app = create_app()
    else:
        app = _worker_app
        with app.app_context():
            db.engine().dispose(close=False)  # the parent's connections stay the parent's
    with app.app_context():
        return _call(func_path, tenant_id, plugin, kwargs)


def _call(func_path: str, tenant_id: int | None, plugin: str | None, kwargs: dict):
    """Run the job in a session of its own, scoped to its tenant, committed when it returns."""
    module_name, _, attr = func_path.rpartition(".")
    func = getattr(import_module(module_name), attr)
    sess = current_app.extensions["qingdan.sessionmaker"]()
    try:
        if plugin and tenant_id is not None and not _plugin_enabled(sess, plugin, tenant_id):
            log.info("job %s skipped: plugin %s is off for tenant %s", func_path, plugin, tenant_id)
            return None
        if tenant_id is None:
            with db.system_scope(sess):
                result = func(sess=sess, **kwargs)
        else:
            db.set_scope(sess, [tenant_id])
            result = func(sess=sess, tenant_id=tenant_id, **kwargs)
        sess.commit()
        return result
    except Exception as exc:
        sess.rollback()
        log.exception("job %s failed (tenant %s)", func_path, tenant_id)
        _record_failure(func_path, tenant_id, kwargs, exc)
        raise
    finally:
        sess.close()


def _record_failure(func_path: str, tenant_id: int | None, kwargs: dict, exc: Exception) -> None:
    """Copy the failure into :mod:`core.job_failures`, in a session of its own. Recording
    must not hide the job's own error: a failure to record is only logged."""
    from core import job_failures

    sess = current_app.extensions["qingdan.sessionmaker"]()
    try:
        with db.system_scope(sess):
            job_failures.record(sess, func_path, job_failures.summarize(tenant_id, kwargs), exc)
            sess.commit()
    except Exception:  # the database may be what failed the job
        log.exception("could not record the failure of job %s", func_path)
    finally:
        sess.close()


def _plugin_enabled(sess, plugin: str, tenant_id: int) -> bool:
    from core.plugins import host
    from tenants.models import Tenant
    from tenants.operations import enabled_plugin_keys

    with db.system_scope(sess):
        tenant = sess.get(Tenant, tenant_id)
        return tenant is not None and plugin in enabled_plugin_keys(sess, host(), tenant)
