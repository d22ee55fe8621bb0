"""notice_too_short and missing_notice: notices cut short, and cases closed without them."""

from datetime import timedelta

from sqlalchemy import select

from core import rules
from core.db import utcnow
from core.workflow.models import Notice


def open_notice(sess, case_id):
    sess.expire_all()
    return sess.scalar(select(Notice).where(Notice.case_id == case_id, Notice.status == "open"))


def test_a_notice_ended_before_its_days_is_red(to_notice, sess, works, complete, warnings):
    case = to_notice()
    notice = open_notice(sess, case["id"])
    notice.ends_at = utcnow() - timedelta(seconds=1)  # its end date edited around the engine
    sess.commit()
    complete(works.people.director, case["id"], "notice")
    [warning] = warnings("notice_too_short")
    assert (warning.severity, warning.subject) == ("red", f"notice:{notice.id}")
    assert case["code"] in warning.message
    assert "“结果公示”公示期不足：应公示 5 天" in warning.message
    assert "只公示了 0.0 天" in warning.message


def test_a_notice_that_ran_its_days_raises_nothing(to_notice, sess, works, complete, warnings):
    case = to_notice()
    notice = open_notice(sess, case["id"])
    notice.starts_at = utcnow() - timedelta(days=5, minutes=1)
    notice.ends_at = utcnow() - timedelta(minutes=1)
    sess.commit()
    complete(works.people.director, case["id"], "notice")
    assert warnings("notice_too_short") == []


def close_by_hand(sess, case_id, *, remove_notice):
    """The case marked completed in the database, its notice removed or left running."""
    notice = open_notice(sess, case_id)
    case = notice.case
    if remove_notice:
        run = next(r for r in case.runs if r.id == notice.step_run_id)
        sess.delete(notice)
        case.runs.remove(run)
    case.status, case.closed_at = "completed", utcnow()
    sess.commit()
    return case


def evaluate(app, sess, case):
    """What the engine does after any step: run the step rules on the case."""
    with app.app_context():
        council = next(r for r in case.runs if r.step_key == "council")
        rules.on_step_completed(sess, case, council)
        sess.commit()


def test_a_case_closed_without_its_notice_is_red(app, to_notice, sess, warnings):
    case = close_by_hand(sess, to_notice()["id"], remove_notice=True)
    evaluate(app, sess, case)
    [warning] = warnings("missing_notice")
    assert (warning.severity, warning.subject) == ("red", f"case:{case.id}:step:notice")
    assert f"办件 {case.code}" in warning.message
    assert "已办结，但“结果公示”（应公示 5 天）没有进行" in warning.message


def test_a_case_closed_while_its_notice_ran_is_red(app, to_notice, sess, warnings):
    case = close_by_hand(sess, to_notice()["id"], remove_notice=False)
    evaluate(app, sess, case)
    [warning] = warnings("missing_notice")
    assert "“结果公示”（应公示 5 天）没有结束" in warning.message


def test_notices_on_a_branch_not_taken_are_not_missing(to_notice, sess, works, complete, warnings):
    """A small amount skips the 四议两公开 procedure and its two notices."""
    case = to_notice()
    notice = open_notice(sess, case["id"])
    notice.starts_at = utcnow() - timedelta(days=6)
    notice.ends_at = utcnow() - timedelta(days=1)
    sess.commit()
    done = complete(works.people.director, case["id"], "notice")
    assert done["status"] == "completed"
    assert warnings("missing_notice") == []
