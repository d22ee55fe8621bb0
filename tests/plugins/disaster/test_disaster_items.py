"""The disaster items: they load, expand, run to completion, branch by the local major-matter
amount, and take their days from the township's settings."""

import pytest
from sqlalchemy import select

from core.catalog.operations import items_in_force
from core.workflow.holidays import calendar_for
from core.workflow.models import Notice, StepRun
from formbuilder.definitions import expand_steps, load_item_definition
from plugins.disaster import lists
from plugins.disaster.items import ITEMS, TIMINGS
from plugins.disaster.settings import SETTINGS
from tenants.operations import set_enabled_plugins

KEYS = [item["key"] for item in ITEMS]
APPLICATIONS = ["disaster.household_relief", "disaster.group_nomination"]


@pytest.mark.parametrize("item", ITEMS, ids=KEYS)
def test_every_item_loads_and_expands(item):
    loaded = load_item_definition(item)
    steps = expand_steps(loaded)
    assert loaded["domain"] == "disaster" and loaded["key"].startswith("disaster.")
    assert loaded["basis"] and loaded["publicity"] and loaded["guide_unit"]
    assert loaded["materials"] and loaded["description"]
    assert all(step["role"] or step["kind"] == "countersign" for step in steps)


def test_there_are_the_four_disaster_items():
    assert set(KEYS) == {
        "disaster.household_relief",
        "disaster.group_nomination",
        "disaster.goods_distribution",
        "disaster.housing_rebuild",
    }


def test_the_settings_are_declared_and_the_items_carry_their_defaults():
    declared = {s["key"]: s for s in SETTINGS}
    assert all(
        key.startswith("disaster.") and s["label"] and s["help"] for key, s in declared.items()
    )
    assert "settings.disaster.major_matter_threshold" in repr(ITEMS)
    for item in ITEMS:
        steps = {step["key"]: step for step in item["steps"]}
        for step_key, timing in TIMINGS[item["key"]].items():
            if step_key in steps:
                step = steps[step_key]
                carried = step.get("notice_days") or step["time_limit"]["days"]
                assert carried == declared[timing.setting]["default"], (item["key"], step_key)


def test_a_nomination_starts_with_the_group_leader():
    assert ITEMS[1]["steps"][0]["role"] == "group_leader"


@pytest.mark.parametrize("key", KEYS)
def test_every_item_runs_to_completion(key, start, run_case):
    case = start(key)
    done = run_case(case["id"], "town-a1")
    assert done["status"] == "completed"


@pytest.mark.parametrize("key", APPLICATIONS)
@pytest.mark.parametrize(
    ("amount", "review"), [("49999.99", "panel"), ("50000.00", "deliberate.propose")]
)
def test_the_village_review_follows_the_major_matter_amount(key, amount, review, start):
    assert start(key, amount=amount)["active_steps"] == [review]


def test_a_housing_subsidy_is_reviewed_after_the_damage_is_assessed(start, drive):
    case = start("disaster.housing_rebuild", amount="60000.00")
    assert case["active_steps"] == ["assess"]
    reviewed = drive(case["id"], until="deliberate.propose")
    assert [r.step_key for r in reviewed.active_runs] == ["deliberate.propose"]


def test_the_township_setting_moves_the_major_matter_amount(start, set_local):
    set_local("disaster.major_matter_threshold", 30000)
    assert start("disaster.household_relief", amount="40000.00")["active_steps"] == [
        "deliberate.propose"
    ]


def test_a_major_application_runs_through_four_deliberations(start, run_case):
    case = start("disaster.household_relief", amount="80000.00")
    done = run_case(case["id"], "town-a1")
    finished = [s["key"] for s in done["steps"] if s["status"] == "completed"]
    assert "deliberate.resolve" in finished and "panel" not in finished


def test_a_refusal_is_told_and_nothing_is_paid(start, drive):
    case = start("disaster.household_relief")
    refusal = {"county_result": "refuse", "refuse_reason": "抽查核实未受灾"}
    done = drive(case["id"], data={"county_decision": refusal})
    keys = [r.step_key for r in done.runs]
    assert "refusal" in keys and "payment" not in keys and done.status == "completed"


def test_payment_is_due_within_the_working_days_the_township_set(
    start, drive, sess, world, set_local
):
    set_local("disaster.payment_days", 10)
    case = start("disaster.household_relief")
    drive(case["id"], until="payment")
    run = sess.scalar(
        select(StepRun).where(StepRun.case_id == case["id"], StepRun.step_key == "payment")
    )
    assert run.due_at == calendar_for(sess, world.a1).due(run.started_at, 10)


def test_the_goods_list_is_posted_with_masked_names_and_no_id_numbers(start, drive, sess):
    recipients = [
        {
            "head_name": "赵铁柱",
            "id_number": "11010519491231002X",
            "household_size": 4,
            "goods_given": "棉被2床",
            "value": "360.00",
        }
    ]
    case = start("disaster.goods_distribution", recipients=recipients)
    drive(case["id"], until="distribute")
    notice = sess.scalar(select(Notice).where(Notice.case_id == case["id"]))
    text = repr(notice.published)
    assert "赵*柱" in text and "赵铁柱" not in text and "11010519491231002X" not in text


def test_switching_disaster_off_for_a1_takes_its_items_from_a1_only(app, sess, world):
    host = app.extensions["qingdan.plugins"]
    with app.app_context():
        set_enabled_plugins(
            sess, host, world.a1, [k for k in host.loaded_keys() if k != "disaster"]
        )
        sess.commit()
        in_a1 = {item.key for item, _ in items_in_force(sess, host, world.a1)}
        in_a2 = {item.key for item, _ in items_in_force(sess, host, world.a2)}
    assert not in_a1 & set(KEYS)
    assert set(KEYS) <= in_a2


def test_the_lists_name_roles_and_rules_that_exist(app):
    from core.rules import rule_names

    with app.app_context():
        known = rule_names()
    assert "group_leader" in {entry["role"] for entry in lists.RESPONSIBILITIES}
    assert all(entry["rule"] in known for entry in lists.PROHIBITIONS if entry["rule"])
