"""A notice step's page: what is published, how long it still runs, and the objections,
each open one with a form to record how it was resolved."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from core.db import utcnow

from .. import notices
from ..forms import ResolveForm
from ..models import Notice, Objection, StepRun

DAY_SECONDS = 86400


@dataclass(frozen=True)
class NoticeState:
    notice: Notice
    #: whole days still to run, a part day counting as one; 0 once the days are over
    days_left: int
    #: each objection, with a form when it is still open
    objections: list[tuple[Objection, ResolveForm | None]] = field(default_factory=list)


def state(sess: Session, run: StepRun, typed: ResolveForm | None = None) -> NoticeState:
    """The notice of ``run``; ``typed`` is a resolve form shown again with its errors."""
    posted = notices.notice_of(sess, run)
    left = (posted.ends_at - utcnow()).total_seconds()
    return NoticeState(
        notice=posted,
        days_left=max(0, math.ceil(left / DAY_SECONDS)),
        objections=[(o, _form(o, typed)) for o in posted.objections],
    )


def prefix(objection_id: int) -> str:
    return f"objection-{objection_id}"


def _form(objection: Objection, typed: ResolveForm | None) -> ResolveForm | None:
    if objection.status != "open":
        return None
    if typed is not None and typed.resolution.name == f"{prefix(objection.id)}-resolution":
        return typed
    return ResolveForm(formdata=None, prefix=prefix(objection.id))
