"""Evaluating rules: findings become warnings, and warnings whose cause is gone close.

A rule's check looks at the whole of what it judges — every run of the case for a step rule,
the whole tenant for a sweep rule — and returns everything wrong there now. Evaluating it
is therefore idempotent: each finding opens, refreshes or reopens the one warning row of its
``(rule, subject)``, and each of the rule's open warnings in that scope that was not found
again is closed. Run twice, the second run changes nothing.

The statuses the engine writes are ``open`` and ``closed``. A warning in any other state is
in a person's hands (``core.supervision.warnings``: acknowledged, resolved, dismissed and
awaiting review): while the finding holds its facts are refreshed — its severity may rise —
and when the cause is gone it stays as it is. The engine never closes or reopens it, so a
supervisor's decision, its reason and a pending review of it are never overwritten; ending
the work on a warning whose cause went away is the supervisor's to record.

A check runs inside a savepoint and behind a broad ``except``: a failing rule — a plugin's
above all — is logged, reported as its plugin's error, and skipped, and the engine's step
and the other rules go on. That rule's warnings are left as they were, not closed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from core.audit import SYSTEM, record
from core.db import utcnow
from core.plugins import host
from core.workflow.models import Case, StepRun
from tenants.models import Tenant

from .findings import Finding, normalize
from .models import CAUSE_GONE, CLOSED, OPEN, SEVERITIES, Warning
from .registry import HOOK, Rule, rules_for

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What an evaluation changed."""

    opened: int = 0
    escalated: int = 0
    closed: int = 0

    def __iadd__(self, other: Outcome) -> Outcome:
        self.opened += other.opened
        self.escalated += other.escalated
        self.closed += other.closed
        return self


def on_step_completed(sess: Session, case: Case, run: StepRun) -> Outcome:
    """Evaluate the step rules on ``case`` now that ``run`` is completed.

    Called by the engine inside the transaction that completes the step, so the warnings
    commit or roll back with the step itself.
    """
    sess.flush()  # the engine's changes first, outside any rule's savepoint
    now = utcnow()
    tenant = sess.get(Tenant, case.tenant_id)
    step_rules = rules_for(sess, tenant, "step")
    known = _warnings_by_rule(
        sess,
        Warning.tenant_id == tenant.id,
        Warning.case_id == case.id,
        Warning.rule.in_([rule.key for rule in step_rules]),
    )
    outcome = Outcome()
    for rule in step_rules:
        findings = _checked(sess, rule, tenant.id, (sess, case, run), case=case)
        if findings is None:
            continue
        rows = known.get(rule.key, {})
        missing = [f.subject for f in findings if f.subject not in rows]
        if missing:  # a subject first written about another case: the row is still the one
            rows |= _warnings_by_rule(
                sess,
                Warning.tenant_id == tenant.id,
                Warning.rule == rule.key,
                Warning.subject.in_(missing),
            ).get(rule.key, {})
        outcome += _reconcile(sess, tenant.id, rule, findings, list(rows.values()), now)
    return outcome


def _warnings_by_rule(sess: Session, *where) -> dict[str, dict[str, Warning]]:
    """The warnings matching ``where``, by rule and subject: a case's, read in one query for
    every step rule rather than one per rule."""
    found: dict[str, dict[str, Warning]] = {}
    for row in sess.scalars(select(Warning).where(*where)):
        found.setdefault(row.rule, {})[row.subject] = row
    return found


def sweep_rules(sess: Session, tenant: Tenant, now: datetime) -> Outcome:
    """Evaluate the sweep rules over the whole of ``tenant`` as of ``now``."""
    sess.flush()
    outcome = Outcome()
    for rule in rules_for(sess, tenant, "sweep"):
        findings = _checked(sess, rule, tenant.id, (sess, tenant, now))
        if findings is not None:
            outcome += apply(sess, tenant.id, rule, findings, Warning.tenant_id == tenant.id, now)
    return outcome


def _checked(
    sess: Session, rule: Rule, tenant_id: int, args: tuple, case: Case | None = None
) -> list[Finding] | None:
    """The rule's findings, or None when its check failed (logged and reported)."""
    try:
        with sess.begin_nested():
            return normalize(sess, rule, tenant_id, rule.check(*args), case)
    except OperationalError:  # the database went away: the request fails whole, as a 503
        raise
    except Exception as exc:  # the rule boundary: one broken rule must not stop the others
        owner = f"plugin {rule.plugin}" if rule.plugin else "core"
        log.exception("%s: warning rule %s failed", owner, rule.key)
        if rule.plugin:
            host().infos[rule.plugin].record_error(
                HOOK, f"预警规则 {rule.key} 检查出错：{type(exc).__name__}: {exc}"
            )
        return None


def apply(
    sess: Session, tenant_id: int, rule: Rule, findings: list[Finding], scope, now: datetime
) -> Outcome:
    """Write ``findings`` of ``rule`` and close its open warnings in ``scope`` not found.

    The rule's rows are read as columns and compared first, and only those that change are
    loaded as objects: a sweep finds the same thousands of overdue steps every few minutes.
    Rows of subjects not open in scope (to reopen, or open elsewhere) are read by subject,
    so the long list of subjects already open is never sent to the database."""
    found = {finding.subject: finding for finding in findings}
    columns = select(Warning.id, Warning.subject, Warning.status, *FACTS).where(
        Warning.tenant_id == tenant_id, Warning.rule == rule.key
    )
    rows = sess.execute(columns.where(Warning.status == OPEN, scope)).all()
    others = sorted(set(found) - {row.subject for row in rows})
    if others:
        rows += sess.execute(columns.where(Warning.subject.in_(others))).all()
    changing = {row.id for row in rows if _changes(row, found.get(row.subject))}
    kept = {row.subject for row in rows if row.id not in changing}
    loaded = sess.scalars(select(Warning).where(Warning.id.in_(changing))).all() if changing else []
    left = [finding for finding in findings if finding.subject not in kept]
    return _reconcile(sess, tenant_id, rule, left, loaded, now)


#: the columns of a warning that a finding sets
FACTS = (Warning.severity, Warning.message, Warning.case_id, Warning.village_id, Warning.details)


def _changes(row, finding: Finding | None) -> bool:
    """Whether reconciling ``finding`` (None: not found again) changes the warning ``row``."""
    if finding is None:
        return row.status == OPEN
    if row.status == CLOSED:
        return True
    facts = finding.facts
    if SEVERITIES.index(facts["severity"]) > SEVERITIES.index(row.severity):
        return True
    return any(getattr(row, c.key) != facts[c.key] for c in FACTS if c.key != "severity")


def _reconcile(
    sess: Session,
    tenant_id: int,
    rule: Rule,
    findings: list[Finding],
    rows: list[Warning],
    now: datetime,
) -> Outcome:
    """Open, refresh or reopen a row per finding; close the open ``rows`` not found again.
    ``rows`` holds at least the rule's open warnings in scope and its rows of the findings'
    subjects."""
    found = {finding.subject: finding for finding in findings}
    existing = {row.subject: row for row in rows}
    outcome = Outcome()
    for subject, finding in found.items():
        row = existing.get(subject)
        if row is None:
            outcome.opened += _open(sess, tenant_id, rule, finding, now)
        elif row.status == CLOSED:
            _reopen(sess, row, finding, now)
            outcome.opened += 1
        else:
            outcome.escalated += _refresh(sess, row, finding, now)
    for row in rows:
        if row.status == OPEN and row.subject not in found:
            _close(sess, row, now)
            outcome.closed += 1
    return outcome


def _open(sess: Session, tenant_id: int, rule: Rule, finding: Finding, now: datetime) -> int:
    row = Warning(
        tenant_id=tenant_id,
        rule=rule.key,
        subject=finding.subject,
        opened_at=now,
        updated_at=now,
        **finding.facts,
    )
    try:
        with sess.begin_nested():
            sess.add(row)
    except IntegrityError:  # a concurrent evaluation wrote the same finding first
        return 0
    _audit(sess, row, "warning.opened")
    return 1


def _reopen(sess: Session, row: Warning, finding: Finding, now: datetime) -> None:
    _set_facts(row, finding.facts)
    row.status, row.opened_at, row.updated_at = OPEN, now, now
    row.closed_at = row.closed_reason = row.escalated_at = None
    _audit(sess, row, "warning.opened", reopened=True)


def _refresh(sess: Session, row: Warning, finding: Finding, now: datetime) -> int:
    """Bring an open warning's facts up to date; 1 if its severity rose. It never falls:
    a warning that was red stays red until it closes."""
    facts = dict(finding.facts)
    rose = SEVERITIES.index(facts["severity"]) > SEVERITIES.index(row.severity)
    if not rose:
        facts["severity"] = row.severity
    if not _set_facts(row, facts):
        return 0
    row.updated_at = now
    if rose:
        _audit(sess, row, "warning.escalated")
    return int(rose)


def _close(sess: Session, row: Warning, now: datetime) -> None:
    row.status, row.closed_at, row.closed_reason, row.updated_at = CLOSED, now, CAUSE_GONE, now
    _audit(sess, row, "warning.closed", reason=CAUSE_GONE)


def _set_facts(row: Warning, facts: dict) -> bool:
    """Assign what differs; True if anything did."""
    changed = {key: value for key, value in facts.items() if getattr(row, key) != value}
    for key, value in changed.items():
        setattr(row, key, value)
    return bool(changed)


def _audit(sess: Session, row: Warning, action: str, **extra) -> None:
    record(
        sess,
        tenant_id=row.tenant_id,
        action=action,
        subject_type="warning",
        subject_id=row.id,
        payload={
            "rule": row.rule,
            "subject": row.subject,
            "severity": row.severity,
            "case_id": row.case_id,
            "message": row.message,
            **extra,
        },
        actor=SYSTEM,
    )
