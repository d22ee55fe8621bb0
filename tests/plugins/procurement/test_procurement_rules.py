"""The procurement warning rules: each fires on a case or ledger built to break it and stays
silent on a clean one; one is also followed through the engine to its warning."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from core import settings
from core.rules import Warning
from core.testing.cases import SAMPLE_ID, passing_tally, sample_data
from core.workflow.models import Case
from formbuilder.definitions import expand_steps, load_item_definition
from plugins.procurement.items import ITEMS
from plugins.procurement.models import Award, Supplier
from plugins.procurement.rules.kin import kin_contractors
from plugins.procurement.rules.quotes import not_lowest_quotes, too_few_quotes
from plugins.procurement.rules.tiers import split_purchases, tier_bypasses

STEPS = {
    item["key"]: {s["key"]: s for s in expand_steps(load_item_definition(item))} for item in ITEMS
}
OTHER_ID = "110101199003074514"


@pytest.fixture
def act(client, api_token, make_user, world):
    """``act(case_id, item, step, **data)`` completes a step as a holder of its role."""
    people = {}

    def complete(case_id: int, item: str, key: str, **data) -> dict:
        step = STEPS[item][key]
        if step["role"] not in people:
            where = (world.a1, step["role"])
            if step["role"].startswith("village_"):
                where += (world.villages.a1x,)
            people[step["role"]] = make_user(f"acting-{step['role']}", where)
        payload = sample_data(step) | (passing_tally(step) if step["kind"] == "meeting" else {})
        response = client.post(
            f"/api/v1/t/town-a1/cases/{case_id}/steps/{key}",
            json={"data": payload | data},
            headers=api_token(people[step["role"]]),
        )
        assert response.status_code == 200, response.json
        return response.json

    return complete


def quote(price, supplier, compliant=True):
    return {"supplier": supplier, "price": price, "compliant": compliant}


@pytest.fixture
def quoted(start, act, sess):
    """A quotation case of ``amount`` whose quote step recorded ``quotes`` and ``award``."""

    def make(amount, quotes, **award):
        case = start("procurement.quotation", amount=amount)
        act(case["id"], "procurement.quotation", "committees")
        act(case["id"], "procurement.quotation", "quote", quotes=quotes, **award)
        sess.expire_all()
        found = sess.get(Case, case["id"])
        return found, found.runs[-1]

    return make


def check(app, rule, *args):
    with app.test_request_context():
        return rule(*args)


THREE = [quote("3000.00", "甲店"), quote("2800.00", "乙店"), quote("2500.00", "丙店", False)]


def test_too_few_quotes_fires_above_the_threshold_and_warns_through_the_engine(app, quoted, sess):
    case, run = quoted("5000.00", THREE[:2], supplier_name="乙店", award_amount="2800.00")
    findings = check(app, too_few_quotes, sess, case, run)
    assert [f["subject"] for f in findings] == [f"case:{case.id}:quotes"]
    warning = sess.scalar(select(Warning).where(Warning.rule == "procurement.too_few_quotes"))
    assert warning.case_id == case.id and warning.severity == "red"


@pytest.mark.parametrize(
    ("amount", "quotes"), [("5000.00", THREE), ("2000.00", [quote("1980.00", "甲店")])]
)
def test_too_few_quotes_is_silent_with_three_quotes_or_at_the_threshold(
    app, quoted, sess, amount, quotes
):
    case, run = quoted(amount, quotes, supplier_name=quotes[-1]["supplier"],
                       award_amount=quotes[-1]["price"])  # fmt: skip
    assert check(app, too_few_quotes, sess, case, run) == []


def test_the_quote_count_is_a_setting(app, quoted, sess, world):
    with app.test_request_context():
        settings.save_values(sess, world.a1, {"procurement.min_quotes": "4"})
    sess.commit()
    case, run = quoted("5000.00", THREE, supplier_name="乙店", award_amount="2800.00")
    assert check(app, too_few_quotes, sess, case, run)[0]["details"]["required"] == 4


@pytest.mark.parametrize(
    ("award", "fires"),
    [
        ({"supplier_name": "乙店", "award_amount": "2800.00"}, False),
        ({"supplier_name": "甲店", "award_amount": "3000.00"}, True),
        ({"supplier_name": "甲店", "award_amount": "3000.00", "award_reason": "乙店无法按期供货"}, False),
        ({"supplier_name": "丁店", "award_amount": "2700.00"}, True),
    ],
)  # fmt: skip
def test_an_award_above_the_lowest_compliant_quote_needs_a_reason(app, quoted, sess, award, fires):
    case, run = quoted("5000.00", THREE, **award)
    if "award_reason" not in award:
        case.data = {k: v for k, v in case.data.items() if k != "award_reason"}
    assert bool(check(app, not_lowest_quotes, sess, case, run)) is fires


@pytest.fixture
def works(start, act, sess):
    """A small works case of budget ``amount`` awarded directly for ``award``."""

    def make(amount, award):
        case = start("procurement.small_works", amount=amount)
        for key in ("committees", "supervise"):
            act(case["id"], "procurement.small_works", key)
        act(case["id"], "procurement.small_works", "direct_award", award_amount=award)
        sess.expire_all()
        found = sess.get(Case, case["id"])
        return found, found.runs[-1]

    return make


def test_tier_bypass_fires_when_the_award_outgrows_the_budgets_tier(app, works, sess):
    case, run = works("30000.00", "150000.00")
    findings = check(app, tier_bypasses, sess, case, run)
    assert {f["subject"] for f in findings} == {
        f"case:{case.id}:tier",
        f"case:{case.id}:four_deliberations",
    }
    assert "乡镇定额平台" in next(f for f in findings if f["subject"].endswith("tier"))["message"]


def test_tier_bypass_is_silent_on_a_case_that_kept_its_tier(app, works, sess):
    case, run = works("30000.00", "28000.00")
    assert check(app, tier_bypasses, sess, case, run) == []


@pytest.fixture
def kin(monkeypatch, world):
    """The relatives register, stubbed: ``SAMPLE_ID`` is the wife of 甲一村's director."""
    import plugins.personnel.relatives as relatives

    def find_kin(sess, tenant_id, id_numbers):
        entry = {"cadre": "赵主任", "relation": "配偶", "village_id": world.villages.a1x.id}
        return {n: entry for n in id_numbers if n == SAMPLE_ID and tenant_id == world.a1.id}

    monkeypatch.setattr(relatives, "find_kin", find_kin)


def test_kin_contractor_fires_for_a_relative_of_the_villages_cadre(app, works, sess, kin):
    case, run = works("30000.00", "28000.00")
    findings = check(app, kin_contractors, sess, case, run)
    assert len(findings) == 1 and "赵主任的配偶" in findings[0]["message"]


def test_kin_contractor_is_silent_for_anyone_else(app, works, sess, kin):
    case, run = works("30000.00", "28000.00")
    case.data = case.data | {"supplier_legal_person": {"name": "钱五", "id_number": OTHER_ID}}
    assert check(app, kin_contractors, sess, case, run) == []


def test_kin_contractor_reads_the_personnel_register(works, sess, world):
    from plugins.personnel.models import CadreRelative

    sess.add(CadreRelative(tenant_id=world.a1.id, village_id=world.villages.a1x.id,
                           cadre_name="赵主任", cadre_role="village_director",
                           relative_name="张三", relative_id_number=SAMPLE_ID, relation="配偶"))  # fmt: skip
    sess.commit()
    case, _ = works("30000.00", "28000.00")
    warning = sess.scalar(select(Warning).where(Warning.rule == "procurement.kin_contractor"))
    assert warning.case_id == case.id and warning.severity == "red"


@pytest.fixture
def ledger(sess, world):
    """``ledger(supplier, (day, yuan), ...)`` adds awards of 甲一村 to one supplier."""
    suppliers = {}

    def add(name, *awards, village=None):
        if name not in suppliers:
            suppliers[name] = Supplier(tenant_id=world.a1.id, name=name)
            sess.add(suppliers[name])
            sess.flush()
        for day, amount in awards:
            sess.add(Award(tenant_id=world.a1.id, village_id=(village or world.villages.a1x).id,
                           supplier=suppliers[name], subject="办公用品", amount_fen=amount * 100,
                           awarded_on=day, method="quote"))  # fmt: skip
        sess.commit()

    return add


def sweep(app, sess, world):
    return check(app, split_purchases, sess, world.a1, datetime(2026, 12, 1, tzinfo=UTC))


def test_split_purchase_fires_when_awards_within_the_window_add_up_past_a_tier(
    app, sess, world, ledger
):
    ledger("文具店", (date(2026, 3, 1), 1500), (date(2026, 3, 21), 1500))
    ledger("建筑队", (date(2026, 5, 1), 60000), (date(2026, 5, 30), 60000))
    findings = sweep(app, sess, world)
    assert sorted(f["details"]["threshold"] for f in findings) == ["100000.00", "2000.00"]
    assert all(f["village_id"] == world.villages.a1x.id for f in findings)


def test_split_purchase_is_silent_outside_the_window_or_across_suppliers_or_villages(
    app, sess, world, ledger
):
    ledger("文具店", (date(2026, 3, 1), 1500), (date(2026, 4, 10), 1500))
    ledger("五金店", (date(2026, 3, 1), 1500))
    ledger("杂货店", (date(2026, 3, 2), 1500))
    ledger("杂货店", (date(2026, 3, 3), 1500), village=world.villages.a1y)
    ledger("建材店", (date(2026, 6, 1), 2500), (date(2026, 6, 2), 1500))
    assert sweep(app, sess, world) == []


def test_the_split_window_is_a_setting(app, sess, world, ledger):
    ledger("文具店", (date(2026, 3, 1), 1500), (date(2026, 4, 10), 1500))
    with app.test_request_context():
        settings.save_values(sess, world.a1, {"procurement.split_window_days": "60"})
    sess.commit()
    assert len(sweep(app, sess, world)) == 1
