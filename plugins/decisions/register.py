"""The register of resolutions (决议台账): written by resolving meetings, read by staff,
exported to and imported from Excel.

A resolving meeting is the ``resolve`` step of a 四议两公开 block (``<key>.resolve``), or a
meeting step keyed ``resolve`` (the villagers' meeting of 村规民约 and 一事一议). Any domain's
case that passes one is recorded: the register is the village's, not one item's.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from core.documents.xlsx import ImportResult
from core.workflow.models import Case, StepRun
from tenants.models import Tenant, Village

from .models import Resolution

RESOLVE = "resolve"

_COUNT = {"type": "integer", "required": True, "min": 0}
#: the register's columns, as field definitions (Excel import and export judge cells by them)
COLUMNS = [
    {"key": "village_code", "type": "text", "label": "村代码", "required": True},
    {"key": "village_name", "type": "text", "label": "村名称"},
    {"key": "case_code", "type": "text", "label": "办件编号", "max_length": 40},
    {"key": "matter", "type": "text", "label": "决策事项", "required": True},
    {"key": "meeting", "type": "text", "label": "表决会议", "required": True, "max_length": 100},
    {"key": "meeting_date", "type": "date", "label": "会议日期", "required": True},
    {"key": "expected", "label": "应到人数", **_COUNT},
    {"key": "present", "label": "实到人数", **_COUNT},
    {"key": "votes_for", "label": "同意票", **_COUNT},
    {"key": "votes_against", "label": "反对票", **_COUNT},
    {"key": "votes_abstain", "label": "弃权票", **_COUNT},
    {"key": "resolution", "type": "textarea", "label": "决议内容", "required": True},
]
#: what a row stores besides its village
STORED = [c["key"] for c in COLUMNS if c["key"] not in ("village_code", "village_name")]


def is_resolution(step: dict) -> bool:
    """Whether completing ``step`` passes a resolution."""
    if step.get("kind") != "meeting":
        return False
    group = step.get("group")
    return step["key"] == (f"{group}.{RESOLVE}" if group else RESOLVE)


def record(case: Case, run: StepRun) -> Resolution | None:
    """Write the resolution ``run`` passed, if it is a resolving meeting (once per run)."""
    step = next((s for s in case.process.steps if s["key"] == run.step_key), {})
    if not is_resolution(step):
        return None
    sess = object_session(case)
    found = sess.scalar(
        select(Resolution).where(
            Resolution.tenant_id == case.tenant_id, Resolution.step_run_id == run.id
        )
    )
    if found is not None:
        return found
    zone = ZoneInfo(sess.get(Tenant, case.tenant_id).timezone)
    data, tally = case.data or {}, run.data or {}
    resolution = Resolution(
        tenant_id=case.tenant_id,
        village_id=case.village_id,
        case_id=case.id,
        step_run_id=run.id,
        case_code=case.code,
        matter=str(data.get("matter") or case.title)[:200],
        meeting=(step.get("name") or "村民会议")[:100],
        meeting_date=run.completed_at.astimezone(zone).date(),
        expected=tally["expected"],
        present=tally["present"],
        votes_for=tally["for"],
        votes_against=tally["against"],
        votes_abstain=tally["abstain"],
        resolution=str(data.get("draft_resolution") or f"同意{case.title}。"),
    )
    sess.add(resolution)
    sess.flush()
    return resolution


def resolutions(sess: Session, village: Village | None = None) -> list[Resolution]:
    """The register as the session's scope sees it, newest meeting first."""
    query = select(Resolution).order_by(Resolution.meeting_date.desc(), Resolution.id.desc())
    if village is not None:
        query = query.where(Resolution.village_id == village.id)
    return list(sess.scalars(query))


def as_row(resolution: Resolution) -> dict:
    """One register row as the Excel columns hold it."""
    row = {key: getattr(resolution, key) for key in STORED}
    row["meeting_date"] = resolution.meeting_date.isoformat()
    return row | {"village_code": resolution.village.code, "village_name": resolution.village.name}


def import_rows(sess: Session, township: Tenant, result: ImportResult) -> ImportResult:
    """Store the good rows of an imported sheet for ``township``'s villages; rows naming a
    village the township does not have, or votes that do not add up, join the errors."""
    villages = {
        v.code: v for v in sess.scalars(select(Village).where(Village.tenant_id == township.id))
    }
    kept = ImportResult(errors=list(result.errors))
    for number, row in result.rows:
        fault = _fault(row, villages)
        if fault:
            kept.errors.append((number, fault))
            continue
        sess.add(
            Resolution(
                tenant_id=township.id,
                village_id=villages[row["village_code"]].id,
                **{key: row.get(key) for key in STORED}
                | {"meeting_date": date.fromisoformat(row["meeting_date"])},
            )
        )
        kept.rows.append((number, row))
    kept.errors.sort()
    sess.flush()
    return kept


def _fault(row: dict, villages: dict[str, Village]) -> str | None:
    if row["village_code"] not in villages:
        return f"村代码：本乡镇没有代码为 {row['village_code']} 的村"
    if row["present"] > row["expected"]:
        return "实到人数：不能多于应到人数"
    if row["votes_for"] + row["votes_against"] + row["votes_abstain"] > row["present"]:
        return "同意票：同意、反对、弃权票数之和不能多于实到人数"
    return None
