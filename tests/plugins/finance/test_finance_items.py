"""The finance items: they load, expand, run to completion, and branch by the tiers."""

import pytest

from core.catalog.operations import items_in_force
from formbuilder.definitions import expand_steps, load_item_definition
from plugins.finance.items import ITEMS
from plugins.finance.settings import SETTINGS
from tenants.operations import set_enabled_plugins

KEYS = [item["key"] for item in ITEMS]


@pytest.mark.parametrize("item", ITEMS, ids=KEYS)
def test_every_item_loads_and_expands(item):
    loaded = load_item_definition(item)
    steps = expand_steps(loaded)
    assert loaded["domain"] == "finance" and loaded["key"].startswith("finance.")
    assert loaded["basis"] and loaded["publicity"] and loaded["guide_unit"] and loaded["materials"]
    assert all(step["role"] or step["kind"] == "countersign" for step in steps)


def test_there_are_at_least_five_items():
    assert len(set(KEYS)) >= 5


def test_every_setting_the_items_read_is_declared():
    declared = {s["key"] for s in SETTINGS}
    text = repr(ITEMS)
    used = {key for key in declared if f"settings.{key}" in text}
    assert used >= {"finance.supervision_threshold", "finance.major_threshold"}
    assert all(s["key"].startswith("finance.") and s["label"] and s["help"] for s in SETTINGS)


@pytest.mark.parametrize("key", KEYS)
def test_every_item_runs_to_completion(key, start, run_case):
    case = start(key)
    done = run_case(case["id"], "town-a1")
    assert done["status"] == "completed"


@pytest.mark.parametrize(
    ("amount", "tier"),
    [
        ("4999.99", "committees"),
        ("5000.00", "joint_meeting"),
        ("49999.99", "joint_meeting"),
        ("50000.00", "deliberate.propose"),
    ],
)
def test_reimbursement_goes_to_the_tier_its_amount_reaches(amount, tier, start):
    case = start("finance.reimbursement", amount=amount)
    assert case["active_steps"] == [tier]


def test_a_major_reimbursement_runs_through_four_deliberations(start, run_case):
    case = start("finance.reimbursement", amount="80000.00")
    done = run_case(case["id"], "town-a1")
    finished = [s["key"] for s in done["steps"] if s["status"] == "completed"]
    assert "deliberate.resolve" in finished and "committees" not in finished
    assert finished[-4:] == ["supervise", "sign", "township_check", "book"]


def test_the_township_setting_moves_the_tiers(start, sess, world):
    world.a1.settings = {"values": {"finance.major_threshold": 100000.0}}
    sess.commit()
    assert start("finance.reimbursement", amount="80000.00")["active_steps"] == ["joint_meeting"]
    world.a1.settings = {"values": {"finance.supervision_threshold": 10000.0}}
    sess.commit()
    assert start("finance.reimbursement", amount="8000.00")["active_steps"] == ["committees"]


@pytest.mark.parametrize(("amount", "leader"), [("49999.99", False), ("50000.00", True)])
def test_a_large_payment_needs_a_township_leader(amount, leader, start, run_case):
    case = start("finance.payment", amount=amount)
    done = run_case(case["id"], "town-a1")
    assert ("leader_sign" in [s["key"] for s in done["steps"]]) is leader


def test_disabling_finance_for_a1_removes_its_items_there_only(app, sess, world):
    host = app.extensions["qingdan.plugins"]
    with app.app_context():
        set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "finance"])
        sess.commit()
        in_a1 = {item.key for item, _ in items_in_force(sess, host, world.a1)}
        in_a2 = {item.key for item, _ in items_in_force(sess, host, world.a2)}
    assert not in_a1 & set(KEYS)
    assert set(KEYS) <= in_a2
