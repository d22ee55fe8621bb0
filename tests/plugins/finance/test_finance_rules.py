"""``cash_rules`` and ``late_reimbursement``: each fires on a ledger built to break it and
stays silent on a clean one."""

from datetime import date

import pytest

from core.db import utcnow
from core.rules import sweep_rules
from core.rules.models import Warning
from plugins.finance.models import CashRecord, Voucher
from plugins.finance.rules import cash_findings, late_findings, months_before


@pytest.fixture
def voucher(sess, world):
    def add(amount_fen=10000, method="transfer", booked=date(2026, 3, 2), bill=None, **kw):
        row = Voucher(
            tenant_id=world.a1.id, village_id=world.villages.a1x.id, voucher_no=f"V{amount_fen}",
            booked_on=booked, kind=kw.get("kind", "expense"), purpose="购买水泵",
            amount_fen=amount_fen, payee="农机站", method=method, handler="王五", bill_date=bill,
        )  # fmt: skip
        sess.add(row)
        sess.commit()
        return row

    return add


def subjects(found):
    return sorted(f["subject"] for f in found)


def test_a_cash_payment_at_the_limit_is_flagged(app, sess, world, voucher):
    flagged = voucher(100000, "cash")
    voucher(99999, "cash")
    voucher(500000, "transfer")
    voucher(200000, "cash", kind="income")
    with app.app_context():
        found = cash_findings(sess, world.a1, utcnow())
    assert subjects(found) == [f"voucher:{flagged.id}:cash"]
    assert "应通过银行转账" in found[0]["message"] and found[0]["village_id"] == flagged.village_id


def test_the_cash_payment_limit_is_a_setting(app, sess, world, voucher):
    voucher(100000, "cash")
    world.a1.settings = {"values": {"finance.cash_payment_limit": 2000.0}}
    sess.commit()
    with app.app_context():
        assert cash_findings(sess, world.a1, utcnow()) == []


def test_cash_on_hand_above_the_limit_is_flagged(app, sess, world):
    for month, cash in ((1, 500000), (2, 500001)):
        sess.add(CashRecord(tenant_id=world.a1.id, village_id=world.villages.a1x.id, year=2026,
                            month=month, cash_fen=cash))  # fmt: skip
    sess.commit()
    with app.app_context():
        found = cash_findings(sess, world.a1, utcnow())
    assert subjects(found) == [f"cash:{world.villages.a1x.id}:2026-02"]
    assert "超过库存现金限额 5000.00 元" in found[0]["message"]


def test_bills_older_than_the_limit_are_flagged(app, sess, world, voucher):
    late = voucher(1000, bill=date(2026, 1, 1))
    voucher(2000, bill=date(2026, 1, 2))
    voucher(3000)
    with app.app_context():
        found = late_findings(sess, world.a1, utcnow())
        assert subjects(found) == [f"voucher:{late.id}:late"]
        world.a1.settings = {"values": {"finance.bill_age_months": 3}}
        sess.commit()
        assert late_findings(sess, world.a1, utcnow()) == []


def test_months_before_keeps_to_the_end_of_a_short_month():
    assert months_before(date(2026, 4, 30), 2) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 2) == date(2025, 11, 15)


def test_a_month_reported_after_the_deadline_is_flagged(app, sess, world, start):
    late = start("finance.monthly_accounts", year=2020, month=1)
    today = utcnow().date()
    start("finance.monthly_accounts", year=today.year, month=today.month)
    with app.app_context():
        found = late_findings(sess, world.a1, utcnow())
    assert subjects(found) == [f"case:{late['id']}:late"]
    assert "晚于 2020-02-20 的报账截止日" in found[0]["message"]


def test_the_sweep_raises_and_closes_cash_warnings(app, sess, world, voucher):
    flagged = voucher(150000, "cash")
    with app.app_context():
        sweep_rules(sess, world.a1, utcnow())
        warning = sess.query(Warning).filter_by(rule="finance.cash_rules").one()
        assert (warning.severity, warning.status) == ("yellow", "open")
        flagged.method = "transfer"
        sess.commit()
        sweep_rules(sess, world.a1, utcnow())
        assert sess.query(Warning).filter_by(rule="finance.cash_rules").one().status == "closed"
