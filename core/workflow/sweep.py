"""The sweep (定时巡检): what happens because time passed rather than because someone acted.

For every tenant it closes the notices whose days are over and that nobody objects to —
completing their step as the system, which moves the case on — and then runs the sweep
rules (overdue steps, plugins' rules), then raises yellow warnings left unhandled too long
to red (``core.supervision.warnings``). ``qingdan sweep`` runs it once; ``qingdan worker``
enqueues it every ``QINGDAN_SWEEP_SECONDS`` as one job per tenant, which the workers share,
and without Redis a timer in the web process runs it (see ``core.workflow.sweep_clock``).

The state lives in the database, so the sweep is only a trigger: run twice, or twice at
once, the second run changes nothing, and a sweep lost with its worker is simply done by the
next one. Each notice is closed in a transaction of its own under its case's optimistic
lock, so no step is ever completed twice; each transaction first takes a lock per tenant
(an advisory lock on PostgreSQL, the write lock on SQLite), so two sweeps take turns instead
of racing. A tenant whose sweep fails is logged, and the others are swept all the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import exists, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import audit, db, jobs, rules
from core.auth.access import data_scope
from core.db import utcnow
from core.errors import DomainError
from core.supervision.orders import escalate_overdue
from core.supervision.ratings import rate_tenant
from core.supervision.warnings import escalate_warnings
from tenants.models import Tenant

from . import engine
from .models import Notice, Objection, StepRun

log = logging.getLogger(__name__)

TENANT_JOB = "core.workflow.sweep.tenant_job"

SessionFactory = Callable[[], Session]


@dataclass
class SweepReport:
    """What one sweep did, over all tenants."""

    notices_closed: int = 0
    warnings_opened: int = 0
    warnings_escalated: int = 0
    warnings_closed: int = 0
    orders_escalated: int = 0
    ratings_changed: int = 0
    #: slugs of the tenants whose sweep failed (see the log)
    failed: list[str] = field(default_factory=list)

    def merge(self, other: SweepReport) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def add(self, outcome: rules.Outcome) -> None:
        self.warnings_opened += outcome.opened
        self.warnings_escalated += outcome.escalated
        self.warnings_closed += outcome.closed

    def summary(self) -> str:
        text = (
            f"关闭公示 {self.notices_closed} 个，新增预警 {self.warnings_opened} 条，"
            f"解除预警 {self.warnings_closed} 条"
        )
        if self.warnings_escalated:
            text += f"，升级预警 {self.warnings_escalated} 条"
        if self.orders_escalated:
            text += f"，督查令逾期升级 {self.orders_escalated} 份"
        if self.failed:
            text += f"；{len(self.failed)} 个单位巡检出错（{'、'.join(self.failed)}），详见日志"
        return text + "。"

    def as_dict(self) -> dict:
        return asdict(self)


def sweep(sess_factory: SessionFactory, now: datetime | None = None) -> SweepReport:
    """Sweep every tenant as of ``now`` (default: the present), one after another. Needs an
    app context, for the plugins' rules; each unit of work gets a session of its own from
    ``sess_factory``."""
    now = now or utcnow()
    report = SweepReport()
    for tenant_id, slug in _tenants(sess_factory):
        report.merge(sweep_tenant(sess_factory, tenant_id, slug, now))
    return report


def sweep_tenant(
    sess_factory: SessionFactory, tenant_id: int, slug: str, now: datetime
) -> SweepReport:
    """Sweep one tenant; a failure is logged and reported, never raised."""
    report = SweepReport()
    try:
        report.notices_closed += _close_notices(sess_factory, tenant_id, now)
        report.add(_run_rules(sess_factory, tenant_id, now))
        report.warnings_escalated += _in_unit(sess_factory, tenant_id, now, escalate_warnings)
        report.orders_escalated += _in_unit(sess_factory, tenant_id, now, escalate_overdue)
        report.ratings_changed += _in_unit(sess_factory, tenant_id, now, rate_tenant)
    except Exception:  # the tenant boundary: one tenant's failure must not stop the others
        log.exception("sweep of tenant %s failed", slug)
        report.failed.append(slug)
    return report


def job(sess: Session) -> dict:
    """The job the workers' clock enqueues (``core.workflow.sweep_clock``): one
    :func:`tenant_job` per tenant, which every worker may take, so that a province's sweep is
    shared out among the workers instead of run by one, tenant after tenant. Only ever run by
    an rq worker; ``sess``, the job's own session, stays unused."""
    enqueued = [
        jobs.enqueue(TENANT_JOB, tenant_id=tenant_id) for tenant_id, _slug in _tenants(_sessions())
    ]
    return {"tenant_jobs": [queued.id for queued in enqueued]}


def tenant_job(sess: Session, tenant_id: int) -> dict:
    """The sweep of one tenant as a job: its :class:`SweepReport` as a dict. ``sess`` only
    reads the tenant's slug; the work gets sessions of its own."""
    with db.system_scope(sess):
        slug = sess.scalar(select(Tenant.slug).where(Tenant.id == tenant_id))
    if slug is None:  # removed since the sweep was shared out
        return SweepReport().as_dict()
    return sweep_tenant(_sessions(), tenant_id, slug, utcnow()).as_dict()


def _sessions() -> SessionFactory:
    return current_app.extensions["qingdan.sessionmaker"]


def _tenants(sess_factory: SessionFactory) -> list[tuple[int, str]]:
    with sess_factory() as sess, db.system_scope(sess):
        rows = sess.execute(select(Tenant.id, Tenant.slug).order_by(Tenant.id))
        return [(row.id, row.slug) for row in rows]


def _close_notices(sess_factory: SessionFactory, tenant_id: int, now: datetime) -> int:
    with _unit(sess_factory, tenant_id) as sess:
        due = sess.scalars(
            select(Notice.id)
            .where(
                Notice.tenant_id == tenant_id,
                Notice.status == "open",
                Notice.ends_at <= now,
                ~exists().where(Objection.notice_id == Notice.id, Objection.status == "open"),
            )
            .order_by(Notice.id)
        ).all()
    return sum(_close_notice(sess_factory, tenant_id, notice_id) for notice_id in due)


def _close_notice(sess_factory: SessionFactory, tenant_id: int, notice_id: int) -> int:
    """1 if this sweep closed the notice; 0 if someone did first or the engine refused."""
    try:
        with _unit(sess_factory, tenant_id) as sess:
            notice = sess.get(Notice, notice_id)
            run = notice and sess.get(StepRun, notice.step_run_id)
            if run is None or notice.status != "open" or run.status != "active":
                return 0  # closed meanwhile: by its clerk, another sweep, or with its case
            engine.complete_as_system(sess, notice.case, run.step_key)
    except (DomainError, StaleDataError) as exc:
        # not yet by the engine's clock, an objection just filed, or the case changed
        # meanwhile: the notice stays open, and the next sweep looks again
        log.info("sweep left notice %s open: %s", notice_id, exc)
        return 0
    return 1


def _run_rules(sess_factory: SessionFactory, tenant_id: int, now: datetime) -> rules.Outcome:
    with _unit(sess_factory, tenant_id) as sess:
        return rules.sweep_rules(sess, sess.get(Tenant, tenant_id), now)


def _in_unit(sess_factory: SessionFactory, tenant_id: int, now: datetime, work) -> int:
    """``work(sess, tenant, now)`` in a transaction of its own: supervision's sweep steps."""
    with _unit(sess_factory, tenant_id) as sess:
        return work(sess, sess.get(Tenant, tenant_id), now)


@contextmanager
def _unit(sess_factory: SessionFactory, tenant_id: int) -> Iterator[Session]:
    """One transaction of the sweep: scoped to the tenant (and its county, whose calendar
    and items it reads), acting as the system, holding the tenant's sweep lock."""
    with sess_factory() as sess:
        db.set_scope(sess, data_scope({tenant_id}))
        audit.set_actor(sess, None)
        with sess.begin():
            _lock(sess, tenant_id)
            yield sess


def _lock(sess: Session, tenant_id: int) -> None:
    """Make a second sweep of the tenant wait until this transaction ends."""
    dialect = sess.get_bind().dialect.name
    if dialect == "postgresql":
        sess.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('qingdan.sweep'), :tenant)"),
            {"tenant": tenant_id},
        )
    elif dialect == "sqlite":  # take the database's write lock now, before reading
        sess.execute(text("UPDATE warnings SET id = id WHERE 0"))
