"""Operations on the relief ledger: what a completed case writes, what a notice may show,
and the rows a page lists.

A case writes its row when the county's decision to grant is recorded (``county_decision``
approved) — the moment the household becomes a recipient; a case returned and decided again
updates the same row. Excel import and export are in ``sheet``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from core.public.masking import is_minor
from core.workflow.models import Case, Notice, StepRun
from plugins.relief.items import BENEFITS
from plugins.relief.models import ReliefRecipient
from tenants.models import Village

#: the step whose approval makes the household a recipient
DECISION_STEP = "county_decision"
#: notice entries that name the applicant
PERSONAL_KEYS = frozenset({"applicant", "public_name"})
PER_PAGE = 50


def record_case(sess: Session, case: Case, run: StepRun) -> ReliefRecipient | None:
    """Write the household into the ledger once the county has granted the benefit."""
    benefit = BENEFITS.get(case.item.key)
    data = case.data or {}
    if benefit is None or run.step_key != DECISION_STEP or data.get("county_result") != "approve":
        return None
    applicant = data["applicant"]
    if benefit == "temporary":
        starts_on = ends_on = date.fromisoformat(data["paid_on"])
    else:
        starts_on, ends_on = date.fromisoformat(data["starts_on"]), None
    values = {
        "village_id": case.village_id,
        "case_id": case.id,
        "head_name": applicant["name"],
        "id_number": applicant["id_number"],
        "household_size": data.get("household_size", 1),
        "benefit": benefit,
        "amount": Decimal(data["amount"]),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "cause": data.get("cause"),
    }
    row = sess.scalar(
        select(ReliefRecipient).where(
            ReliefRecipient.tenant_id == case.tenant_id, ReliefRecipient.case_id == case.id
        )
    ) or _by_key(sess, case.tenant_id, values)
    if row is None:
        row = ReliefRecipient(tenant_id=case.tenant_id, **values)
        sess.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    sess.flush()
    return row


def _by_key(sess: Session, tenant_id: int, values: dict) -> ReliefRecipient | None:
    return sess.scalar(
        select(ReliefRecipient).where(
            ReliefRecipient.tenant_id == tenant_id,
            ReliefRecipient.id_number == values["id_number"],
            ReliefRecipient.benefit == values["benefit"],
            ReliefRecipient.starts_on == values["starts_on"],
        )
    )


def applicant_is_minor(case: Case, today: date) -> bool:
    """A minor by the clerk's 未成年人 answer, or by the birth date in the ID number."""
    data = case.data or {}
    applicant = data.get("applicant") or {}
    return bool(data.get("minor")) or (
        bool(applicant.get("id_number")) and is_minor(applicant["id_number"], today)
    )


def protect_minors(sess: Session, case: Case, today: date) -> None:
    """Take a minor applicant's name off the case's open notices (未成年人信息不公示)."""
    if not applicant_is_minor(case, today):
        return
    for notice in sess.scalars(
        select(Notice).where(Notice.case_id == case.id, Notice.status == "open")
    ):
        kept = [entry for entry in notice.published if entry.get("key") not in PERSONAL_KEYS]
        if len(kept) != len(notice.published):
            notice.published = kept


def recipients_page(
    sess: Session, *, village: Village | None, benefit: str | None, page: int
) -> tuple[list[ReliefRecipient], int, int]:
    """One page of the ledger in scope, newest grants first: ``(rows, page, pages)``."""
    query = select(ReliefRecipient)
    if village is not None:
        query = query.where(ReliefRecipient.village_id == village.id)
    if benefit:
        query = query.where(ReliefRecipient.benefit == benefit)
    total = sess.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    rows = sess.scalars(
        query.options(joinedload(ReliefRecipient.village))
        .order_by(ReliefRecipient.starts_on.desc(), ReliefRecipient.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    return list(rows), page, pages


def current_recipients(sess: Session, tenant_id: int, village_id: int, today: date) -> list:
    """The village's rows in force on ``today`` (a 临时救助 counts for its year), for the
    villager page; the caller leaves minors out."""
    year_ago = today - timedelta(days=365)
    rows = sess.scalars(
        select(ReliefRecipient)
        .where(
            ReliefRecipient.tenant_id == tenant_id,
            ReliefRecipient.village_id == village_id,
            ReliefRecipient.starts_on <= today,
        )
        .order_by(ReliefRecipient.benefit, ReliefRecipient.starts_on.desc())
    )
    return [
        row
        for row in rows
        if (row.ends_on is None or row.ends_on >= today)
        or (row.benefit == "temporary" and row.starts_on >= year_ago)
    ]
