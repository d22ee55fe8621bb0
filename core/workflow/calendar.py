"""Working days (工作日): when a time limit ends, and how late something is.

Time limits count working days by the official calendar the State Council announces each
year — public holidays (法定节假日) and the make-up working days (调休上班) that go with them —
as the ``chinese-calendar`` package records it, unless a definition says calendar days.
The package knows only the years announced when it was released (:data:`OFFICIAL_YEARS`);
beyond them Saturdays and Sundays are rest days and the county's own entries decide the rest.
A county's entries (see ``core.workflow.holidays``) win over the package in any year, so a
county can also add local holidays (民族自治地方的节日) or correct a late change.

The rule, exactly:

* Days are counted in the tenant's time zone (``Tenant.timezone``, Asia/Shanghai by
  default); inputs and outputs are timezone-aware UTC datetimes.
* The day something starts never counts. A limit of N working days ends at 23:59:59 local
  time on the Nth working day after the start day; N calendar days end at 23:59:59 on the
  Nth day after it. N = 0 ends the start day itself.
* ``working_days_between(a, b)`` counts the working days after a's day up to and including
  b's day (negative when b is earlier), so ``working_days_between(start, due(start, N))``
  is N, and ``working_days_between(due, now)`` is how many working days a step is overdue.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
from chinese_calendar import constants

#: the years the official calendar data covers
OFFICIAL_YEARS = range(min(constants.holidays).year, max(constants.holidays).year + 1)
HOLIDAY, WORKDAY = "holiday", "workday"
END_OF_DAY = time(23, 59, 59)


class Calendar:
    """The working days of one tenant: its time zone and its county's entered days."""

    def __init__(
        self, timezone: str = "Asia/Shanghai", entered: Mapping[date, str] | None = None
    ) -> None:
        self.zone = ZoneInfo(timezone)
        #: day -> ``holiday`` or ``workday``, as the county entered it
        self.entered = dict(entered or {})
        #: the answers so far: the sweep asks about the same few hundred days for every
        #: overdue step, and the package takes microseconds per day
        self._known: dict[date, bool] = {}
        #: working days between two local days, as asked: the sweep tells every overdue step
        #: how late it is, and they share a few hundred due days
        self._between: dict[tuple[date, date], int] = {}

    def is_working_day(self, day: date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._look_up(day)
        return known

    def _look_up(self, day: date) -> bool:
        kind = self.entered.get(day)
        if kind is not None:
            return kind == WORKDAY
        if day.year in OFFICIAL_YEARS:
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def local_day(self, moment: datetime) -> date:
        if moment.tzinfo is None:
            raise ValueError("naive datetime: pass timezone-aware UTC datetimes")
        return moment.astimezone(self.zone).date()

    def end_of(self, day: date) -> datetime:
        """23:59:59 local time on ``day``, in UTC."""
        return datetime.combine(day, END_OF_DAY, tzinfo=self.zone).astimezone(UTC)

    def due(self, start: datetime, days: int, *, working: bool = True) -> datetime:
        """When a limit of ``days`` (working or calendar) days from ``start`` ends."""
        if days < 0:
            raise ValueError("a time limit cannot be negative")
        day = self.local_day(start)
        if not working:
            return self.end_of(day + timedelta(days=days))
        for _ in range(days):
            day += timedelta(days=1)
            while not self.is_working_day(day):
                day += timedelta(days=1)
        return self.end_of(day)

    def working_days_between(self, a: datetime, b: datetime) -> int:
        """Working days after a's local day up to and including b's (negative if b < a)."""
        first, last = self.local_day(a), self.local_day(b)
        if last < first:
            return -self.working_days_between(b, a)
        known = self._between.get((first, last))
        if known is None:
            known = self._between[first, last] = sum(
                self.is_working_day(first + timedelta(days=n))
                for n in range(1, (last - first).days + 1)
            )
        return known


def official_years() -> tuple[int, int]:
    """The first and last year of official holiday data, for the admin page."""
    return OFFICIAL_YEARS.start, OFFICIAL_YEARS.stop - 1
