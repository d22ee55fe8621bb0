"""``self_approval`` (自批自办): an approval passed by the person whose matter it is.

The engine refuses an approver who acted in the steps an approval's ``distinct_from`` names.
This rule looks further, whatever the definition says: the person who started the case, or
who completed its first step, must never be the one who approves it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.auth.models import User
from core.workflow import process
from core.workflow.models import Case, StepRun


def self_approvals(sess: Session, case: Case, run: StepRun) -> list[dict]:
    steps = process.steps(case)
    approvals = [step for step in steps[1:] if step["kind"] == "approval"]
    if not approvals:
        return []
    first = steps[0]
    own: dict[int, str] = {}
    if case.created_by_id:
        own[case.created_by_id] = "办件发起人"
    for done in case.runs:
        if done.step_key == first["key"] and done.status == "completed" and done.actor_id:
            own.setdefault(
                done.actor_id, f"第一个环节“{first.get('name') or first['key']}”的办理人"
            )
    found = []
    for step in approvals:
        approved = [
            done
            for done in case.runs
            if done.step_key == step["key"]
            and done.status == "completed"
            and (done.data or {}).get("decision") == "approve"
            and done.actor_id in own
        ]
        if not approved:
            continue
        approver = approved[-1].actor_id
        label = sess.get(User, approver).label
        found.append(
            {
                "subject": f"case:{case.id}:step:{step['key']}",
                "message": (
                    f"办件 {case.code}“{case.title}”的“{step.get('name') or step['key']}”由"
                    f"{label}审批同意，而此人是该办件的{own[approver]}，属于自己审批自己的事项。"
                ),
                "details": {"step": step["key"], "user_id": approver, "as": own[approver]},
            }
        )
    return found


SELF_APPROVAL = {
    "key": "self_approval",
    "name": "自批自办",
    "severity": "red",
    "description": "审批环节由办件的发起人或第一个环节的办理人审批同意。",
    "trigger": "step",
    "check": self_approvals,
}
