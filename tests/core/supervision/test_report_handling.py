"""Report handling as operations: answer deadlines in working days, late answers as the
ratings count them, the life of a report, links, the reporter's phone and the audit log."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.db import utcnow
from core.errors import Conflict, Forbidden, Invalid
from core.supervision import handling, ratings, report_access
from core.supervision.report_settings import ANSWER_DAYS
from core.workflow.holidays import enter_days
from tests.core.supervision.report_world import PHONE, filed, people, reload, started, xy

__all__ = ["filed", "people", "started", "xy"]  # fixtures

#: Friday 7 March 2031, 10:00 in Shanghai: a year the official calendar does not cover
FRIDAY = datetime(2031, 3, 7, 2, 0, tzinfo=UTC)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def test_the_answer_is_due_ten_working_days_after_receipt(ctx, sess, world):
    due = handling.answer_due(sess, world.a1, FRIDAY)
    assert due == datetime(2031, 3, 21, 15, 59, 59, tzinfo=UTC)  # 23:59:59 in Shanghai


def test_the_answer_days_are_a_tenant_setting(ctx, sess, world):
    world.a1.settings = {"values": {ANSWER_DAYS: 3}}
    sess.commit()
    due = handling.answer_due(sess, world.a1, FRIDAY)
    assert due == datetime(2031, 3, 12, 15, 59, 59, tzinfo=UTC)  # Mon, Tue, Wed


def test_a_county_holiday_moves_the_deadline(ctx, sess, world):
    world.a1.settings = {"values": {ANSWER_DAYS: 3}}
    enter_days(sess, world.a, datetime(2031, 3, 10).date(), None, "holiday")
    sess.commit()
    due = handling.answer_due(sess, world.a1, FRIDAY)
    assert due == datetime(2031, 3, 13, 15, 59, 59, tzinfo=UTC)


class Month:
    def __init__(self, starts, ends):
        self.starts, self.ends = starts, ends


def test_late_answers_count_answers_given_late_or_not_at_all(ctx, sess, world, filed):
    x, y, now = world.villages.a1x, world.villages.a1y, utcnow()
    due = now - timedelta(days=2)
    filed(x, due_at=due, answered_at=due + timedelta(hours=1), status="answered")  # late
    filed(x, due_at=due)  # never answered
    filed(x, due_at=due, answered_at=due - timedelta(hours=1), status="answered")  # on time
    filed(x, due_in=3)  # not due yet
    filed(y, due_at=due)  # another village
    month = Month(now - timedelta(days=20), now + timedelta(days=10))
    assert handling.late_answers(sess, world.a1.id, x.id, month, now) == 2
    assert handling.late_answers(sess, world.a1.id, y.id, month, now) == 1


def test_the_ratings_count_the_same_late_answers(ctx, sess, world, filed):
    x, now = world.villages.a1x, utcnow()
    filed(x, due_at=now - timedelta(hours=3))
    filed(x, due_at=now - timedelta(hours=2), answered_at=now, status="answered")
    month = ratings.Month.of(world.a1, now)
    counted = ratings.assess(sess, world.a1, month, now)[x.id]["late_answer"]["count"]
    assert counted == handling.late_answers(sess, world.a1.id, x.id, month, now) == 2


def test_a_report_is_assigned_answered_and_closed(ctx, sess, people, xy):
    handling.assign(sess, xy.x, people.inspector, "insp2-a1")
    assert xy.x.status == "handling" and xy.x.assigned_to_id == people.inspector2.id
    handling.answer(sess, xy.x, people.inspector2, "经查属实，已责令退还。")
    assert xy.x.status == "answered" and xy.x.answered_at is not None
    handling.close(sess, xy.x, people.inspector2)
    sess.commit()
    found = reload(sess, xy.x)
    assert found.status == "closed" and found.closed_at is not None
    assert [e.kind for e in handling.history(sess, found)] == ["assigned", "answered", "closed"]


def test_a_report_is_not_closed_before_it_is_answered(ctx, sess, people, xy):
    with pytest.raises(Conflict):
        handling.close(sess, xy.x, people.inspector)


def test_an_answer_is_given_once(ctx, sess, people, xy):
    handling.answer(sess, xy.x, people.inspector, "已核实。")
    with pytest.raises(Conflict):
        handling.answer(sess, xy.x, people.inspector, "再答一次。")


def test_an_empty_answer_is_refused_in_chinese(ctx, sess, people, xy):
    with pytest.raises(Invalid, match="请填写答复内容"):
        handling.answer(sess, xy.x, people.inspector, "   ")


def test_only_inspectors_may_be_assigned(ctx, sess, people, xy):
    for who in ("a1-secretary", "insp-a2", "sup-x", "nobody"):
        with pytest.raises(Invalid):
            handling.assign(sess, xy.x, people.inspector, who)
    handling.assign(sess, xy.x, people.inspector, "insp-a")  # the county's inspector
    assert xy.x.assigned_to_id == people.county.id


def test_a_village_supervisor_notes_but_does_not_handle(ctx, sess, people, xy):
    handling.note(sess, xy.x, people.sup_x, "此事村监委已掌握线索。")
    for act in (
        lambda: handling.answer(sess, xy.x, people.sup_x, "答复"),
        lambda: handling.assign(sess, xy.x, people.sup_x, "insp-a1"),
        lambda: handling.close(sess, xy.x, people.sup_x),
    ):
        with pytest.raises(Forbidden):
            act()
    with pytest.raises(Forbidden):
        handling.note(sess, xy.y, people.sup_x, "别村的事")


def test_a_case_of_the_township_is_linked_by_its_code(ctx, sess, people, xy, started):
    case = started("鱼塘发包")
    event = handling.link(sess, xy.x, people.inspector, "case", case.code.lower())
    assert event.data == {"kind": "case", "id": case.id, "label": f"{case.code} 鱼塘发包"}
    with pytest.raises(Conflict):
        handling.link(sess, xy.x, people.inspector, "case", str(case.id))


def test_a_link_to_another_townships_warning_is_refused(ctx, sess, people, xy, world):
    from core.rules.models import Warning

    foreign = Warning(
        tenant_id=world.a2.id,
        rule="test.watch",
        severity="red",
        subject="test:1",
        village_id=world.villages.a2x.id,
        message="乙一村的预警",
        opened_at=utcnow(),
        updated_at=utcnow(),
    )
    sess.add(foreign)
    sess.flush()
    for ref in (str(foreign.id), "abc", "99999999999999", ""):
        with pytest.raises(Invalid, match="本乡镇没有这个预警"):
            handling.link(sess, xy.x, people.inspector, "warning", ref)


def test_the_phone_shows_to_the_assignee_and_the_county_only(ctx, sess, people, xy):
    handling.assign(sess, xy.x, people.inspector, "insp2-a1")
    assert report_access.reporter_phone(people.inspector2, xy.x) == PHONE
    assert report_access.reporter_phone(people.county, xy.x) == PHONE
    assert report_access.reporter_phone(people.inspector, xy.x) == "138****5678"
    assert report_access.reporter_phone(people.sup_x, xy.x) == "138****5678"


def test_an_anonymous_report_has_no_phone_for_anyone(ctx, people, xy):
    assert report_access.reporter_phone(people.county, xy.y) is None


def test_the_audit_log_keeps_a_notes_digest_not_its_words(ctx, sess, people, xy):
    handling.note(sess, xy.x, people.inspector, "线索人：王某某")
    sess.commit()
    event = sess.scalar(select(AuditEvent).where(AuditEvent.action == "complaint.noted"))
    assert "text_sha256" in event.payload and "王某某" not in str(event.payload)


def test_an_objection_is_not_a_late_answer(ctx, sess, world, filed):
    x, now = world.villages.a1x, utcnow()
    filed(x, due_at=now - timedelta(hours=3), kind="objection")
    month = ratings.Month.of(world.a1, now)
    assert "late_answer" not in ratings.assess(sess, world.a1, month, now).get(x.id, {})
    assert handling.late_answers(sess, world.a1.id, x.id, month, now) == 0
