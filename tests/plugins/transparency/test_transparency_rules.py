"""missing_publicity: yellow once the month's (or quarter's) deadline passes with nothing
posted, red past three months without a finance posting, silent for a village that posts;
query_unanswered: yellow past the answer limit, red at twice it, closed once answered."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core import settings
from core.db import utcnow
from plugins.transparency.models import Posting
from plugins.transparency.rules import add_months, period_start

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 12) -> datetime:
    """Noon of ``day`` in the township's time zone, as the sweep's UTC ``now``."""
    return datetime.combine(day, time(hour), SHANGHAI).astimezone(UTC)


def today() -> date:
    return utcnow().astimezone(SHANGHAI).date()


def month_after_next() -> date:
    """The first day of the month after next: later than any village made in the test."""
    return period_start(add_months(today(), 2), 1)


def post(sess, town, category, day, village=None):
    sess.add(
        Posting(
            tenant_id=town.tenant.id,
            village_id=(village or town.village).id,
            category=category,
            period=f"{day:%Y年%m月}",
            title=f"{category}公开",
            posted_on=day,
            days=15,
            reviewed=True,
        )
    )
    sess.commit()


def of(warnings, village, category):
    return [
        w
        for w in warnings("transparency.missing_publicity")
        if w.subject == f"village:{village.id}:{category}"
    ]


def test_no_finance_posting_after_the_15th_is_yellow(town, run_sweep, warnings):
    run_sweep(at(month_after_next() + timedelta(days=15)))  # the 16th
    [warning] = of(warnings, town.village, "财务")
    assert (warning.severity, warning.village_id) == ("yellow", town.village.id)
    assert "本月财务收支未按时公开" in warning.message


def test_on_the_deadline_day_itself_nothing_is_late(town, run_sweep, warnings):
    run_sweep(at(month_after_next() + timedelta(days=14)))  # the 15th
    assert of(warnings, town.village, "财务") == []


def test_a_village_that_posted_this_month_is_silent(sess, town, run_sweep, warnings):
    start = month_after_next()
    post(sess, town, "财务", start + timedelta(days=9))
    run_sweep(at(start + timedelta(days=20)))
    assert of(warnings, town.village, "财务") == []
    assert len(of(warnings, town.other, "财务")) == 1  # the village next door did not


def test_more_than_three_months_without_finance_publicity_is_red(sess, town, run_sweep, warnings):
    start = month_after_next()
    post(sess, town, "财务", add_months(start, -1))
    run_sweep(at(add_months(start, 2) + timedelta(days=15)))
    [warning] = of(warnings, town.village, "财务")
    assert warning.severity == "red"
    assert "已超过 3 个月未公开财务收支" in warning.message


def test_a_yellow_warning_turns_red_and_closes_once_posted(sess, town, run_sweep, warnings):
    start = month_after_next()
    post(sess, town, "财务", start - timedelta(days=5))
    run_sweep(at(start + timedelta(days=16)))
    assert [w.severity for w in of(warnings, town.village, "财务")] == ["yellow"]
    later = add_months(start, 3) + timedelta(days=1)
    run_sweep(at(later))
    assert [w.severity for w in of(warnings, town.village, "财务")] == ["red"]
    post(sess, town, "财务", later)
    run_sweep(at(later + timedelta(days=1)))
    assert [w.status for w in of(warnings, town.village, "财务")] == ["closed"]


def test_the_deadline_and_cycle_are_the_townships_settings(app, sess, town, run_sweep, warnings):
    with app.test_request_context():
        settings.save_values(
            sess,
            town.tenant,
            {"transparency.finance_deadline_day": "25", "transparency.finance_cycle_months": "3"},
        )
    sess.commit()
    quarter = period_start(add_months(today(), 3), 3)
    run_sweep(at(quarter + timedelta(days=20)))  # the 21st: before the 25th
    assert of(warnings, town.village, "财务") == []
    post(sess, town, "财务", quarter + timedelta(days=10))
    run_sweep(at(add_months(quarter, 1) + timedelta(days=25)))  # monthly, this would be late
    assert of(warnings, town.village, "财务") == []


def test_no_village_affairs_posting_after_the_20th_of_the_quarter_is_yellow(
    sess, town, run_sweep, warnings
):
    quarter = period_start(add_months(today(), 3), 3)
    post(sess, town, "村务", quarter - timedelta(days=40))
    run_sweep(at(quarter + timedelta(days=19)))  # the 20th
    assert of(warnings, town.village, "村务") == []
    run_sweep(at(quarter + timedelta(days=20)))  # the 21st
    [warning] = of(warnings, town.village, "村务")
    assert warning.severity == "yellow" and "本季度村务未按时公开" in warning.message


def test_a_village_made_this_month_is_not_late_yet(town, run_sweep, warnings):
    run_sweep(at(today() + timedelta(days=1)))
    assert warnings("transparency.missing_publicity") == []


QUERY = {"channel": "电话", "asker": "赵六", "subject": "集体收益分配", "question": "何时分红"}


def query(start, town, days_ago):
    received = (today() - timedelta(days=days_ago)).isoformat()
    return start(
        "transparency.query_answer", town.people.committee, QUERY | {"received_on": received}
    )


def test_a_query_unanswered_past_ten_days_is_yellow(start, town, run_sweep, warnings):
    case = query(start, town, 11)
    run_sweep()
    [warning] = warnings("transparency.query_unanswered")
    assert (warning.severity, warning.case_id) == ("yellow", case["id"])
    assert "应在 10 天内答复" in warning.message


def test_a_query_within_the_limit_is_silent(start, town, run_sweep, warnings):
    query(start, town, 10)
    run_sweep()
    assert warnings("transparency.query_unanswered") == []


def test_twice_the_limit_is_red(start, town, run_sweep, warnings):
    query(start, town, 20)
    run_sweep()
    assert [w.severity for w in warnings("transparency.query_unanswered")] == ["red"]


def test_answering_closes_the_warning(start, step, town, run_sweep, warnings):
    case = query(start, town, 12)
    run_sweep()
    step(
        town.people.director,
        case["id"],
        "answer",
        {
            "answered_on": today().isoformat(),
            "reply": "年底分红",
            "publish": False,
        },
    )
    run_sweep()
    assert [w.status for w in warnings("transparency.query_unanswered")] == ["closed"]


def test_the_answer_limit_is_the_townships_setting(app, sess, start, town, run_sweep, warnings):
    with app.test_request_context():
        settings.save_values(sess, town.tenant, {"transparency.query_answer_days": "15"})
    sess.commit()
    query(start, town, 12)
    run_sweep()
    assert warnings("transparency.query_unanswered") == []
