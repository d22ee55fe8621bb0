"""Working-day arithmetic: the official calendar, a county's entries, and time zones."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.workflow.calendar import HOLIDAY, OFFICIAL_YEARS, WORKDAY, Calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(*args) -> datetime:
    """A Shanghai wall-clock time as the UTC datetime the engine passes around."""
    return datetime(*args, tzinfo=SHANGHAI).astimezone(UTC)


def end_of(day: date) -> datetime:
    return local(day.year, day.month, day.day, 23, 59, 59)


def test_due_date_skips_the_national_day_holiday():
    # 2024: 国庆 1–7 October; the day before is a Monday
    due = Calendar().due(local(2024, 9, 30, 10, 0), 3, working=True)
    assert due == end_of(date(2024, 10, 10))
    assert due.tzinfo is not None and due.utcoffset() == timedelta(0)


def test_a_make_up_saturday_counts_as_a_working_day():
    # 2024-10-12 is a Saturday worked in exchange for the 国庆 holiday (调休)
    assert Calendar().due(local(2024, 10, 11, 9, 0), 1, working=True) == end_of(date(2024, 10, 12))


def test_a_make_up_sunday_before_the_holiday_counts_too():
    assert Calendar().due(local(2024, 9, 27, 9, 0), 1, working=True) == end_of(date(2024, 9, 29))


def test_beyond_the_official_years_weekends_are_rest_days():
    year = 2099
    assert year not in OFFICIAL_YEARS
    friday = local(year, 10, 16, 9, 0)
    assert Calendar().due(friday, 1, working=True) == end_of(date(year, 10, 19))


def test_beyond_the_official_years_the_countys_entries_decide():
    entered = {date(2099, 10, 1) + timedelta(days=n): HOLIDAY for n in range(7)}
    entered[date(2099, 10, 10)] = WORKDAY  # a make-up Saturday
    calendar = Calendar("Asia/Shanghai", entered)
    start = local(2099, 9, 30, 10, 0)  # Wednesday, the eve of the holiday
    assert calendar.due(start, 1, working=True) == end_of(date(2099, 10, 8))
    assert calendar.due(start, 3, working=True) == end_of(date(2099, 10, 10))
    assert calendar.due(start, 4, working=True) == end_of(date(2099, 10, 12))


def test_an_entered_day_wins_over_the_official_calendar():
    local_festival = {date(2024, 10, 9): HOLIDAY}
    start = local(2024, 10, 8, 9, 0)
    assert Calendar("Asia/Shanghai", local_festival).due(start, 1) == end_of(date(2024, 10, 10))


def test_calendar_days_count_every_day():
    due = Calendar().due(local(2024, 9, 30, 10, 0), 3, working=False)
    assert due == end_of(date(2024, 10, 3))


def test_days_are_counted_in_the_tenants_time_zone():
    # 23:30 on Tuesday 5 November in Shanghai is still Tuesday there (15:30 UTC)
    late = local(2024, 11, 5, 23, 30)
    assert Calendar().due(late, 1) == end_of(date(2024, 11, 6))
    # 00:30 on Tuesday in Shanghai is Monday 16:30 UTC: the start day is Tuesday all the same
    early = local(2024, 11, 5, 0, 30)
    assert early.date() == date(2024, 11, 4)
    assert Calendar().due(early, 1) == end_of(date(2024, 11, 6))


def test_another_time_zone_moves_the_end_of_day():
    urumqi = Calendar("Asia/Urumqi")  # UTC+6
    due = urumqi.due(datetime(2024, 11, 5, 12, 0, tzinfo=UTC), 1, working=False)
    assert due == datetime(2024, 11, 6, 17, 59, 59, tzinfo=UTC)


def test_zero_days_end_the_start_day():
    assert Calendar().due(local(2024, 10, 1, 8, 0), 0) == end_of(date(2024, 10, 1))


def test_naive_and_negative_input_is_refused():
    with pytest.raises(ValueError):
        Calendar().due(datetime(2024, 10, 8, 9, 0), 1)
    with pytest.raises(ValueError):
        Calendar().due(local(2024, 10, 8, 9, 0), -1)


def test_working_days_between_counts_what_due_counts():
    calendar = Calendar()
    start = local(2024, 9, 30, 10, 0)
    for days in range(8):
        assert calendar.working_days_between(start, calendar.due(start, days)) == days


def test_working_days_between_says_how_late_and_how_early():
    calendar = Calendar()
    due = end_of(date(2024, 9, 30))
    assert calendar.working_days_between(due, local(2024, 10, 8, 9, 0)) == 1  # holiday skipped
    assert calendar.working_days_between(due, local(2024, 9, 30, 23, 59)) == 0
    assert calendar.working_days_between(local(2024, 10, 8, 9, 0), due) == -1
