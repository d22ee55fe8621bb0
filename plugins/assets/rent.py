"""What a contract's lessee owes: rent by contract year, paid in advance (按合同年度预交).

Year *k* of a contract starts on the anniversary of its first day and its rent is due that
day; a last, shorter year is charged pro rata by days. What was due by a day and is not
covered by the payments is in arrears since the due day of the oldest year not paid in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from plugins.assets.models import Contract, yuan
from tenants.models import Tenant

FEN = Decimal("0.01")


@dataclass(frozen=True)
class Period:
    starts: date
    #: the day after its last day
    ends: date
    rent: Decimal


def anniversary(day: date, years: int) -> date:
    """``day`` ``years`` later; 29 February falls back to the 28th in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def periods(contract: Contract) -> list[Period]:
    """The contract years, the last one cut at the contract's end and charged pro rata."""
    found, year = [], 0
    after_end = contract.ends_on + timedelta(days=1)
    starts = contract.starts_on
    while starts < after_end:
        full = anniversary(contract.starts_on, year + 1)
        ends = min(full, after_end)
        share = Decimal((ends - starts).days) / Decimal((full - starts).days)
        found.append(Period(starts, ends, (contract.annual_rent * share).quantize(FEN)))
        year, starts = year + 1, full
    return found


def arrears(contract: Contract, as_of: date) -> tuple[Decimal, date | None]:
    """The rent due by ``as_of`` that the payments do not cover, and since when it is due."""
    paid = yuan(sum(p.amount_fen for p in contract.payments))
    due, since = Decimal("0.00"), None
    for period in periods(contract):
        if period.starts > as_of:
            break
        due += period.rent
        if since is None and due > paid:
            since = period.starts
    return max(due - paid, Decimal("0.00")), since


def local_today(tenant: Tenant, now: datetime) -> date:
    """The day ``now`` (UTC) falls on by the township's clock: rent falls due by days."""
    return now.astimezone(ZoneInfo(tenant.timezone)).date()
