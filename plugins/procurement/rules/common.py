"""What the procurement rules share: reading a case's amounts and the quotes it recorded."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from core.workflow.models import Case
from plugins.procurement.models import METHODS

QUOTATION = "procurement.quotation"
WORKS = "procurement.small_works"


def decimal(value) -> Decimal | None:
    """A stored money value (``"1234.50"``) as a Decimal; None when absent or unreadable."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def case_amount(case: Case) -> Decimal | None:
    """The larger of the budget and the award: a budget kept low to choose an easy tier
    and an award above it is exactly what the tier rules look for."""
    data = case.data or {}
    found = [decimal(data.get(key)) for key in ("amount", "award_amount")]
    return max((n for n in found if n is not None), default=None)


def award_steps_done(case: Case) -> set[str]:
    """The award steps (their keys are the award methods) completed in the case."""
    return {r.step_key for r in case.runs if r.status == "completed" and r.step_key in METHODS}


def yuan(amount: Decimal) -> str:
    return f"{amount:,.2f} 元"
