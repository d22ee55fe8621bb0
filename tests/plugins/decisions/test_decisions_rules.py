"""tier_bypass fires on a case that spent a major amount without 四议两公开 and stays silent
otherwise; fundraising_over_cap fires on a 一事一议 plan above the local caps."""

import pytest

from core import settings

SPEND = {
    "format": 1,
    "key": "local.spend",
    "name": "村级资金支出",
    "domain": "local",
    "basis": ["《农村集体经济组织财务制度》"],
    "responsible_role": "village_director",
    "steps": [
        {
            "key": "apply",
            "name": "提出支出",
            "kind": "task",
            "role": "village_committee",
            "fields": [{"key": "amount", "type": "money", "label": "金额", "required": True}],
            "branches": [{"when": {">=": [{"var": "amount"}, 100000]}, "goto": "deliberate"}],
            "next": "pay",
        },
        {"key": "deliberate", "kind": "include", "include": "four_deliberations", "next": "pay"},
        {"key": "pay", "name": "支付", "kind": "task", "role": "village_accountant", "next": None},
    ],
}


@pytest.fixture
def spend(sess, town, start, step, run_case):
    """``spend(amount)``: a completed case of ``local.spend`` — whose own branch asks for
    四议两公开 only from 100,000 yuan, twice the default major-matter threshold."""
    from core.catalog.operations import create_item, publish

    publish(sess, create_item(sess, town.county, SPEND, origin="county", actor_id=None))
    sess.commit()

    def run(amount):
        case = start("local.spend", town.people.committee, {"amount": amount})
        return run_case(case["id"], town.tenant.slug)

    return run


def test_a_major_amount_completed_without_four_deliberations_is_red(spend, warnings):
    case = spend("60000.00")
    [warning] = warnings("decisions.tier_bypass")
    assert (warning.severity, warning.status, warning.case_id) == ("red", "open", case["id"])
    assert "60,000.00 元" in warning.message and "50,000.00 元" in warning.message
    assert warning.details["has_four_deliberations"] is True


def test_an_amount_under_the_threshold_is_silent(spend, warnings):
    spend("49999.99")
    assert warnings("decisions.tier_bypass") == []


def test_a_case_that_went_through_four_deliberations_is_silent(spend, warnings):
    case = spend("150000.00")
    assert any(s["key"] == "deliberate.resolve" for s in case["steps"])
    assert warnings("decisions.tier_bypass") == []


def test_a_running_case_is_not_judged_yet(spend, start, town, warnings):
    spend("10.00")  # publishes the item
    start("local.spend", town.people.committee, {"amount": "80000.00"})
    assert warnings("decisions.tier_bypass") == []


def test_the_threshold_is_the_townships_setting(app, sess, town, spend, warnings):
    with app.test_request_context():
        settings.save_values(sess, town.tenant, {"decisions.major_threshold": "70000"})
    sess.commit()
    spend("60000.00")
    assert warnings("decisions.tier_bypass") == []


def test_decisions_items_are_never_judged(town, start, run_case, warnings):
    case = start("decisions.project_approval", town.people.committee)
    run_case(case["id"], town.tenant.slug)
    assert warnings("decisions.tier_bypass") == []


FUNDRAISING = {
    "matter": "村内道路维修",
    "amount": "80000.00",
    "households": 120,
    "household_cash": "50.00",
    "household_labour": 5,
    "draft_resolution": "每户筹资50元、筹劳5个工日",
}


def test_a_plan_above_the_household_cap_is_red(start, town, warnings):
    case = start(
        "decisions.fundraising", town.people.committee, FUNDRAISING | {"household_cash": "80.00"}
    )
    [warning] = warnings("decisions.fundraising_over_cap")
    assert (warning.severity, warning.case_id) == ("red", case["id"])
    assert "每户筹资 80.00 元，超过限额 60.00 元" in warning.message


def test_labour_above_the_cap_is_red_too(start, town, warnings):
    start("decisions.fundraising", town.people.committee, FUNDRAISING | {"household_labour": 30})
    [warning] = warnings("decisions.fundraising_over_cap")
    assert "每户筹劳 30 个工日，超过限额 20 个工日" in warning.message


def test_a_plan_within_the_caps_is_silent(start, town, warnings):
    start("decisions.fundraising", town.people.committee, FUNDRAISING)
    assert warnings("decisions.fundraising_over_cap") == []
