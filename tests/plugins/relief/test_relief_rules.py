"""Relief's warning rules fire on what breaks them and stay silent on clean cases and rows.

``find_kin`` is the personnel plugin's; most tests stand in for it (the relatives register is
personnel's to test), one reads the real register.
"""

from datetime import date

import pytest
from relief_ids import adult
from sqlalchemy import select

from core.db import utcnow
from core.rules import Warning, sweep_rules
from core.testing.cases import SAMPLE_ID
from core.workflow.models import Case
from plugins.relief.rules import duplicate_benefits, kin_in_case, kin_in_ledger

NOW = utcnow()


@pytest.fixture
def kin(monkeypatch):
    """Record ``kin[id_number] = {...}``: what the relatives register answers."""
    register: dict[str, dict] = {}

    def find_kin(sess, tenant_id, id_numbers):
        return {n: register[n] for n in id_numbers if n in register}

    monkeypatch.setattr("plugins.personnel.relatives.find_kin", find_kin)
    return register


COUSIN = {"cadre": "李书记", "relation": "堂兄弟姐妹、表兄弟姐妹", "village_id": None}


def case_of(sess, started) -> Case:
    return sess.get(Case, started["id"])


def test_kin_fires_on_an_application_by_a_cadres_relative(start, sess, kin):
    kin[SAMPLE_ID] = COUSIN
    case = case_of(sess, start("relief.dibao"))
    found = kin_in_case(sess, case, case.runs[0])
    assert len(found) == 1
    assert "李书记" in found[0]["message"] and "100%入户核查" in found[0]["message"]
    assert SAMPLE_ID not in found[0]["message"]


def test_kin_looks_at_household_members_too(start, sess, kin):
    member = adult(40)
    kin[member] = COUSIN
    members = [{"name": "张小妹", "id_number": member, "relation": "女儿"}]
    case = case_of(sess, start("relief.dibao", members=members))
    assert "家庭成员张小妹" in kin_in_case(sess, case, case.runs[0])[0]["message"]


def test_kin_is_silent_on_an_ordinary_applicant(start, sess, kin):
    kin[adult(99)] = COUSIN
    case = case_of(sess, start("relief.temporary"))
    assert kin_in_case(sess, case, case.runs[0]) == []


def test_kin_raises_a_red_warning_through_the_rules_engine(start, sess, kin):
    kin[SAMPLE_ID] = COUSIN
    started = start("relief.destitute")
    warning = sess.scalar(select(Warning).where(Warning.case_id == started["id"]))
    assert (warning.rule, warning.severity, warning.status) == (
        "relief.kin_beneficiary",
        "red",
        "open",
    )


def test_kin_reads_the_personnel_relatives_register(start, sess, world):
    from plugins.personnel.models import CadreRelative

    sess.add(
        CadreRelative(
            tenant_id=world.a1.id,
            village_id=world.villages.a1x.id,
            cadre_name="李书记",
            cadre_role="village_secretary",
            relative_name="张三",
            relative_id_number=SAMPLE_ID,
            relation="配偶",
        )
    )
    sess.commit()
    case = case_of(sess, start("relief.dibao"))
    assert "李书记的配偶" in kin_in_case(sess, case, case.runs[0])[0]["message"]


def test_kin_in_the_ledger_fires_for_a_current_recipient_only(sess, world, kin, add_recipient):
    related, ended, clean = adult(1), adult(2), adult(3)
    kin[related] = kin[ended] = COUSIN
    row = add_recipient(related)
    add_recipient(ended, starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1))
    add_recipient(clean)
    found = kin_in_ledger(sess, world.a1, NOW)
    assert [f["subject"] for f in found] == [f"recipient:{row.id}"]
    assert found[0]["village_id"] == world.villages.a1x.id


def test_kin_in_the_ledger_is_silent_without_relatives(sess, world, kin, add_recipient):
    add_recipient(adult(1))
    assert kin_in_ledger(sess, world.a1, NOW) == []


def test_the_same_benefit_in_overlapping_periods_is_a_duplicate(app, sess, world, add_recipient):
    number = adult(5)
    add_recipient(number, starts_on=date(2025, 1, 1))
    add_recipient(number, starts_on=date(2026, 3, 1))
    with app.app_context():
        found = duplicate_benefits(sess, world.a1, NOW)
    assert len(found) == 1 and "同一时期重复享受低保" in found[0]["message"]


def test_support_in_two_villages_at_once_is_a_duplicate(app, sess, world, add_recipient):
    number = adult(6)
    add_recipient(number, benefit="dibao")
    add_recipient(number, benefit="destitute", village=world.villages.a1y)
    with app.app_context():
        found = duplicate_benefits(sess, world.a1, NOW)
    assert "两个村" in found[0]["message"] and found[0]["village_id"] == world.villages.a1y.id


def test_one_benefit_after_another_is_not_a_duplicate(app, sess, world, add_recipient):
    number = adult(7)
    add_recipient(number, starts_on=date(2024, 1, 1), ends_on=date(2024, 12, 31))
    add_recipient(number, starts_on=date(2025, 1, 1))
    add_recipient(adult(8))
    with app.app_context():
        assert duplicate_benefits(sess, world.a1, NOW) == []


def temporary(add_recipient, number, day, cause):
    return add_recipient(number, benefit="temporary", starts_on=day, ends_on=day, cause=cause)


def test_temporary_aid_for_the_same_cause_within_a_year_is_a_duplicate(
    app, sess, world, add_recipient
):
    number = adult(9)
    temporary(add_recipient, number, date(2026, 1, 10), "illness")
    temporary(add_recipient, number, date(2026, 9, 1), "illness")
    temporary(add_recipient, adult(10), date(2026, 1, 10), "illness")
    temporary(add_recipient, adult(10), date(2026, 2, 10), "fire")
    with app.app_context():
        found = duplicate_benefits(sess, world.a1, NOW)
    assert len(found) == 1 and "12个月内" in found[0]["message"]


def test_the_same_cause_interval_is_the_townships_setting(
    app, sess, world, add_recipient, set_local
):
    number = adult(11)
    temporary(add_recipient, number, date(2025, 1, 10), "fire")
    temporary(add_recipient, number, date(2026, 3, 1), "fire")
    with app.app_context():
        assert duplicate_benefits(sess, world.a1, NOW) == []
    set_local("relief.temporary_same_cause_months", 18)
    with app.app_context():
        assert len(duplicate_benefits(sess, world.a1, NOW)) == 1


def test_the_sweep_raises_duplicate_warnings(app, sess, world, add_recipient):
    number = adult(12)
    add_recipient(number, starts_on=date(2025, 1, 1))
    add_recipient(number, starts_on=date(2025, 6, 1))
    with app.app_context():
        sweep_rules(sess, world.a1, NOW)
        sess.commit()
    rules = set(sess.scalars(select(Warning.rule).where(Warning.tenant_id == world.a1.id)))
    assert "relief.duplicate_benefit" in rules
