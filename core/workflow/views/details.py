"""What the case pages show of a case: its data by field label, the timeline of its step runs
and who did what, read in a fixed number of queries however long the case is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import db
from core.attachments.models import Attachment
from core.auth.models import User
from core.db import utcnow
from core.rules.models import OPEN, SEVERITIES, Warning
from formbuilder.fieldtypes.submission import field_type

from .. import process
from ..kinds import TALLY_LABELS
from ..models import Case, StepRun

RUN_STATUS_LABELS = {
    "active": "办理中",
    "completed": "已办理",
    "returned": "已退回",
    "cancelled": "已取消",
}
DECISION_LABELS = {"approve": "同意", "return": "退回"}


@dataclass(frozen=True)
class DataRow:
    label: str
    text: str
    #: the download token when the value is an attached file
    token: str | None = None


@dataclass(frozen=True)
class TimelineRow:
    run: StepRun
    name: str
    status: str
    actor: str | None
    assignee: str | None
    #: "超期" / "按时" for finished runs with a deadline, "已超期" for a late active one
    timing: str | None
    #: what the run recorded besides its fields: a tally, a decision, the signatures
    summary: str | None


def data_rows(sess: Session, case: Case) -> list[DataRow]:
    """The case's data in process order, as staff read it (nothing masked)."""
    found = [
        (definition, case.data[definition["key"]])
        for step in process.steps(case)
        for definition in step.get("fields") or ()
        if definition["key"] in (case.data or {}) and not field_type(definition).is_layout
    ]
    tokens = _tokens(sess, case, [value for d, value in found if d["type"] == "attachment"])
    return [
        DataRow(
            definition.get("label", definition["key"]),
            field_type(definition).display(value, definition),
            _token(tokens, value) if definition["type"] == "attachment" else None,
        )
        for definition, value in found
    ]


def open_warnings(sess: Session, case: Case) -> list[Warning]:
    """The case's open warnings (违规预警), most serious first."""
    found = sess.scalars(
        select(Warning).where(Warning.case_id == case.id, Warning.status == OPEN)
    ).all()
    return sorted(found, key=lambda w: (-SEVERITIES.index(w.severity), w.opened_at))


def timeline(sess: Session, case: Case, role_names: dict[str, str]) -> list[TimelineRow]:
    """Every run of the case in the order it happened, returned and cancelled ones too."""
    names = process.step_names(case)
    users = user_labels(sess, _people(case.runs))
    now = utcnow()
    return [
        TimelineRow(
            run=run,
            name=names.get(run.step_key, run.step_key),
            status=RUN_STATUS_LABELS.get(run.status, run.status),
            actor=users.get(run.actor_id),
            assignee=users.get(run.assignee_id),
            timing=_timing(run, now),
            summary=_summary(run, users, role_names),
        )
        for run in case.runs
    ]


def user_labels(sess: Session, ids: set[int]) -> dict[int, str]:
    """Display names of users, read past tenant scope (a township reviewer signs village
    cases)."""
    if not ids:
        return {}
    with db.system_scope(sess):
        return {u.id: u.label for u in sess.scalars(select(User).where(User.id.in_(ids)))}


def _people(runs: list[StepRun]) -> set[int]:
    ids = {r.actor_id for r in runs} | {r.assignee_id for r in runs}
    ids |= {s["user_id"] for r in runs for s in r.signatures or ()}
    return {i for i in ids if i}


def _tokens(sess: Session, case: Case, references: list) -> dict[str, str]:
    ids = {
        int(ref["id"])
        for ref in references
        if isinstance(ref, dict) and str(ref.get("id", "")).isdigit()
    }
    if not ids:
        return {}
    rows = sess.execute(
        select(Attachment.id, Attachment.token).where(
            Attachment.tenant_id == case.tenant_id, Attachment.id.in_(ids)
        )
    )
    return {str(ident): token for ident, token in rows}


def _token(tokens: dict[str, str], reference: object) -> str | None:
    return tokens.get(str(reference.get("id"))) if isinstance(reference, dict) else None


def _timing(run: StepRun, now: datetime) -> str | None:
    if run.due_at is None:
        return None
    if run.completed_at is not None and run.status == "completed":
        return "超期" if run.completed_at > run.due_at else "按时"
    if run.status == "active" and now > run.due_at:
        return "已超期"
    return None


def _summary(run: StepRun, users: dict[int, str], role_names: dict[str, str]) -> str | None:
    data = run.data or {}
    if all(key in data for key in TALLY_LABELS):
        return "，".join(f"{label} {data[key]}" for key, label in TALLY_LABELS.items())
    if data.get("decision") in DECISION_LABELS:
        comment = f"：{data['comment']}" if data.get("comment") else ""
        return DECISION_LABELS[data["decision"]] + comment
    if run.signatures:
        return "；".join(
            f"{role_names.get(s['role'], s['role'])} {users.get(s['user_id'], '')}"
            for s in run.signatures
        )
    return None


def signatures(sess: Session, run: StepRun) -> dict[str, str]:
    """Who signed a countersign so far, by role key."""
    users = user_labels(sess, {s["user_id"] for s in run.signatures or ()})
    return {s["role"]: users.get(s["user_id"], "") for s in run.signatures or ()}
