"""``quorum_fail`` (会议人数或表决不足): a meeting recorded short of quorum or majority.

The engine enforces the figures a meeting step sets. A step may set no quorum, though, and
then nothing stops a meeting of five out of fifty. This rule measures every recorded
meeting by its step's figures and, where the step sets no quorum, by the default for its
kind (DOMAIN §2): the 四议两公开 meetings by the block's defaults — which leave the two
committees' joint meeting without one — and any other meeting by "at least 2/3 present".
"""

from __future__ import annotations

from fractions import Fraction
from math import ceil, floor

from sqlalchemy.orm import Session

from core.workflow import process
from core.workflow.models import Case, StepRun
from formbuilder.definitions import parse_fraction
from formbuilder.definitions.blocks import BLOCKS

#: a meeting outside the blocks: present ≥ 2/3 of those expected (DESIGN §4)
DEFAULT_QUORUM = "2/3"
TALLY = ("expected", "present", "for")


def short_meetings(sess: Session, case: Case, run: StepRun) -> list[dict]:
    found = []
    for step in process.steps(case):
        if step["kind"] != "meeting":
            continue
        held = [r for r in case.runs if r.step_key == step["key"] and r.status == "completed"]
        for done in reversed(held):
            problem = _shortfall(step, done.data or {})
            if problem:
                found.append(
                    {
                        "subject": f"case:{case.id}:step:{step['key']}",
                        "message": f"办件 {case.code}“{case.title}”的“{step['name']}”{problem}",
                        "details": {"step": step["key"], **{k: done.data[k] for k in TALLY}},
                    }
                )
                break
    return found


def _shortfall(step: dict, data: dict) -> str | None:
    """What the tally misses, in words; None if it meets both figures or was not recorded."""
    if any(type(data.get(key)) is not int for key in TALLY):
        return None
    expected, present, votes = data["expected"], data["present"], data["for"]
    quorum, note = step.get("quorum"), ""
    if not quorum:
        quorum = _default_quorum(step)
        note = f"（本环节未规定到会比例，按默认标准 {quorum} 计）" if quorum else ""
    if quorum:
        need = ceil(_fraction(quorum) * expected)
        if present < need:
            return (
                f"到会人数不足：应到 {expected} 人，实到 {present} 人，"
                f"须至少 {need} 人（{quorum}）到会{note}。"
            )
    majority = step.get("majority")
    if majority:
        of_expected = step.get("majority_of") == "expected"
        base = expected if of_expected else present
        need = floor(_fraction(majority) * base) + 1
        if votes < need:
            return (
                f"表决未达到通过比例：同意 {votes} 票，须超过{'应到' if of_expected else '实到'} "
                f"{base} 人的 {majority}，即至少 {need} 票。"
            )
    return None


def _default_quorum(step: dict) -> str | None:
    """The quorum DOMAIN §2 sets for a meeting of this kind (None: the kind sets none)."""
    for block in BLOCKS.values():
        if block["name"] != step.get("group_name"):
            continue
        for sub in block["steps"]:
            if step["key"].endswith(f".{sub['key']}"):
                return sub.get("quorum")
    return DEFAULT_QUORUM


def _fraction(text: str) -> Fraction:
    value = parse_fraction(text)
    if value is None:
        raise ValueError(f"无法识别的比例 {text!r}")
    return value


QUORUM_FAIL = {
    "key": "quorum_fail",
    "name": "会议人数或表决不足",
    "severity": "red",
    "description": "会议记录的到会人数或同意票数达不到规定比例；环节未规定到会比例的，"
    "按四议两公开的默认标准（一般会议须三分之二以上到会）衡量。",
    "trigger": "step",
    "check": short_meetings,
}
