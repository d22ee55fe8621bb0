"""The publicity register (公开台账): written when a publicity case puts its posting up, read
by staff, the villager page and the ``missing_publicity`` rule, exported to and imported from
Excel."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from core.documents.xlsx import ImportResult
from core.workflow.models import Case, StepRun
from tenants.models import Tenant, Village

from .items import CATEGORY
from .models import CATEGORIES, Posting

DOMAIN = "transparency"
#: the notice step that puts a posting up
POST = "post"
SUPERVISOR = "village_supervisor"

YES, NO = "是", "否"
COLUMNS = [
    {"key": "village_code", "type": "text", "label": "村代码", "required": True},
    {"key": "village_name", "type": "text", "label": "村名称"},
    {
        "key": "category",
        "type": "choice",
        "label": "公开类别",
        "required": True,
        "options": [{"value": c, "label": c} for c in CATEGORIES],
    },
    {"key": "period", "type": "text", "label": "公开期间", "required": True, "max_length": 40},
    {"key": "title", "type": "text", "label": "公开事项", "required": True},
    {"key": "posted_on", "type": "date", "label": "张贴日期", "required": True},
    {
        "key": "days",
        "type": "integer",
        "label": "公开天数",
        "required": True,
        "min": 1,
        "max": 3650,
    },
    {
        "key": "reviewed",
        "type": "choice",
        "label": "监委会审核",
        "required": True,
        "options": [{"value": YES, "label": YES}, {"value": NO, "label": NO}],
    },
]


def record(case: Case, run: StepRun) -> Posting | None:
    """Write the posting of a publicity case whose ``post`` notice is up: called after each
    of its steps, it records each run of the notice once, dated the day the notice started."""
    if case.item.domain != DOMAIN:
        return None
    posting_run = next(
        (
            r
            for r in reversed(case.runs)
            if r.step_key == POST and r.status in ("active", "completed")
        ),
        None,
    )
    if posting_run is None:
        return None
    sess = object_session(case)
    found = sess.scalar(
        select(Posting).where(
            Posting.tenant_id == case.tenant_id, Posting.step_run_id == posting_run.id
        )
    )
    if found is not None:
        return found
    steps = {s["key"]: s for s in case.process.steps}
    zone = ZoneInfo(sess.get(Tenant, case.tenant_id).timezone)
    posted_on = posting_run.started_at.astimezone(zone).date()
    data = case.data or {}
    posting = Posting(
        tenant_id=case.tenant_id,
        village_id=case.village_id,
        case_id=case.id,
        step_run_id=posting_run.id,
        category=data.get("category") or CATEGORY.get(case.item.key, "村务"),
        period=str(data.get("period") or f"{posted_on.year}年{posted_on.month}月")[:40],
        title=_title(case, data)[:200],
        posted_on=posted_on,
        days=int(steps[POST].get("notice_days") or 1),
        reviewed=reviewed(case),
    )
    sess.add(posting)
    sess.flush()
    return posting


def reviewed(case: Case) -> bool:
    """Whether the supervision committee passed the case before its posting went up."""
    roles = {s["key"]: s.get("role") for s in case.process.steps}
    return any(
        r.status == "completed"
        and roles.get(r.step_key) == SUPERVISOR
        and (r.data or {}).get("decision") != "return"
        for r in case.runs
    )


def _title(case: Case, data: dict) -> str:
    if data.get("title"):
        return str(data["title"])
    if data.get("subject"):
        return f"村民质询答复：{data['subject']}"
    if data.get("period"):
        return f"{data['period']}财务收支情况"
    return case.title


def postings(sess: Session, village: Village | None = None) -> list[Posting]:
    """The register as the session's scope sees it, newest posting first."""
    query = select(Posting).order_by(Posting.posted_on.desc(), Posting.id.desc())
    if village is not None:
        query = query.where(Posting.village_id == village.id)
    return list(sess.scalars(query))


def latest_by_category(sess: Session, tenant: Tenant, village: Village) -> dict[str, Posting]:
    """Each category's latest posting of ``village`` (categories never posted are left out)."""
    latest: dict[str, Posting] = {}
    for posting in sess.scalars(
        select(Posting)
        .where(Posting.tenant_id == tenant.id, Posting.village_id == village.id)
        .order_by(Posting.posted_on.desc(), Posting.id.desc())
    ):
        latest.setdefault(posting.category, posting)
    return {c: latest[c] for c in CATEGORIES if c in latest}


def as_row(posting: Posting) -> dict:
    return {
        "village_code": posting.village.code,
        "village_name": posting.village.name,
        "category": posting.category,
        "period": posting.period,
        "title": posting.title,
        "posted_on": posting.posted_on.isoformat(),
        "days": posting.days,
        "reviewed": YES if posting.reviewed else NO,
    }


def import_rows(sess: Session, township: Tenant, result: ImportResult) -> ImportResult:
    """Store the good rows for ``township``'s villages; a village it does not have is a row
    error like any other."""
    villages = {
        v.code: v for v in sess.scalars(select(Village).where(Village.tenant_id == township.id))
    }
    kept = ImportResult(errors=list(result.errors))
    for number, row in result.rows:
        village = villages.get(row["village_code"])
        if village is None:
            kept.errors.append((number, f"村代码：本乡镇没有代码为 {row['village_code']} 的村"))
            continue
        sess.add(
            Posting(
                tenant_id=township.id,
                village_id=village.id,
                category=row["category"],
                period=row["period"],
                title=row["title"],
                posted_on=date.fromisoformat(row["posted_on"]),
                days=row["days"],
                reviewed=row["reviewed"] == YES,
            )
        )
        kept.rows.append((number, row))
    kept.errors.sort()
    sess.flush()
    return kept
