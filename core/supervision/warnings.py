"""Warning work (预警处置): who sees which warnings (违规预警), and what supervisors do with them.

Reach follows the supervision line, not the tenant alone. A village supervision committee
(村务监督委员会) sees its own village's warnings and nothing of a neighbour's; township
inspectors and admins see their township's; county inspectors and admins their townships'.
Acting is for the supervisors of each level — village supervisors, township inspectors, county
inspectors — on what they see; admins read. A warning outside the caller's reach answers
exactly like a missing one.

A warning is acknowledged (签收) and assigned, commented on, and ends resolved (处理完毕) or
dismissed (排除), each with the reason the person must give. A dismissal is reviewed by the
level above the one that dismissed it (a village's by the township inspector, a township's by
the county inspector), who upholds it or reopens the warning. Every action is a
:class:`WarningEvent` and an audit event, in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session, joinedload

from core import audit, db, settings
from core.auth.access import memberships
from core.auth.models import User
from core.catalog.models import Item
from core.db import utcnow
from core.errors import Conflict, Forbidden, Invalid, NotFound
from core.rules.models import ACKNOWLEDGED, DISMISSED, OPEN, RESOLVED, Warning
from core.workflow.holidays import calendar_for
from core.workflow.models import Case
from tenants.models import Tenant, Village

from .reach import Reach, reach_through
from .warning_models import WarningEvent

LEVELS = ("village", "township", "county")
LEVEL_LABELS = {"village": "村务监督委员会", "township": "乡镇纪委", "county": "县纪委"}
#: the roles that see warnings, and at which level
VIEWERS = {
    "village_supervisor": "village",
    "township_inspector": "township",
    "township_admin": "township",
    "county_inspector": "county",
    "county_admin": "county",
}
#: the roles that act on warnings, and at which level
ACTORS = {
    "village_supervisor": "village",
    "township_inspector": "township",
    "county_inspector": "county",
}
#: whose dismissal the level above reviews; a county's dismissal is final
REVIEWED_BY = {"village": "township", "township": "county"}
#: the statuses still waiting for a person
IN_WORK = (OPEN, ACKNOWLEDGED)
#: filters on status beyond the statuses themselves
ACTIVE, AWAITING_REVIEW = "active", "review"
MAX_TEXT = 2000
#: the tenant setting (see ``core.settings``) of working days before yellow turns red
ESCALATE_AFTER = "supervision.escalate_after_days"


def reach_of(user: User, tenant: Tenant) -> Reach:
    """The warnings ``user`` may see under ``tenant``."""
    return reach_through(user, tenant, VIEWERS)


def levels_over(user: User, warning: Warning) -> set[str]:
    """The supervision levels at which ``user`` may act on ``warning``."""
    with db.system_scope() as sess:
        county_id = sess.scalar(select(Tenant.parent_id).where(Tenant.id == warning.tenant_id))
    return {
        level
        for membership in memberships(user)
        if (level := ACTORS.get(membership.role_key))
        and _covers(level, membership, warning, county_id)
    }


def _covers(level: str, membership, warning: Warning, county_id: int | None) -> bool:
    if level == "village":
        return (
            warning.village_id is not None
            and membership.tenant_id == warning.tenant_id
            and membership.village_id == warning.village_id
        )
    if level == "township":
        return membership.tenant_id == warning.tenant_id
    return membership.tenant_id in (warning.tenant_id, county_id)


def acting_level(user: User, warning: Warning) -> str | None:
    """The highest level at which ``user`` may act on ``warning``, or None."""
    found = levels_over(user, warning)
    return max(found, key=LEVELS.index) if found else None


def may_review(user: User, warning: Warning) -> bool:
    """Whether ``user`` is the level that must review ``warning``'s dismissal now."""
    return (
        warning.status == DISMISSED
        and warning.review_level is not None
        and warning.decided_by_id != user.id
        and warning.review_level in levels_over(user, warning)
    )


def allowed_actions(user: User, warning: Warning) -> set[str]:
    """What ``user`` may do to ``warning`` as it stands: for the page's buttons."""
    allowed = set()
    if acting_level(user, warning):
        allowed.add("comment")
        if warning.status == OPEN:
            allowed.add("acknowledge")
        if warning.status in IN_WORK:
            allowed |= {"assign", "resolve", "dismiss"}
    if may_review(user, warning):
        allowed |= {"comment", "review"}
    return allowed


# --- reading -------------------------------------------------------------------------------


def inbox_query(
    reach: Reach,
    *,
    status: str | None = None,
    severity: str | None = None,
    rule: str | None = None,
    village: str | None = None,
    domain: str | None = None,
    age: int | None = None,
    now: datetime | None = None,
) -> Select:
    """The warnings in ``reach`` that pass the filters, most serious and oldest first.

    ``status`` may also be ``active`` (open or in hand) or ``review`` (dismissals waiting for
    review); ``village`` is a village's code; ``domain`` a plugin key, matched by the rule's
    prefix or the case's item; ``age`` the least number of days since the warning opened.
    """
    query = select(Warning).where(reach.condition(Warning))
    if status == ACTIVE:
        query = query.where(Warning.status.in_(IN_WORK))
    elif status == AWAITING_REVIEW:
        query = query.where(Warning.status == DISMISSED, Warning.review_level.is_not(None))
    elif status:
        query = query.where(Warning.status == status)
    if severity:
        query = query.where(Warning.severity == severity)
    if rule:
        query = query.where(Warning.rule == rule)
    if village:
        query = query.where(
            Warning.village_id.in_(select(Village.id).where(Village.code == village))
        )
    if domain:
        of_domain = select(Case.id).join(Item, Item.id == Case.item_id).where(Item.domain == domain)
        query = query.where(
            or_(
                Warning.rule.startswith(f"{domain}.", autoescape=True),
                Warning.case_id.in_(of_domain),
            )
        )
    if age:
        query = query.where(Warning.opened_at <= (now or utcnow()) - timedelta(days=age))
    return query.options(
        joinedload(Warning.case), joinedload(Warning.village), joinedload(Warning.assigned_to)
    ).order_by(Warning.opened_at.desc(), Warning.id.desc())


def inbox(sess: Session, reach: Reach, **filters) -> list[Warning]:
    return list(sess.scalars(inbox_query(reach, **filters)).unique())


def warning_in_reach(sess: Session, reach: Reach, warning_id: int) -> Warning:
    """The warning, if ``reach`` covers it; otherwise 404, exactly as for a missing one."""
    found = sess.scalar(select(Warning).where(Warning.id == warning_id, reach.condition(Warning)))
    if found is None:
        raise NotFound("找不到该预警，或您无权查看。")
    return found


def history(sess: Session, warning: Warning) -> list[WarningEvent]:
    return list(
        sess.scalars(
            select(WarningEvent)
            .where(WarningEvent.warning_id == warning.id)
            .options(joinedload(WarningEvent.actor))
            .order_by(WarningEvent.at, WarningEvent.id)
        )
    )


# --- acting --------------------------------------------------------------------------------


def acknowledge(sess: Session, warning: Warning, actor: User) -> WarningEvent:
    _require_acting(actor, warning)
    _require_status(warning, (OPEN,), "只有待处理的预警可以签收。")
    warning.status = ACKNOWLEDGED
    return _record(sess, warning, actor, "acknowledged")


def assign(sess: Session, warning: Warning, actor: User, username: str) -> WarningEvent:
    """Give the warning to a supervisor who may act on it; it is in hand from then on."""
    _require_acting(actor, warning)
    _require_status(warning, IN_WORK, "已处理或已排除的预警不能再指派。")
    with db.system_scope() as system:
        assignee = system.scalar(select(User).where(User.username == (username or "").strip()))
    if assignee is None or not assignee.active or acting_level(assignee, warning) is None:
        raise Invalid(
            "不能指派给该用户。",
            fields={"to_user": "找不到该用户，或其不是能办理此预警的监督人员。"},
        )
    warning.assigned_to_id = assignee.id
    warning.status = ACKNOWLEDGED
    return _record(sess, warning, actor, "assigned", data={"to": assignee.id}, text=assignee.label)


def comment(sess: Session, warning: Warning, actor: User, text: str) -> WarningEvent:
    if not acting_level(actor, warning) and not may_review(actor, warning):
        raise Forbidden("只有能办理或复核此预警的监督人员可以备注。")
    return _record(
        sess, warning, actor, "commented", text=_required(text, "text", "请填写备注内容。")
    )


def resolve(sess: Session, warning: Warning, actor: User, reason: str) -> WarningEvent:
    """Close the warning as dealt with (处理完毕): the reason says what was done."""
    _require_acting(actor, warning)
    _require_status(warning, IN_WORK, "该预警已处理、已排除或已解除。")
    reason = _required(reason, "reason", "请填写处理结果：做了什么、结果如何。")
    _decide(warning, actor, RESOLVED, reason)
    return _record(sess, warning, actor, "resolved", text=reason)


def dismiss(sess: Session, warning: Warning, actor: User, reason: str) -> WarningEvent:
    """Set the warning aside as unfounded (排除): reviewable by the level above."""
    level = _require_acting(actor, warning)
    _require_status(warning, IN_WORK, "该预警已处理、已排除或已解除。")
    reason = _required(reason, "reason", "请填写排除理由：为什么该预警不成立。")
    _decide(warning, actor, DISMISSED, reason)
    warning.review_level = REVIEWED_BY.get(level)
    return _record(sess, warning, actor, "dismissed", text=reason, data={"level": level})


def review(
    sess: Session, warning: Warning, actor: User, decision: str, text: str | None
) -> WarningEvent:
    """The level above upholds a dismissal, or reopens the warning (saying why)."""
    if not levels_over(actor, warning):  # who may never review hears so whatever the state
        raise Forbidden("只有村务监督委员会和纪检监察人员可以办理预警。")
    if warning.status != DISMISSED or warning.review_level is None:
        raise Conflict("该预警没有待复核的排除决定。")
    if warning.decided_by_id == actor.id:
        raise Forbidden("不能复核自己作出的排除决定。")
    if not may_review(actor, warning):
        label = LEVEL_LABELS[warning.review_level]
        raise Forbidden(f"该排除决定应由{label}复核。")
    if decision == "uphold":
        warning.review_level = None
        return _record(sess, warning, actor, "upheld", text=(text or "").strip() or None)
    if decision != "reopen":
        raise Invalid(
            "复核结论有误。", fields={"decision": "应为 uphold（维持）或 reopen（重新打开）"}
        )
    reason = _required(text, "comment", "重新打开须说明理由。")
    warning.status, warning.review_level = OPEN, None
    warning.decided_by_id = warning.decided_at = warning.decision_reason = None
    return _record(sess, warning, actor, "reopened", text=reason)


def _require_acting(actor: User, warning: Warning) -> str:
    level = acting_level(actor, warning)
    if level is None:
        raise Forbidden("只有村务监督委员会和纪检监察人员可以办理预警。")
    return level


def _require_status(warning: Warning, allowed: Iterable[str], message: str) -> None:
    if warning.status not in allowed:
        raise Conflict(message)


def _required(text: str | None, field: str, message: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise Invalid(message, fields={field: message})
    if len(cleaned) > MAX_TEXT:
        raise Invalid("内容太长。", fields={field: f"最多 {MAX_TEXT} 个字符"})
    return cleaned


def _decide(warning: Warning, actor: User, status: str, reason: str) -> None:
    warning.status = status
    warning.decided_by_id, warning.decided_at, warning.decision_reason = actor.id, utcnow(), reason


def _record(
    sess: Session,
    warning: Warning,
    actor: User | None,
    kind: str,
    *,
    text: str | None = None,
    data: dict | None = None,
) -> WarningEvent:
    """The action as the warning's history and as an audit event; ``actor`` None is the
    system (the sweep)."""
    now = utcnow()
    warning.updated_at = now
    event = WarningEvent(
        tenant_id=warning.tenant_id,
        warning_id=warning.id,
        actor_id=actor.id if actor else None,
        kind=kind,
        text=text,
        data=data or {},
        at=now,
    )
    sess.add(event)
    sess.flush()
    audit.record(
        sess,
        tenant_id=warning.tenant_id,
        action=f"warning.{kind}",
        subject_type="warning",
        subject_id=warning.id,
        payload={
            "rule": warning.rule,
            "subject": warning.subject,
            "severity": warning.severity,
            "status": warning.status,
            "text": text,
            **(data or {}),
        },
        actor=audit.actor_of(actor) if actor else audit.SYSTEM,
    )
    return event


# --- escalation ----------------------------------------------------------------------------


def escalate_warnings(sess: Session, tenant: Tenant, now: datetime) -> int:
    """Raise ``tenant``'s yellow warnings still waiting for a person after the configured
    working days to red; the number raised.

    Called by the sweep under its tenant lock; the conditional update (still yellow, still
    in work, never escalated) makes it exactly once even without the lock.
    """
    days = int(settings.value(tenant, ESCALATE_AFTER))
    calendar = calendar_for(sess, tenant)
    waiting = sess.execute(  # columns: most wait less than the days, and stay as they are
        select(Warning.id, Warning.opened_at).where(
            Warning.tenant_id == tenant.id,
            Warning.severity == "yellow",
            Warning.status.in_(IN_WORK),
            Warning.escalated_at.is_(None),
        )
    ).all()
    raised = 0
    for warning_id, opened_at in waiting:
        if calendar.working_days_between(opened_at, now) < days:
            continue
        done = sess.execute(
            update(Warning)
            .where(
                Warning.id == warning_id,
                Warning.severity == "yellow",
                Warning.status.in_(IN_WORK),
                Warning.escalated_at.is_(None),
            )
            .values(severity="red", escalated_at=now)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:
            continue  # another sweep raised it first
        warning = sess.get(Warning, warning_id, populate_existing=True)
        _record(sess, warning, None, "escalated", data={"from": "yellow", "days": days})
        raised += 1
    return raised
