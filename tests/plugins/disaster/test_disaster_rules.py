"""Disaster relief's warning rules fire on what breaks them and stay silent otherwise.
``find_kin`` (the personnel plugin's relatives register) is stood in for."""

from datetime import date

import pytest
from disaster_ids import adult
from sqlalchemy import select

from core.db import utcnow
from core.rules import Warning, sweep_rules
from core.testing.cases import SAMPLE_ID
from core.workflow.models import Case
from plugins.disaster.rules import duplicate_grants, kin_in_case, kin_in_roster

NOW = utcnow()
UNCLE = {"cadre": "王主任", "relation": "伯叔姑舅姨", "village_id": None}


@pytest.fixture
def kin(monkeypatch):
    register: dict[str, dict] = {}

    def find_kin(sess, tenant_id, id_numbers):
        return {n: register[n] for n in id_numbers if n in register}

    monkeypatch.setattr("plugins.personnel.relatives.find_kin", find_kin)
    return register


def test_kin_fires_on_an_application_by_a_cadres_relative(start, sess, kin):
    kin[SAMPLE_ID] = UNCLE
    case = sess.get(Case, start("disaster.household_relief")["id"])
    found = kin_in_case(sess, case, case.runs[0])
    assert len(found) == 1 and "王主任的伯叔姑舅姨" in found[0]["message"]


def test_kin_finds_a_relative_on_a_goods_list(start, sess, kin):
    relative = adult(30)
    kin[relative] = UNCLE
    recipients = [
        {
            "head_name": "冯甲",
            "id_number": adult(31),
            "household_size": 2,
            "goods_given": "米",
            "value": "100",
        },
        {
            "head_name": "冯乙",
            "id_number": relative,
            "household_size": 2,
            "goods_given": "米",
            "value": "100",
        },
    ]
    case = sess.get(Case, start("disaster.goods_distribution", recipients=recipients)["id"])
    message = kin_in_case(sess, case, case.runs[0])[0]["message"]
    assert "冯乙" in message and "冯甲" not in message


def test_kin_is_silent_on_an_ordinary_household(start, sess, kin):
    kin[adult(99)] = UNCLE
    case = sess.get(Case, start("disaster.housing_rebuild")["id"])
    assert kin_in_case(sess, case, case.runs[0]) == []


def test_kin_raises_a_red_warning_through_the_rules_engine(start, sess, kin):
    kin[SAMPLE_ID] = UNCLE
    started = start("disaster.group_nomination")
    warning = sess.scalar(select(Warning).where(Warning.case_id == started["id"]))
    assert (warning.rule, warning.severity) == ("disaster.kin_beneficiary", "red")


def test_kin_on_the_roster_fires_for_the_past_year_only(sess, world, kin, add_recipient):
    recent, old = adult(1), adult(2)
    kin[recent] = kin[old] = UNCLE
    row = add_recipient(recent, period_start=NOW.date(), period_end=NOW.date())
    add_recipient(old, period_start=date(2020, 1, 1), period_end=date(2020, 3, 31))
    add_recipient(adult(3))
    assert [f["subject"] for f in kin_in_roster(sess, world.a1, NOW)] == [f"recipient:{row.id}"]


def test_the_same_relief_for_overlapping_periods_is_a_duplicate(sess, world, add_recipient):
    number = adult(5)
    add_recipient(number, period_start=date(2026, 1, 1), period_end=date(2026, 3, 31))
    add_recipient(number, period_start=date(2026, 3, 1), period_end=date(2026, 4, 30))
    found = duplicate_grants(sess, world.a1, NOW)
    assert len(found) == 1 and "同一期间重复获得生活救助" in found[0]["message"]


def test_relief_in_two_villages_at_once_is_a_duplicate(sess, world, add_recipient):
    number = adult(6)
    add_recipient(number, category="living")
    add_recipient(
        number,
        category="goods",
        period_start=date(2026, 2, 1),
        period_end=date(2026, 2, 1),
        village=world.villages.a1y,
    )
    found = duplicate_grants(sess, world.a1, NOW)
    assert "两个村" in found[0]["message"]


def test_successive_periods_and_different_relief_are_not_duplicates(sess, world, add_recipient):
    number = adult(7)
    add_recipient(number, period_start=date(2025, 10, 1), period_end=date(2025, 12, 31))
    add_recipient(number, period_start=date(2026, 1, 1), period_end=date(2026, 3, 31))
    add_recipient(
        number, category="housing", period_start=date(2026, 1, 1), period_end=date(2026, 6, 30)
    )
    assert duplicate_grants(sess, world.a1, NOW) == []


def test_the_sweep_raises_duplicate_warnings(app, sess, world, add_recipient):
    number = adult(8)
    add_recipient(number)
    add_recipient(number, period_start=date(2026, 2, 1), period_end=date(2026, 2, 28))
    with app.app_context():
        sweep_rules(sess, world.a1, NOW)
        sess.commit()
    rules = set(sess.scalars(select(Warning.rule).where(Warning.tenant_id == world.a1.id)))
    assert "disaster.duplicate_benefit" in rules
