"""The asset warning rules: each fires on a register built to break it and stays silent on a
clean one; the sweep and the engine turn findings into warnings."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from core import settings
from core.rules import Warning, sweep_rules
from core.testing.cases import SAMPLE_ID
from plugins.assets.models import Asset, Contract, RentPayment
from plugins.assets.rent import arrears, periods
from plugins.assets.rules.contracts import expiring_leases, overdue_rents

NOW = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)  # noon in Beijing


@pytest.fixture
def contract(sess, world):
    """``contract(starts, ends, rent_yuan, *payments, status=...)`` in 甲一村."""
    asset = Asset(tenant_id=world.a1.id, village_id=world.villages.a1x.id, name="东山林地",
                  kind="resource", location="东山", status="leased")  # fmt: skip
    sess.add(asset)
    sess.flush()
    numbers = iter(range(1, 100))

    def make(starts, ends, rent, *payments, status="active"):
        made = Contract(tenant_id=world.a1.id, village_id=asset.village_id, asset_id=asset.id,
                        contract_no=f"ZL-{next(numbers)}", lessee_name="张小明",
                        lessee_id_number=SAMPLE_ID, starts_on=starts, ends_on=ends,
                        annual_rent_fen=rent * 100, status=status)  # fmt: skip
        made.payments = [
            RentPayment(tenant_id=world.a1.id, paid_on=day, amount_fen=amount * 100)
            for day, amount in payments
        ]
        sess.add(made)
        sess.commit()
        return made

    return make


def run(app, check, sess, world, now=NOW):
    with app.test_request_context():
        return check(sess, world.a1, now)


def test_rent_is_due_by_contract_year_the_last_one_pro_rata(contract):
    lease = contract(date(2024, 3, 1), date(2025, 8, 31), 1200)
    assert [p.rent for p in periods(lease)] == [Decimal("1200.00"), Decimal("604.93")]
    assert arrears(lease, date(2025, 3, 1)) == (Decimal("1804.93"), date(2024, 3, 1))


@pytest.mark.parametrize(
    ("ends", "status", "fires"),
    [
        (date(2026, 6, 20), "active", True),
        (date(2026, 7, 1), "active", True),
        (date(2026, 7, 2), "active", False),
        (date(2026, 5, 25), "active", True),
        (date(2026, 6, 20), "renewed", False),
    ],
)
def test_lease_expiry_warns_thirty_days_ahead(app, sess, world, contract, ends, status, fires):
    contract(date(2021, 7, 1), ends, 1000, status=status)
    assert bool(run(app, expiring_leases, sess, world)) is fires


def test_the_expiry_warning_days_are_a_setting(app, sess, world, contract):
    contract(date(2021, 7, 1), date(2026, 7, 20), 1000)
    assert run(app, expiring_leases, sess, world) == []
    with app.test_request_context():
        settings.save_values(sess, world.a1, {"assets.lease_expiry_days": "60"})
    sess.commit()
    assert len(run(app, expiring_leases, sess, world)) == 1


@pytest.mark.parametrize(
    ("starts", "payments", "owed"),
    [
        (date(2026, 3, 10), [], None),  # due 83 days ago: not yet overdue
        (date(2026, 3, 1), [], "1000.00"),  # due 92 days ago
        (date(2026, 3, 1), [(date(2026, 3, 1), 1000)], None),
        (date(2025, 2, 1), [(date(2025, 2, 1), 1000)], "1000.00"),  # year two unpaid
        (date(2025, 2, 1), [(date(2025, 2, 1), 1000), (date(2026, 2, 3), 400)], "600.00"),
    ],
)
def test_rent_overdue_warns_after_ninety_days(app, sess, world, contract, starts, payments, owed):
    contract(starts, date(2030, 12, 31), 1000, *payments)
    findings = run(app, overdue_rents, sess, world)
    assert [f["details"]["owed"] for f in findings] == ([owed] if owed else [])


def test_the_overdue_days_are_a_setting(app, sess, world, contract):
    contract(date(2026, 3, 10), date(2030, 12, 31), 1000)
    with app.test_request_context():
        settings.save_values(sess, world.a1, {"assets.rent_overdue_days": "60"})
    sess.commit()
    assert len(run(app, overdue_rents, sess, world)) == 1


def test_the_sweep_raises_both_warnings_and_masks_the_lessee(app, sess, world, contract):
    contract(date(2021, 6, 10), date(2026, 6, 9), 1000)
    with app.test_request_context():
        sweep_rules(sess, world.a1, NOW)
    sess.commit()
    warnings = {w.rule: w for w in sess.scalars(select(Warning))}
    assert warnings["assets.lease_expiry"].severity == "blue"
    assert warnings["assets.rent_overdue"].severity == "yellow"
    assert "张*明" in warnings["assets.rent_overdue"].message
    assert "张小明" not in warnings["assets.rent_overdue"].message


@pytest.fixture
def kin(monkeypatch, world):
    """The relatives register, stubbed: ``SAMPLE_ID`` is the son of 甲一村's secretary."""
    import plugins.personnel.relatives as relatives

    def find_kin(sess, tenant_id, id_numbers):
        entry = {"cadre": "钱书记", "relation": "子女", "village_id": world.villages.a1x.id}
        return {n: entry for n in id_numbers if n == SAMPLE_ID}

    monkeypatch.setattr(relatives, "find_kin", find_kin)


def test_a_cadres_relative_winning_a_lease_is_warned_red(start, run_case, sess, kin):
    case = start("assets.lease", reserve_price="3000.00", term_years=5)
    run_case(case["id"], "town-a1")  # the sample lessee holds SAMPLE_ID
    warning = sess.scalar(select(Warning).where(Warning.rule == "assets.kin_lessee"))
    assert warning.case_id == case["id"] and warning.severity == "red"
    assert "钱书记的子女" in warning.message


def test_anyone_else_winning_a_lease_raises_nothing(start, drive, sess, kin):
    other = {"name": "孙六", "id_number": "110101199003074514"}
    drive(start("assets.lease"), {"bidding": {"lessee": other}})
    assert sess.scalar(select(Warning).where(Warning.rule == "assets.kin_lessee")) is None
