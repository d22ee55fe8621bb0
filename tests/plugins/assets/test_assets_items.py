"""The asset items: each loads, expands and runs to its end; major matters branch by value."""

import pytest

from core import settings
from core.testing.cases import passing_tally
from formbuilder.definitions import expand_steps, load_item_definition
from plugins.assets.items import ITEMS
from plugins.assets.settings import SETTINGS

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
    return {step["key"] for step in final["steps"] if step["status"] == "completed"}


@pytest.mark.parametrize("item", ITEMS, ids=[i["key"] for i in ITEMS])
def test_every_item_loads_and_expands(item):
    loaded = load_item_definition(item)
    steps = expand_steps(loaded)
    assert loaded["key"].startswith("assets.") and loaded["domain"] == "assets"
    assert loaded["basis"] and loaded["guide_unit"] and loaded["publicity"]
    assert loaded["description"] and loaded["materials"]
    for step in steps:
        assert set(step.get("roles") or [step["role"]]) <= STANDARD_ROLES, step["key"]


def test_the_lease_follows_the_published_procedure():
    steps = [s["key"] for s in load_item_definition(ITEMS[0])["steps"]]
    assert steps == [
        "plan",
        "committees",
        "representatives",
        "deliberate",
        "centre_review",
        "bidding_notice",
        "bidding",
        "contract",
        "contract_review",
        "register",
        "publish",
    ]


def test_settings_default_to_the_published_figures():
    defaults = {s["key"]: s["default"] for s in SETTINGS}
    assert defaults == {
        "assets.major_threshold": 50000,
        "assets.lease_expiry_days": 30,
        "assets.rent_overdue_days": 90,
    }


@pytest.mark.parametrize(
    ("key", "data"),
    [
        ("assets.lease", {"reserve_price": "3000.00", "term_years": 5}),
        ("assets.renewal", {"annual_rent": "3000.00", "term_years": 5}),
        ("assets.registration", {}),
        ("assets.disposal", {"amount": "8000.00"}),
    ],
)
def test_every_item_runs_to_its_end(start, run_case, key, data):
    assert run_case(start(key, **data)["id"], "town-a1")["status"] == "completed"


@pytest.mark.parametrize(
    ("rent", "years", "major"),
    [("4999.99", 10, False), ("5000.00", 10, True), ("25000.00", 2, True)],
)
def test_a_lease_worth_the_major_threshold_goes_through_four_deliberations(
    start, run_case, rent, years, major
):
    case = start("assets.lease", reserve_price=rent, term_years=years)
    final = run_case(case["id"], "town-a1")
    assert ("deliberate.resolve" in taken(final)) is major
    assert ("representatives" in taken(final)) is not major


@pytest.mark.parametrize(("value", "major"), [("49999.99", False), ("50000.00", True)])
def test_a_disposal_worth_the_major_threshold_goes_through_four_deliberations(
    start, run_case, value, major
):
    final = run_case(start("assets.disposal", amount=value)["id"], "town-a1")
    assert ("deliberate.resolve" in taken(final)) is major


def test_the_threshold_is_a_setting(app, start, run_case, sess, world):
    with app.test_request_context():
        settings.save_values(sess, world.a1, {"assets.major_threshold": "20000"})
    sess.commit()
    case = start("assets.lease", reserve_price="3000.00", term_years=7)
    assert "deliberate.resolve" in taken(run_case(case["id"], "town-a1"))


def test_representatives_must_agree_by_two_thirds(start, client, api_token, people):
    case = start("assets.lease", reserve_price="3000.00", term_years=5)
    url = f"/api/v1/t/town-a1/cases/{case['id']}/steps"
    committees = {"committees_minutes": _file(), **passing_tally({"majority": "1/2"})}
    secretary, director = people("village_secretary"), people("village_director")
    assert client.post(f"{url}/committees", json={"data": committees},
                       headers=api_token(secretary)).status_code == 200  # fmt: skip
    tally = {"expected": 30, "present": 30, "for": 20, "against": 10, "abstain": 0}
    vote = {"meeting_minutes": _file(), **tally}
    refused = client.post(
        f"{url}/representatives", json={"data": vote}, headers=api_token(director)
    )
    assert refused.status_code == 422 and refused.json["error"]["code"] == "majority_short"
    vote |= {"for": 21, "against": 9}
    passed = client.post(f"{url}/representatives", json={"data": vote}, headers=api_token(director))
    assert passed.json["active_steps"] == ["centre_review"]


def _file():
    return {"id": "1", "name": "会议记录.pdf", "content_type": "application/pdf", "size": 2048}
