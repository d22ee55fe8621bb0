"""我们的钱包 on the villager page, and the finance responsibility and negative lists."""

from datetime import date

from core.catalog.lists import lists_in_force
from plugins.finance.models import Voucher
from plugins.finance.panels import wallet


def test_the_wallet_shows_monthly_totals_and_no_names(app, sess, world):
    village = world.villages.a1x
    for no, day, kind, fen in (
        ("1", date(2026, 3, 5), "income", 1_200_000),
        ("2", date(2026, 3, 9), "expense", 350_050),
        ("3", date(2026, 4, 1), "expense", 10_000),
    ):
        sess.add(Voucher(tenant_id=world.a1.id, village_id=village.id, voucher_no=no,
                         booked_on=day, kind=kind, purpose="<b>修路</b>", amount_fen=fen,
                         payee="张小明", method="transfer", handler="李会计"))  # fmt: skip
    sess.add(Voucher(tenant_id=world.a1.id, village_id=world.villages.a1y.id, voucher_no="9",
                     booked_on=date(2026, 3, 1), kind="income", purpose="租金",
                     amount_fen=99_900, payee="某人", method="cash", handler="某某"))  # fmt: skip
    sess.commit()
    with app.test_request_context():
        panel = wallet(world.a1, village)
    html = panel["html"]
    assert panel["title"] == "我们的钱包"
    assert html.index("2026年4月") < html.index("2026年3月")
    assert "12,000.00" in html and "3,500.50" in html and "8,499.50" in html and "-100.00" in html
    assert "999.00" not in html
    assert "张" not in html and "李会计" not in html and "修路" not in html


def test_finance_lists_are_in_force(app, sess, world):
    host = app.extensions["qingdan.plugins"]
    with app.app_context():
        duties, bans = lists_in_force(sess, host, world.a1)
    assert any("联审联签" in d.text for d in duties)
    assert {b.rule for b in bans} >= {"finance.cash_rules", "finance.late_reimbursement"}
