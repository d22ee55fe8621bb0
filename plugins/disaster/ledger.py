"""Operations on the disaster roster: what completed steps write, and the rows pages list.

The county's approval puts the household on the roster as 待发放 (to be paid); the
one-card payment marks it 已发放. Relief goods are on the roster once handed out, each
household at the value of what it received. A case returned and decided again updates its
rows rather than adding more.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from core.workflow.models import Case, StepRun
from plugins.disaster.items import CATEGORIES
from plugins.disaster.models import DisasterRecipient
from tenants.models import Village

PER_PAGE = 50


def record_case(sess: Session, case: Case, run: StepRun) -> None:
    """Bring the roster up to date with the step ``run`` of ``case`` just completed."""
    category = CATEGORIES.get(case.item.key)
    data = case.data or {}
    if category is None:
        return
    if run.step_key == "distribute" and category == "goods":
        day = date.fromisoformat(data["distributed_on"])
        for given in data["recipients"]:
            _save(sess, case, category, _goods_values(given, day))
    elif run.step_key == "county_decision" and data.get("county_result") == "approve":
        _save(sess, case, category, _grant_values(data), by_case=True)
    elif run.step_key == "payment":
        for row in _case_rows(sess, case):
            row.status = "paid"
    sess.flush()


def _grant_values(data: dict) -> dict:
    head = data["head"]
    return {
        "head_name": head["name"],
        "id_number": head["id_number"],
        "household_size": data["household_size"],
        "period_start": date.fromisoformat(data["period_start"]),
        "period_end": date.fromisoformat(data["period_end"]),
        "amount": Decimal(data["approved_amount"]),
        "status": "pending",
    }


def _goods_values(given: dict, day: date) -> dict:
    return {
        "head_name": given["head_name"],
        "id_number": given["id_number"],
        "household_size": given["household_size"],
        "period_start": day,
        "period_end": day,
        "amount": Decimal(given["value"]),
        "status": "paid",
    }


def _case_rows(sess: Session, case: Case) -> list[DisasterRecipient]:
    return list(
        sess.scalars(
            select(DisasterRecipient).where(
                DisasterRecipient.tenant_id == case.tenant_id,
                DisasterRecipient.case_id == case.id,
            )
        )
    )


def _save(sess: Session, case: Case, category: str, values: dict, by_case: bool = False) -> None:
    """Update the case's row (one grant per case) or the household's row for the same
    category and period start; else add one."""
    values |= {"village_id": case.village_id, "case_id": case.id, "category": category}
    row = (_case_rows(sess, case) or [None])[0] if by_case else None
    row = row or sess.scalar(
        select(DisasterRecipient).where(
            DisasterRecipient.tenant_id == case.tenant_id,
            DisasterRecipient.id_number == values["id_number"],
            DisasterRecipient.category == category,
            DisasterRecipient.period_start == values["period_start"],
        )
    )
    if row is None:
        sess.add(DisasterRecipient(tenant_id=case.tenant_id, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    sess.flush()


def recipients_page(
    sess: Session, *, village: Village | None, category: str | None, page: int
) -> tuple[list[DisasterRecipient], int, int]:
    """One page of the roster in scope, newest periods first: ``(rows, page, pages)``."""
    query = select(DisasterRecipient)
    if village is not None:
        query = query.where(DisasterRecipient.village_id == village.id)
    if category:
        query = query.where(DisasterRecipient.category == category)
    total = sess.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    rows = sess.scalars(
        query.options(joinedload(DisasterRecipient.village))
        .order_by(DisasterRecipient.period_start.desc(), DisasterRecipient.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    return list(rows), page, pages


def recent_recipients(sess: Session, tenant_id: int, village_id: int, today: date) -> list:
    """The village's grants of the past year (and those still running), for the villager
    page; the caller leaves minors out."""
    return list(
        sess.scalars(
            select(DisasterRecipient)
            .where(
                DisasterRecipient.tenant_id == tenant_id,
                DisasterRecipient.village_id == village_id,
                DisasterRecipient.period_end >= today - timedelta(days=365),
                DisasterRecipient.period_start <= today,
            )
            .order_by(DisasterRecipient.period_start.desc(), DisasterRecipient.id)
        )
    )
