"""What each step kind records, and the rules the engine enforces for it (DESIGN §4).

Each check raises ``Invalid`` (422) or ``Forbidden`` (403) with a Chinese message that names
the rule and the figures, so a clerk knows what to fix.
"""

from __future__ import annotations

from fractions import Fraction
from math import floor

from core.errors import Forbidden, Invalid
from core.workflow.models import StepRun
from formbuilder.definitions import parse_fraction

#: data keys each kind takes besides its declared fields
BUILT_IN = {
    "meeting": ("expected", "present", "for", "against", "abstain"),
    "approval": ("decision", "comment"),
    "countersign": ("role",),
}
TALLY_LABELS = {
    "expected": "应到人数",
    "present": "实到人数",
    "for": "同意票",
    "against": "反对票",
    "abstain": "弃权票",
}


def meeting_tally(step: dict, data: dict) -> dict[str, int]:
    """The vote tally of a meeting, checked for quorum and majority."""
    tally, errors = {}, {}
    for key, label in TALLY_LABELS.items():
        value = data.get(key)
        if type(value) is str and value.strip().isdigit():
            value = int(value)
        if type(value) is not int or value < 0:
            errors[key] = f"请填写{label}（非负整数）。"
        else:
            tally[key] = value
    if errors:
        raise Invalid("请完整填写会议的到会和表决情况。", fields=errors)
    if tally["present"] > tally["expected"]:
        raise Invalid("实到人数不能多于应到人数。", fields={"present": "多于应到人数"})
    if tally["for"] + tally["against"] + tally["abstain"] > tally["present"]:
        raise Invalid("同意、反对、弃权票数之和不能多于实到人数。", fields={"for": "票数超出"})
    _check_quorum(step, tally)
    _check_majority(step, tally)
    return tally


def _check_quorum(step: dict, tally: dict[str, int]) -> None:
    quorum = parse_fraction(step.get("quorum")) if step.get("quorum") else None
    if quorum is None:
        return
    need = _at_least(quorum, tally["expected"])
    if tally["present"] < need:
        raise Invalid(
            f"会议未达到规定人数：应到 {tally['expected']} 人，实到 {tally['present']} 人，"
            f"须至少 {need} 人（{step['quorum']}）到会，不能作出决定。",
            code="quorum_short",
            fields={"present": f"须至少 {need} 人"},
        )


def _check_majority(step: dict, tally: dict[str, int]) -> None:
    majority = parse_fraction(step.get("majority")) if step.get("majority") else None
    if majority is None:
        return
    of_expected = step.get("majority_of") == "expected"
    base = tally["expected"] if of_expected else tally["present"]
    need = floor(majority * base) + 1  # "more than" the share
    if tally["for"] < need:
        who = "应到" if of_expected else "实到"
        raise Invalid(
            f"表决未获通过：同意 {tally['for']} 票，须超过{who} {base} 人的 {step['majority']}，"
            f"即至少 {need} 票。",
            code="majority_short",
            fields={"for": f"须至少 {need} 票"},
        )


def _at_least(share: Fraction, of: int) -> int:
    """The smallest whole number of people that is at least ``share`` of ``of``."""
    count = share * of
    return int(count) if count.denominator == 1 else floor(count) + 1


def approval_decision(data: dict) -> tuple[str, str]:
    decision = data.get("decision")
    if decision not in ("approve", "return"):
        raise Invalid(
            "请选择审批意见：同意（approve）或退回（return）。", fields={"decision": "请选择"}
        )
    comment = str(data.get("comment") or "").strip()
    if decision == "return" and not comment:
        raise Invalid("退回时请写明理由。", fields={"comment": "必填"})
    return decision, comment


def check_distinct(step: dict, runs: list[StepRun], user_id: int, step_names: dict) -> None:
    """Refuse an approver who acted in a step the approval must be independent of."""
    for key in step.get("distinct_from") or ():
        for run in runs:
            inside = run.step_key == key or run.step_key.startswith(f"{key}.")
            if inside and run.status == "completed" and run.actor_id == user_id:
                raise Forbidden(
                    f"不能审批自己经办的事项：您办理了“{step_names.get(run.step_key, key)}”，"
                    f"本环节须由其他人审批。",
                    code="self_approval",
                )


def countersign(
    step: dict, run: StepRun, user_id: int, role: str, held: bool, role_names: dict
) -> bool:
    """Add ``user_id``'s signature for ``role``; True once every listed role has signed."""
    roles = step.get("roles") or []
    if role not in roles:
        raise Invalid("请选择要以哪个角色会签。", fields={"role": "不在会签角色中"})
    if not held:
        raise Forbidden(
            f"您不是本村的{role_names.get(role, role)}，不能以该角色会签。", code="wrong_role"
        )
    signed = run.signatures or []
    if any(s["role"] == role for s in signed):
        raise Invalid(f"{role_names.get(role, role)}已经会签过了。", code="already_signed")
    if any(s["user_id"] == user_id for s in signed):
        raise Forbidden(
            "联审联签须由不同的人分别签字，同一人不能为两个角色会签。", code="same_signer"
        )
    run.signatures = [*signed, {"role": role, "user_id": user_id}]
    return {s["role"] for s in run.signatures} >= set(roles)
