"""Failed background jobs, copied into the project's own records.

rq keeps a failed job only for a while and only in Redis; in-process jobs leave nothing but
a log line. Every failure is therefore also written here — job name, a summary of its
arguments, the exception and its traceback — so an operator finds it with ``qingdan
job-failures`` and ``/healthz`` can count it. The table is the platform's, not a tenant's
(it is read only by operators, and platform-wide jobs have no tenant), so it carries no
``tenant_id``; the tenant a job ran for is in its argument summary. Rows older than
:data:`KEEP_DAYS` are pruned whenever a failure is recorded.
"""

from __future__ import annotations

import logging
import traceback as tb
from datetime import datetime, timedelta

from sqlalchemy import String, Text, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.db import Base, utcnow

log = logging.getLogger(__name__)
#: how long a failure is kept
KEEP_DAYS = 30
MAX_ARGS = 500
MAX_ERROR = 500


class JobFailure(Base):
    """One background job that raised."""

    __tablename__ = "job_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the job's import path, e.g. ``core.workflow.sweep.sweep_job``
    job: Mapped[str] = mapped_column(String(200))
    #: ``tenant=… key=value …``, cut to :data:`MAX_ARGS` characters
    args: Mapped[str] = mapped_column(String(MAX_ARGS))
    #: ``ExceptionType: message``
    error: Mapped[str] = mapped_column(String(MAX_ERROR))
    traceback: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


def summarize(tenant_id: int | None, kwargs: dict) -> str:
    parts = [f"tenant={tenant_id}"] + [f"{k}={v!r}" for k, v in sorted(kwargs.items())]
    return " ".join(parts)[:MAX_ARGS]


def record(
    sess: Session, job: str, args: str, exc: BaseException, now: datetime | None = None
) -> JobFailure:
    """Keep ``exc`` of ``job`` and forget failures older than :data:`KEEP_DAYS`; the caller
    commits (in a session of its own: the job's was rolled back)."""
    now = now or utcnow()
    failure = JobFailure(
        job=job[:200],
        args=args[:MAX_ARGS],
        error=f"{type(exc).__name__}: {exc}"[:MAX_ERROR],
        traceback="".join(tb.format_exception(exc)),
        failed_at=now,
    )
    sess.add(failure)
    sess.execute(delete(JobFailure).where(JobFailure.failed_at < now - timedelta(days=KEEP_DAYS)))
    return failure


def count_since(sess: Session, since: datetime) -> int:
    return sess.scalar(select(func.count(JobFailure.id)).where(JobFailure.failed_at >= since))


def latest(sess: Session, limit: int) -> list[JobFailure]:
    return list(sess.scalars(select(JobFailure).order_by(JobFailure.id.desc()).limit(limit)))
