"""The hash chain: it builds, it verifies, and it names what was edited or deleted."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError

from core import db
from core.audit import SYSTEM, record, set_actor, verify
from core.audit.chain import GENESIS, event_hash
from core.audit.models import AuditEvent


def test_each_tenant_has_its_own_gapless_linked_chain(sess, chain, world):
    rows = sess.scalars(
        select(AuditEvent).where(AuditEvent.tenant_id == world.a1.id).order_by(AuditEvent.seq)
    ).all()
    assert [e.seq for e in rows] == list(range(1, len(rows) + 1))
    assert rows[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    county = sess.scalars(select(AuditEvent.seq).where(AuditEvent.tenant_id == world.a.id)).all()
    assert county[0] == 1
    assert verify(sess) == []


def test_the_hash_is_recomputable_from_the_stored_row(sess, chain):
    sess.expire_all()
    event = sess.get(AuditEvent, chain.events[2].id)
    assert event_hash(event) == event.hash
    assert event.payload == {"n": 3, "text": "第3步"}


def test_payload_values_are_stored_as_json_reads_them_back(sess, world):
    event = record(
        sess,
        tenant_id=world.a1.id,
        action="test.values",
        subject_type="test",
        subject_id="x",
        payload={"day": date(2099, 10, 1), "amount": Decimal("12.50"), 1: "one"},
    )
    sess.commit()
    assert event.payload == {"day": "2099-10-01", "amount": "12.50", "1": "one"}
    assert verify(sess, world.a1.id) == []


def test_the_actor_defaults_to_the_sessions_then_to_system(sess, world):
    plain = record(
        sess, tenant_id=world.a1.id, action="t", subject_type="t", subject_id=1, payload={}
    )
    set_actor(sess, world.users.a1_admin)
    acted = record(
        sess, tenant_id=world.a1.id, action="t", subject_type="t", subject_id=2, payload={}
    )
    forced = record(
        sess,
        tenant_id=world.a1.id,
        action="t",
        subject_type="t",
        subject_id=3,
        payload={},
        actor=SYSTEM,
    )
    assert (plain.actor_id, plain.actor_label) == (None, "system")
    assert (acted.actor_id, acted.actor_label) == (world.users.a1_admin.id, "a1-admin")
    assert forced.actor_label == "system"


def test_an_edited_payload_is_named(sess, chain, as_owner):
    target = chain.events[2]
    as_owner("UPDATE audit_events SET payload = :p WHERE id = :id", p='{"n": 99}', id=target.id)
    (problem,) = verify(sess)
    assert (problem.tenant_id, problem.seq, problem.event_id) == (
        chain.tenant.id,
        target.seq,
        target.id,
    )
    assert problem.kind == "edited"
    assert "被改动" in problem.message


@pytest.mark.parametrize("column", ["actor_label", "action", "at", "subject_id"])
def test_any_hashed_column_edited_is_named(sess, chain, as_owner, column):
    values = {
        "actor_label": "someone else",
        "action": "test.other",
        "at": "2001-01-01 00:00:00",
        "subject_id": "999",
    }
    target = chain.events[0]
    as_owner(
        f"UPDATE audit_events SET {column} = :v WHERE id = :id", v=values[column], id=target.id
    )
    (problem,) = verify(sess)
    assert (problem.event_id, problem.kind) == (target.id, "edited")


def test_a_deleted_event_names_the_one_after_the_gap(sess, chain, as_owner):
    gone, after = chain.events[1], chain.events[2]
    as_owner("DELETE FROM audit_events WHERE id = :id", id=gone.id)
    (problem,) = verify(sess)
    assert (problem.seq, problem.event_id, problem.kind) == (after.seq, after.id, "missing")
    assert f"第 {gone.seq} 条" in problem.message


def test_a_forged_event_with_a_fresh_hash_breaks_the_next_link(sess, chain, as_owner):
    forged, after = chain.events[1], chain.events[2]
    as_owner("UPDATE audit_events SET payload = :p WHERE id = :id", p='{"n": 0}', id=forged.id)
    sess.expire_all()
    event = sess.get(AuditEvent, forged.id)
    as_owner("UPDATE audit_events SET hash = :h WHERE id = :id", h=event_hash(event), id=forged.id)
    (problem,) = verify(sess)
    assert (problem.event_id, problem.kind) == (after.id, "relinked")


def test_deleting_and_renumbering_is_still_caught(sess, chain, as_owner):
    gone = chain.events[1]
    as_owner("DELETE FROM audit_events WHERE id = :id", id=gone.id)
    for event in chain.events[2:]:
        as_owner("UPDATE audit_events SET seq = seq - 1 WHERE id = :id", id=event.id)
    (problem,) = verify(sess)
    assert (problem.event_id, problem.kind) == (chain.events[2].id, "relinked")


def test_only_the_first_break_of_each_chain_is_reported(sess, chain, as_owner, world):
    for event in chain.events[1:3]:
        as_owner("UPDATE audit_events SET payload = '{}' WHERE id = :id", id=event.id)
    record(sess, tenant_id=world.a.id, action="t", subject_type="t", subject_id=1, payload={})
    sess.commit()
    county_event = sess.scalars(
        select(AuditEvent).where(AuditEvent.tenant_id == world.a.id).order_by(AuditEvent.seq)
    ).first()
    as_owner("DELETE FROM audit_events WHERE id = :id", id=county_event.id)
    problems = {p.tenant_id: p for p in verify(sess)}
    assert problems.keys() == {world.a1.id, world.a.id}
    assert problems[world.a1.id].event_id == chain.events[1].id
    assert verify(sess, world.a2.id) == []


@pytest.mark.postgres
def test_the_app_role_cannot_change_or_delete_events(app, chain):
    with app.app_context(), db.system_scope() as session:
        for statement in ("UPDATE audit_events SET payload = '{}'", "DELETE FROM audit_events"):
            with pytest.raises(ProgrammingError, match="permission denied"):
                session.execute(text(statement))
            session.rollback()
