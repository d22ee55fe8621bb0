"""The procurement items: each loads, expands and runs to its end; tiers branch by amount."""

import pytest

from core import settings
from core.testing.cases import sample_data
from formbuilder.definitions import expand_steps, load_item_definition
from plugins.procurement.items import ITEMS
from plugins.procurement.settings import SETTINGS

STANDARD_ROLES = {
    "village_secretary",
    "village_director",
    "village_committee",
    "village_accountant",
    "village_supervisor",
    "group_leader",
    "township_admin",
    "township_inspector",
}


def taken(final: dict) -> set[str]:
    """The steps a finished case went through."""
    return {step["key"] for step in final["steps"] if step["status"] == "completed"}


@pytest.mark.parametrize("item", ITEMS, ids=[i["key"] for i in ITEMS])
def test_every_item_loads_and_expands(item):
    loaded = load_item_definition(item)
    steps = expand_steps(loaded)
    assert loaded["key"].startswith("procurement.") and loaded["domain"] == "procurement"
    assert loaded["basis"] and loaded["guide_unit"] and loaded["publicity"]
    assert loaded["description"] and loaded["materials"]
    for step in steps:
        roles = step.get("roles") or [step["role"]]
        assert set(roles) <= STANDARD_ROLES, step["key"]


def test_there_are_five_items_and_the_works_item_includes_four_deliberations():
    assert [i["key"] for i in ITEMS] == [
        "procurement.quotation",
        "procurement.small_works",
        "procurement.contract",
        "procurement.acceptance",
        "procurement.settlement",
    ]
    works = expand_steps(load_item_definition(ITEMS[1]))
    assert "deliberate.resolve" in {s["key"] for s in works}


def test_the_contract_is_countersigned_by_the_township():
    contract = load_item_definition(ITEMS[2])
    sign = next(s for s in contract["steps"] if s["kind"] == "countersign")
    assert "township_admin" in sign["roles"]


def test_settings_default_to_the_published_figures():
    defaults = {s["key"]: s["default"] for s in SETTINGS}
    assert defaults["procurement.quote_threshold"] == 2000
    assert defaults["procurement.major_threshold"] == 50000
    assert defaults["procurement.quota_platform_threshold"] == 100000
    assert defaults["procurement.township_tender_threshold"] == 500000
    assert defaults["procurement.county_tender_threshold"] == 4000000
    assert defaults["procurement.split_window_days"] == 30
    assert all(s["key"].startswith("procurement.") for s in SETTINGS)


@pytest.mark.parametrize(
    ("key", "data"),
    [
        ("procurement.quotation", {"amount": "1500.00"}),
        ("procurement.small_works", {"amount": "30000.00"}),
        ("procurement.contract", {}),
        ("procurement.acceptance", {}),
        ("procurement.settlement", {}),
    ],
)
def test_every_item_runs_to_its_end(start, run_case, key, data):
    case = start(key, **data)
    assert run_case(case["id"], "town-a1")["status"] == "completed"


def test_a_failed_acceptance_is_rectified_before_it_is_signed(
    start, run_case, client, api_token, make_user, world
):
    case = start("procurement.acceptance")
    inspector = make_user("inspector", (world.a1, "village_committee", world.villages.a1x))
    step = next(s for s in load_item_definition(ITEMS[3])["steps"] if s["key"] == "inspect")
    url = f"/api/v1/t/town-a1/cases/{case['id']}/steps/inspect"
    failed = {k: v for k, v in sample_data(step).items() if k != "defects"} | {"result": "failed"}
    refused = client.post(url, json={"data": failed}, headers=api_token(inspector))
    assert refused.status_code == 422 and "defects" in refused.json["error"]["fields"]
    failed["defects"] = "路面多处开裂，须返工"
    response = client.post(url, json={"data": failed}, headers=api_token(inspector))
    assert response.json["active_steps"] == ["rectify"]
    assert {"rectify", "sign"} <= taken(run_case(case["id"], "town-a1"))


@pytest.mark.parametrize(
    ("amount", "expected", "skipped"),
    [
        ("99999.99", "direct_award", "quota_platform"),
        ("100000.00", "quota_platform", "direct_award"),
        ("499999.99", "quota_platform", "township_tender"),
        ("500000.00", "township_tender", "quota_platform"),
        ("3999999.99", "township_tender", "county_tender"),
        ("4000000.00", "county_tender", "township_tender"),
    ],
)
def test_works_take_the_tier_of_their_amount(start, run_case, amount, expected, skipped):
    final = run_case(start("procurement.small_works", amount=amount)["id"], "town-a1")
    assert expected in taken(final) and skipped not in taken(final)
    assert "deliberate.resolve" in taken(final)


@pytest.mark.parametrize(("amount", "deliberated"), [("49999.99", False), ("50000.00", True)])
def test_works_from_the_major_threshold_go_through_four_deliberations(
    start, run_case, amount, deliberated
):
    final = run_case(start("procurement.small_works", amount=amount)["id"], "town-a1")
    assert ("deliberate.resolve" in taken(final)) is deliberated
    assert ("committees" in taken(final)) is not deliberated


@pytest.mark.parametrize(("amount", "supervised"), [("9999.99", False), ("10000.00", True)])
def test_purchases_from_the_supervision_threshold_are_reviewed(start, run_case, amount, supervised):
    final = run_case(start("procurement.quotation", amount=amount)["id"], "town-a1")
    assert ("supervise" in taken(final)) is supervised


@pytest.mark.parametrize(
    ("category", "amount", "county"),
    [
        ("goods", "1999999.99", False),
        ("goods", "2000000.00", True),
        ("services", "999999.99", False),
        ("services", "1000000.00", True),
    ],
)
def test_large_purchases_go_to_the_county_centre(start, run_case, category, amount, county):
    final = run_case(
        start("procurement.quotation", category=category, amount=amount)["id"], "town-a1"
    )
    assert ("county_centre" in taken(final)) is county
    assert ("quote" in taken(final)) is not county


def test_a_township_setting_moves_the_tier(app, start, run_case, sess, world):
    with app.test_request_context():
        settings.save_values(sess, world.a1, {"procurement.quota_platform_threshold": "80000"})
    sess.commit()
    final = run_case(start("procurement.small_works", amount="90000.00")["id"], "town-a1")
    assert "quota_platform" in taken(final)
    final = run_case(start("procurement.small_works", amount="79999.99")["id"], "town-a1")
    assert "direct_award" in taken(final)
