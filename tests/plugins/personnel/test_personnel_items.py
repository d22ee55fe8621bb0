"""The personnel items: they load, expand, run to completion, and branch as DOMAIN §3.4 says."""

import pytest

from core.catalog.operations import items_in_force
from formbuilder.definitions import expand_steps, load_item_definition
from plugins.personnel.items import ITEMS
from tenants.operations import set_enabled_plugins

KEYS = [item["key"] for item in ITEMS]


@pytest.mark.parametrize("item", ITEMS, ids=KEYS)
def test_every_item_loads_and_expands(item):
    loaded = load_item_definition(item)
    steps = expand_steps(loaded)
    assert loaded["domain"] == "personnel" and loaded["key"].startswith("personnel.")
    assert loaded["basis"] and loaded["publicity"] and loaded["guide_unit"] and loaded["materials"]
    assert all(step["role"] for step in steps)


def test_the_four_required_items_are_there():
    assert {
        "personnel.hiring",
        "personnel.group_leader",
        "personnel.reserve_cadre",
        "personnel.dismissal",
    } <= set(KEYS)


def test_hiring_posts_the_notices_domain_requires():
    steps = {s["key"]: s for s in load_item_definition(ITEMS[0])["steps"]}
    assert steps["recruit"]["notice_days"] >= 5
    # 5 working days, posted as calendar days: a full week at least
    assert steps["candidate_notice"]["notice_days"] >= 7


@pytest.mark.parametrize("key", KEYS)
def test_every_item_runs_to_completion(key, start, run_case):
    case = start(key)
    assert run_case(case["id"], "town-a1")["status"] == "completed"


@pytest.mark.parametrize(
    ("post", "collective", "first"),
    [
        ("clerk", False, "announcement"),
        ("clerk", True, "deliberate.propose"),
        ("accountant", False, "deliberate.propose"),
        ("cashier", False, "deliberate.propose"),
    ],
)
def test_hiring_goes_through_four_deliberations_when_it_must(post, collective, first, start):
    case = start("personnel.hiring", post=post, pay_from_collective=collective)
    assert case["active_steps"] == [first]


def test_a_clerk_hired_without_collective_pay_runs_to_the_end(start, run_case):
    case = start("personnel.hiring", post="clerk", pay_from_collective=False)
    done = run_case(case["id"], "town-a1")
    assert not any(s["key"].startswith("deliberate.") for s in done["steps"])
    assert done["steps"][-1]["key"] == "publish"


@pytest.mark.parametrize(("post", "vote"), [("accountant", True), ("clerk", False)])
def test_dismissing_a_finance_post_needs_the_representatives(post, vote, start, run_case):
    case = start("personnel.dismissal", post=post)
    done = run_case(case["id"], "town-a1")
    assert ("representatives" in [s["key"] for s in done["steps"]]) is vote


def test_disabling_personnel_for_a1_removes_its_items_there_only(app, sess, world):
    host = app.extensions["qingdan.plugins"]
    with app.app_context():
        keep = [k for k in host.loaded_keys() if k != "personnel"]
        set_enabled_plugins(sess, host, world.a1, keep)
        sess.commit()
        in_a1 = {item.key for item, _ in items_in_force(sess, host, world.a1)}
        in_a2 = {item.key for item, _ in items_in_force(sess, host, world.a2)}
    assert not in_a1 & set(KEYS)
    assert set(KEYS) <= in_a2


def test_personnel_lists_are_in_force(app, sess, world):
    from core.catalog.lists import lists_in_force

    host = app.extensions["qingdan.plugins"]
    with app.app_context():
        duties, bans = lists_in_force(sess, host, world.a1)
    assert any("近亲属" in d.text and d.role_key == "village_committee" for d in duties)
    assert "personnel.kin_committee" in {b.rule for b in bans}
