"""The engine: completing, returning and transferring steps, and moving a case on.

What the law makes mandatory is refused here, with a message naming the rule: the wrong
person, a step out of turn, a meeting without quorum or majority, a countersign by one person
for two roles, an approver judging their own matter, a notice closed early or over an open
objection. Every change bumps the case's version, so of two people completing the same step
at once exactly one succeeds.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from core import rules, settings
from core.audit import actor_of, record
from core.auth.models import User
from core.db import utcnow
from core.errors import Conflict, Forbidden, Invalid, NotFound
from core.plugins import tenant_hook
from formbuilder import conditions
from formbuilder.fieldtypes import clean_submission
from formbuilder.fieldtypes.submission import field_type

from . import kinds, notices, process
from .deadlines import due_at
from .models import Case, StepRun
from .roles import holders, role_name


def complete_step(
    sess: Session,
    case: Case,
    step_key: str,
    user: User,
    data: dict,
    *,
    on_behalf_of: dict | None = None,
) -> StepRun:
    """Record ``user``'s work on the active step ``step_key`` and move the case on."""
    run = _active_run(case, step_key)
    step = process.step(case, step_key)
    if step["kind"] != "countersign":
        _check_actor(sess, case, run, step, user)
    values = _step_values(step, data)
    finished = True
    if step["kind"] == "meeting":
        values |= kinds.meeting_tally(step, data)
    elif step["kind"] == "approval":
        kinds.check_distinct(step, case.runs, user.id, process.step_names(case))
        decision, comment = kinds.approval_decision(data)
        values |= {"decision": decision, "comment": comment}
    elif step["kind"] == "countersign":
        role = data.get("role")
        finished = kinds.countersign(
            step,
            run,
            user.id,
            role,
            user.id in holders(sess, case.tenant_id, case.village_id, role) if role else False,
            process.role_names(sess),
        )
    elif step["kind"] == "notice":
        notices.check_can_close(sess, run)
    run.data = {**(run.data or {}), **values}
    run.on_behalf_of = on_behalf_of or run.on_behalf_of
    _touch(case)
    if not finished:
        audit(sess, case, "step.signed", run, user, {"role": data.get("role")})
        sess.flush()
        return run
    _finish(sess, case, run, step, user.id)
    if step["kind"] == "approval" and values["decision"] == "return":
        _reopen(sess, case, step["return_to"], f"审批退回：{values['comment']}")
    else:
        _advance(sess, case, step)
    _completed(sess, case, run, user, {"data": run.data, "on_behalf_of": on_behalf_of})
    return run


def complete_as_system(sess: Session, case: Case, step_key: str) -> StepRun:
    """Close the notice step ``step_key`` as the platform and move the case on.

    What the sweep does for a notice whose days are over: the same checks as a person's
    closing (no earlier than its days, no open objection). The run keeps no actor, and the
    audit entry names the session's actor — the system, in the sweep.
    """
    run = _active_run(case, step_key)
    step = process.step(case, step_key)
    if step["kind"] != "notice":
        raise Conflict("只有公示环节可以由系统自动结束。", code="not_a_notice")
    notices.check_can_close(sess, run)
    _touch(case)
    _finish(sess, case, run, step, None)
    _advance(sess, case, step)
    _completed(sess, case, run, None, {"data": run.data, "by": "sweep"})
    return run


def return_case(sess: Session, case: Case, to_step: str, user: User, reason: str) -> StepRun:
    """退回: the holder of an active step sends the case back to an earlier step."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("退回时请写明理由。", fields={"reason": "必填"})
    if case.status not in ("open", "returned") or not case.active_runs:
        raise Conflict("该办件没有正在办理的环节，不能退回。", code="not_open")
    run = case.active_runs[0]
    _check_actor(sess, case, run, process.step(case, run.step_key), user)
    if not any(r.step_key == to_step and r.status == "completed" for r in case.runs):
        raise Invalid("只能退回到已经办理过的环节。", fields={"to_step": "未办理过"})
    for active in case.active_runs:
        active.status, active.completed_at, active.actor_id = "returned", utcnow(), user.id
        active.note = reason
    reopened = _reopen(sess, case, to_step, reason)
    audit(sess, case, "case.returned", reopened, user, {"to": to_step, "reason": reason})
    sess.flush()
    return reopened


def transfer_step(sess: Session, case: Case, step_key: str, user: User, to_user: User) -> StepRun:
    """转办: hand the active step to another holder of its role in the case's village."""
    run = _active_run(case, step_key)
    step = process.step(case, step_key)
    _check_actor(sess, case, run, step, user)
    if to_user.id not in holders(sess, case.tenant_id, case.village_id, step["role"]):
        raise Invalid(
            f"{to_user.label}不是本村的{role_name(sess, step['role'])}，不能转办给他。",
            fields={"to_user": "角色不符"},
        )
    run.assignee_id = to_user.id
    _touch(case)
    audit(sess, case, "step.transferred", run, user, {"to_user": to_user.id})
    sess.flush()
    return run


def withdraw_case(sess: Session, case: Case, user: User, reason: str, *, is_admin: bool) -> Case:
    """撤销: the person who started the case, or a township admin, withdraws it with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("撤销时请写明理由。", fields={"reason": "必填"})
    if case.status in ("completed", "withdrawn"):
        raise Conflict(f"该办件{case.status_label}，不能撤销。", code="closed")
    if case.created_by_id != user.id and not is_admin:
        raise Forbidden("只有发起人或乡镇管理员可以撤销办件。")
    for run in case.active_runs:
        run.status, run.completed_at = "cancelled", utcnow()
    notices.close_all(sess, case)
    case.status, case.closed_at, case.withdraw_reason = "withdrawn", utcnow(), reason
    _touch(case)
    audit(sess, case, "case.withdrawn", None, user, {"reason": reason})
    sess.flush()
    return case


def activate(sess: Session, case: Case, step_key: str, at: datetime | None = None) -> StepRun:
    """Open a run of ``step_key``: its deadline, and for a notice its posting."""
    step = process.step(case, step_key)
    started = at or utcnow()
    run = StepRun(
        tenant_id=case.tenant_id,
        case=case,
        village_id=case.village_id,
        step_key=step_key,
        status="active",
        started_at=started,
        due_at=due_at(sess, case, step, started),
    )
    sess.add(run)
    sess.flush()
    if step["kind"] == "notice":
        notices.post(sess, case, run, step)
    return run


def case_tenant(sess: Session, case: Case):
    from tenants.models import Tenant

    return sess.get(Tenant, case.tenant_id)


# --- internals -----------------------------------------------------------------------------


def _active_run(case: Case, step_key: str) -> StepRun:
    if case.status in ("completed", "withdrawn"):
        raise Conflict(f"该办件{case.status_label}，不能再办理。", code="closed")
    run = next((r for r in case.active_runs if r.step_key == step_key), None)
    if run is None:
        if not process.has_step(case, step_key):
            raise NotFound("该事项没有这个环节。")
        current = (
            "、".join(
                process.step_names(case).get(r.step_key, r.step_key) for r in case.active_runs
            )
            or "无"
        )
        raise Conflict(
            f"现在不能办理该环节：请按流程顺序办理，当前环节是“{current}”。", code="not_active"
        )
    return run


def _check_actor(sess: Session, case: Case, run: StepRun, step: dict, user: User) -> None:
    if run.assignee_id is not None and run.assignee_id != user.id:
        raise Forbidden("该环节已转办给他人办理。", code="transferred")
    if user.id not in holders(sess, case.tenant_id, case.village_id, step["role"]):
        raise Forbidden(
            f"本环节须由本村的{role_name(sess, step['role'])}办理，您没有这个角色。",
            code="wrong_role",
        )


def _step_values(step: dict, data: dict) -> dict:
    """The step's declared fields, cleaned and stored as JSON; unknown keys are refused."""
    if not isinstance(data, dict):
        raise Invalid("提交的内容应为一个对象。")
    fields = step.get("fields") or []
    known = {f["key"] for f in fields} | set(kinds.BUILT_IN.get(step["kind"], ()))
    unknown = sorted(set(data) - known)
    if unknown:
        raise Invalid("提交了本环节没有的字段。", fields={k: "没有这个字段" for k in unknown})
    cleaned, errors = clean_submission(fields, data)
    if errors:
        raise Invalid("填写的内容有误，请按提示修改。", fields=errors)
    by_key = {f["key"]: f for f in fields}
    return {k: field_type(by_key[k]).dump(v, by_key[k]) for k, v in cleaned.items()}


def _finish(sess: Session, case: Case, run: StepRun, step: dict, user_id: int | None) -> None:
    run.status, run.completed_at, run.actor_id = "completed", utcnow(), user_id
    case.data = {
        **(case.data or {}),
        **{k: v for k, v in run.data.items() if k not in kinds.BUILT_IN.get(step["kind"], ())},
    }
    if step["kind"] == "notice":
        notices.close(sess, run)


def _advance(sess: Session, case: Case, step: dict) -> None:
    """Follow the first branch whose condition holds, else ``next``; none left: completed.

    Conditions read the case's data and, as ``settings.<key>``, the local figures in force
    for the tenant when the branch is decided.
    """
    branches = step.get("branches") or ()
    facts = dict(case.data or {})
    if branches:
        facts["settings"] = settings.nested(settings.values(case_tenant(sess, case)))
    target = next(
        (b["goto"] for b in branches if conditions.truthy(b["when"], facts)), step.get("next")
    )
    if target is None:
        case.status, case.closed_at = "completed", utcnow()
        return
    case.status = "open"
    activate(sess, case, target)


def _reopen(sess: Session, case: Case, step_key: str, reason: str) -> StepRun:
    case.status = "returned"
    run = activate(sess, case, step_key)
    run.note = reason
    return run


def _completed(sess: Session, case: Case, run: StepRun, user: User | None, payload) -> None:
    """What follows every completed step: the audit entry, the plugins' side effects, and
    the warning rules, all in the transaction that completes it."""
    audit(sess, case, "step.completed", run, user, payload)
    tenant_hook(case_tenant(sess, case), "qingdan_step_completed")(case=case, step_run=run)
    rules.on_step_completed(sess, case, run)
    sess.flush()


def _touch(case: Case) -> None:
    """Mark the case changed, so its version is checked and bumped on flush."""
    case.updated_at = utcnow()


def audit(sess, case: Case, action: str, run: StepRun | None, user: User | None, payload):
    """Append the case's change to the tenant's audit chain."""
    record(
        sess,
        tenant_id=case.tenant_id,
        action=action,
        subject_type="case",
        subject_id=case.id,
        payload={"code": case.code, "step": run.step_key if run else None, **payload},
        actor=actor_of(user) if user else None,
    )
