"""Filing (备案) operations: the states, what is frozen, who is told, what is audited."""

import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.catalog.operations import save_draft
from core.errors import Conflict, Invalid
from core.notifications.models import Notification
from formbuilder.filing.models import Filing
from formbuilder.filing.operations import create_local_item, queue


def test_submit_freezes_the_definition_and_its_digest(sess, draft, filing):
    submitted = filing.submit(draft)
    assert submitted.status == "submitted"
    assert submitted.digest == draft.draft.digest
    assert submitted.definition["key"] == "local.street_lights"


def test_saving_over_a_draft_under_review_is_refused(sess, draft, filing, definition):
    filing.submit(draft)
    definition["name"] = "路灯安装（改）"
    with pytest.raises(Conflict, match="请先撤回"):
        save_draft(sess, draft, definition, actor_id=None)


def test_a_withdrawn_draft_can_be_edited_again(sess, draft, filing, definition):
    filing.submit(draft)
    assert filing.withdraw(draft).status == "withdrawn"
    definition["name"] = "路灯安装（改）"
    assert save_draft(sess, draft, definition, actor_id=None).name == "路灯安装（改）"


def test_publishing_needs_an_approved_filing(draft, filing):
    with pytest.raises(Conflict, match="尚未通过"):
        filing.publish(draft)
    filing.submit(draft)
    with pytest.raises(Conflict, match="尚未通过"):
        filing.publish(draft)


def test_publishing_refuses_a_draft_edited_after_approval(sess, draft, filing, definition):
    filing.submit(draft)
    filing.approve(draft)
    definition["name"] = "路灯安装（改）"
    save_draft(sess, draft, definition, actor_id=None)
    sess.commit()
    with pytest.raises(Conflict, match="重新提交"):
        filing.publish(draft)


def test_an_approved_draft_is_published_as_submitted(sess, draft, filing):
    submitted = filing.submit(draft)
    filing.approve(draft)
    version = filing.publish(draft)
    assert version.status == "published"
    assert version.digest == submitted.digest
    assert sess.get(Filing, submitted.id).status == "published"


def test_returning_needs_a_comment(sess, draft, filing):
    filing.submit(draft)
    with pytest.raises(Invalid, match="必须填写意见"):
        filing.return_draft(draft, "  ")
    sess.rollback()
    returned = filing.return_draft(draft, "请补充政策依据。")
    assert (returned.status, returned.comment) == ("returned", "请补充政策依据。")


def test_a_returned_draft_is_fixed_and_submitted_again(sess, draft, filing, definition):
    filing.submit(draft)
    filing.return_draft(draft, "名称不规范")
    definition["name"] = "村内路灯安装"
    save_draft(sess, draft, definition, actor_id=None)
    sess.commit()
    again = filing.submit(draft)
    assert again.definition["name"] == "村内路灯安装"


def test_a_second_submission_while_under_review_is_refused(draft, filing):
    filing.submit(draft)
    with pytest.raises(Conflict, match="等待县级审核"):
        filing.submit(draft)


def test_every_transition_is_audited_on_the_townships_chain(sess, world, draft, filing):
    filing.submit(draft)
    filing.return_draft(draft, "改")
    filing.submit(draft)
    filing.approve(draft)
    filing.publish(draft)
    actions = sess.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.tenant_id == world.a1.id, AuditEvent.action.like("filing.%"))
        .order_by(AuditEvent.seq)
    ).all()
    assert actions == [
        "filing.submitted",
        "filing.returned",
        "filing.submitted",
        "filing.approved",
        "filing.published",
    ]


def test_submitting_tells_the_county_admins(sess, world, draft, filing):
    filing.submit(draft)
    told = sess.scalars(select(Notification.user_id)).all()
    assert told == [world.users.county_admin.id]


def test_a_decision_tells_the_township_admins(sess, world, draft, filing):
    filing.submit(draft)
    filing.return_draft(draft, "请补充材料")
    note = sess.scalar(select(Notification).where(Notification.user_id == world.users.a1_admin.id))
    assert "请补充材料" in note.text
    assert note.link.startswith("/t/town-a1/filings/")


def test_the_queue_holds_submissions_of_the_countys_townships_only(
    sess, world, draft, filing, definition
):
    filing.submit(draft)
    b_item = create_local_item(sess, world.b1, definition, world.users.superuser)
    sess.commit()
    assert [f.item_id for f in queue(sess, world.a)] == [draft.id]
    assert queue(sess, world.b) == []
    assert b_item.id != draft.id


def test_local_items_are_keyed_local(sess, world, definition):
    definition["key"] = "relief.dibao"
    with pytest.raises(Invalid, match="local."):
        create_local_item(sess, world.a1, definition, world.users.a1_admin)
