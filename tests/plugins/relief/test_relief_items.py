"""The relief items: they load, expand, run to completion, branch, and take their days from
the township's settings."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.catalog.operations import items_in_force
from core.workflow.holidays import calendar_for
from core.workflow.models import Case, Notice, StepRun
from formbuilder.definitions import expand_steps, load_item_definition
from plugins.relief import lists
from plugins.relief.items import ITEMS, TIMINGS
from plugins.relief.settings import SETTINGS
from tenants.operations import set_enabled_plugins

KEYS = [item["key"] for item in ITEMS]


@pytest.mark.parametrize("item", ITEMS, ids=KEYS)
def test_every_item_loads_and_expands(item):
    loaded = load_item_definition(item)
    steps = expand_steps(loaded)
    assert loaded["domain"] == "relief" and loaded["key"].startswith("relief.")
    assert loaded["basis"] and loaded["publicity"] and loaded["guide_unit"]
    assert loaded["materials"] and loaded["description"]
    assert all(step["role"] or step["kind"] == "countersign" for step in steps)


def test_there_are_the_four_relief_items():
    assert set(KEYS) == {
        "relief.dibao",
        "relief.temporary",
        "relief.destitute",
        "relief.medical_referral",
    }


def test_every_timed_step_reads_a_declared_setting_whose_default_the_item_carries():
    declared = {s["key"]: s for s in SETTINGS}
    assert all(
        key.startswith("relief.") and s["label"] and s["help"] for key, s in declared.items()
    )
    for item in ITEMS:
        steps = {step["key"]: step for step in item["steps"]}
        for step_key, timing in TIMINGS[item["key"]].items():
            default = declared[timing.setting]["default"]
            step = steps[step_key]
            carried = step.get("notice_days") or step["time_limit"]["days"]
            assert carried == (2 if timing.unit == "hours" else default), (item["key"], step_key)


def test_the_democratic_review_needs_two_thirds_present_and_two_thirds_for():
    review = next(s for s in ITEMS[0]["steps"] if s["key"] == "review")
    assert (review["quorum"], review["majority"], review["majority_of"]) == (
        "2/3",
        "2/3",
        "present",
    )


def test_no_id_number_or_income_is_public():
    for item in ITEMS:
        for step in item["steps"]:
            for field in step.get("fields", []):
                if (
                    field["type"] in ("id_number", "table", "attachment")
                    or "income" in field["key"]
                ):
                    assert not field.get("public"), (item["key"], field["key"])


@pytest.mark.parametrize("key", KEYS)
def test_every_item_runs_to_completion(key, start, run_case):
    case = start(key)
    done = run_case(case["id"], "town-a1")
    assert done["status"] == "completed"


def test_the_investigation_is_signed_by_two_different_people(start, drive, sess):
    case = start("relief.dibao")
    drive(case["id"], until="review")
    signed = sess.scalar(
        select(StepRun).where(StepRun.case_id == case["id"], StepRun.step_key == "investigate_sign")
    )
    assert {s["role"] for s in signed.signatures} == {"village_committee", "group_leader"}
    assert len({s["user_id"] for s in signed.signatures}) == 2


def test_an_emergency_is_aided_first_and_the_paperwork_follows(start, drive):
    case = start("relief.temporary", emergency=True)
    assert case["active_steps"] == ["emergency_aid"]
    done = drive(case["id"])
    assert [r.step_key for r in done.runs][:4] == ["apply", "emergency_aid", "paperwork", "notice"]
    assert done.status == "completed"


def test_an_ordinary_temporary_case_is_investigated_first(start, drive):
    case = start("relief.temporary", emergency=False)
    assert case["active_steps"] == ["investigate"]
    done = drive(case["id"])
    assert "emergency_aid" not in {r.step_key for r in done.runs}


def test_emergency_aid_is_due_within_the_hours_the_township_set(start, sess, set_local):
    set_local("relief.emergency_aid_hours", 24)
    case = start("relief.temporary", emergency=True)
    run = sess.scalar(
        select(StepRun).where(StepRun.case_id == case["id"], StepRun.step_key == "emergency_aid")
    )
    assert run.due_at - run.started_at == timedelta(hours=24)


def test_a_refusal_is_told_in_writing(start, drive):
    case = start("relief.destitute")
    refusal = {"county_result": "refuse", "refuse_reason": "有法定赡养人且具备赡养能力"}
    done = drive(case["id"], until="refusal", data={"county_decision": refusal})
    assert [r.step_key for r in done.active_runs] == ["refusal"]
    assert drive(case["id"]).status == "completed"


def test_the_investigation_deadline_follows_the_township_setting(start, sess, world, set_local):
    set_local("relief.dibao_investigation_days", 3)
    case = start("relief.dibao")
    run = sess.scalar(
        select(StepRun).where(StepRun.case_id == case["id"], StepRun.step_key == "investigate")
    )
    assert run.due_at == calendar_for(sess, world.a1).due(run.started_at, 3)


def test_the_temporary_notice_runs_five_working_days(start, drive, sess, world):
    case = start("relief.temporary", emergency=False)
    drive(case["id"], until="notice")
    notice = sess.scalar(select(Notice).where(Notice.case_id == case["id"]))
    assert notice.days == 5
    assert notice.ends_at == calendar_for(sess, world.a1).due(notice.starts_at, 5)


def test_the_notice_length_follows_the_township_setting(start, drive, sess, set_local):
    set_local("relief.dibao_notice_days", 10)
    case = start("relief.dibao")
    drive(case["id"], until="notice")
    notice = sess.scalar(select(Notice).where(Notice.case_id == case["id"]))
    assert (notice.days, notice.ends_at - notice.starts_at) == (10, timedelta(days=10))


def test_switching_relief_off_for_a1_takes_its_items_from_a1_only(app, sess, world):
    host = app.extensions["qingdan.plugins"]
    with app.app_context():
        set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "relief"])
        sess.commit()
        in_a1 = {item.key for item, _ in items_in_force(sess, host, world.a1)}
        in_a2 = {item.key for item, _ in items_in_force(sess, host, world.a2)}
    assert not in_a1 & set(KEYS)
    assert set(KEYS) <= in_a2


def test_a_case_started_before_relief_is_switched_off_still_finishes(
    app, client, api_token, make_user, start, drive, sess, world
):
    case = start("relief.dibao")
    host = app.extensions["qingdan.plugins"]
    with app.app_context():
        set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "relief"])
        sess.commit()
    clerk = make_user(None, (world.a1, "village_director", world.villages.a1x))
    refused = client.post(
        "/api/v1/t/town-a1/cases",
        json={"item": "relief.dibao", "village": world.villages.a1x.code, "data": {}},
        headers=api_token(clerk),
    )
    assert refused.json["error"]["fields"] == {"item": "不在清单中"}  # no new case of it
    assert drive(case["id"]).status == "completed"


def test_the_lists_name_roles_and_rules_that_exist(app):
    from core.rules import rule_names

    with app.app_context():
        known = rule_names()
    assert {entry["role"] for entry in lists.RESPONSIBILITIES} >= {
        "village_director",
        "village_supervisor",
        "group_leader",
    }
    assert all(entry["rule"] in known for entry in lists.PROHIBITIONS if entry["rule"])


def test_case_data_keeps_the_applicant_for_the_ledger(start, run_case, sess):
    case = start("relief.dibao")
    run_case(case["id"], "town-a1")
    sess.expire_all()
    assert sess.get(Case, case["id"]).data["applicant"]["name"] == "张三"
