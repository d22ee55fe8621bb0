"""The finance ledgers: written by booked cases, browsed, exported and imported."""

import io
from datetime import date

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from core.documents.xlsx import export_xlsx
from core.testing import csrf_token
from plugins.finance.ledger import CASH_COLUMNS, VOUCHER_COLUMNS
from plugins.finance.models import CashRecord, Voucher

PAGE = "/t/town-a1/finance/vouchers"


def test_a_booked_reimbursement_writes_a_voucher(start, run_case, sess):
    case = start(
        "finance.reimbursement",
        amount="3200.50",
        purpose="村委会办公用品",
        payee="甲一镇文具店",
        method="transfer",
        handler_name="王会计",
    )
    run_case(case["id"], "town-a1")
    voucher = sess.scalar(select(Voucher).where(Voucher.case_id == case["id"]))
    assert (voucher.kind, voucher.purpose, str(voucher.amount), voucher.payee) == (
        "expense",
        "村委会办公用品",
        "3200.50",
        "甲一镇文具店",
    )
    assert (voucher.method, voucher.handler, voucher.bill_date) == (
        "transfer",
        "王会计",
        date.today(),
    )


def test_a_booked_month_writes_incomes_and_the_cash_count(start, run_case, sess):
    incomes = [
        {"received_on": "2026-03-02", "source": "鱼塘承包费", "payer": "李四", "amount": "6000.00",
         "method": "transfer"},
        {"received_on": "2026-03-09", "source": "场地租金", "payer": "甲一合作社",
         "amount": "800.00", "method": "cash"},
    ]  # fmt: skip
    case = start(
        "finance.monthly_accounts", year=2026, month=3, incomes=incomes, cash_on_hand="1200.00"
    )
    run_case(case["id"], "town-a1")
    rows = sess.scalars(select(Voucher).where(Voucher.case_id == case["id"]).order_by(Voucher.id))
    assert [(v.kind, v.purpose, str(v.amount)) for v in rows] == [
        ("income", "鱼塘承包费", "6000.00"),
        ("income", "场地租金", "800.00"),
    ]
    record = sess.scalar(select(CashRecord).where(CashRecord.case_id == case["id"]))
    assert (record.year, record.month, str(record.cash_on_hand)) == (2026, 3, "1200.00")


def _sheet(columns, rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append([c["label"] for c in columns])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _upload(client, path, stream):
    token = csrf_token(client, path.rsplit("/", 1)[0])
    return client.post(
        path,
        data={"csrf_token": token, "file": (stream, "ledger.xlsx")},
        content_type="multipart/form-data",
    )


def test_import_keeps_good_rows_and_reports_bad_ones(client, login, world, sess):
    login(world.users.a1_admin)
    code = world.villages.a1x.code
    good = [code, "甲一村", "2026-001", "2026-03-05", "支出", "修水渠", "1500.00", "张三",
            "转账", "王五", "2026-03-01"]  # fmt: skip
    bad_money = [
        code,
        "",
        "2026-002",
        "2026-03-06",
        "支出",
        "修路",
        "abc",
        "李四",
        "转账",
        "王五",
        "",
    ]
    bad_village = ["999999999999", "", "2026-003", "2026-03-07", "收入", "租金", "10.00", "赵六",
                   "现金", "王五", ""]  # fmt: skip
    duplicate = list(good)
    response = _upload(
        client,
        f"{PAGE}/import",
        _sheet(VOUCHER_COLUMNS, [good, bad_money, bad_village, duplicate]),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "已导入 <strong>1</strong> 行" in page
    assert ">3<" in page and "金额" in page
    assert ">4<" in page and "村代码" in page
    assert ">5<" in page and "已有支出凭证 2026-001" in page
    vouchers = sess.scalars(select(Voucher)).all()
    assert [(v.voucher_no, v.method, v.kind) for v in vouchers] == [
        ("2026-001", "transfer", "expense")
    ]


def test_export_then_import_gives_the_same_ledger(client, login, world, sess):
    login(world.users.a1_admin)
    code = world.villages.a1y.code
    rows = [
        [code, "甲二村", "V-1", "2026-02-01", "收入", "土地租金", "12000.00", "某公司", "转账",
         "王五", None],
        [code, "甲二村", "V-2", "2026-02-03", "支出", "保洁劳务费", "900.00", "赵大", "现金", "王五",
         "2026-01-20"],
    ]  # fmt: skip
    assert _upload(client, f"{PAGE}/import", _sheet(VOUCHER_COLUMNS, rows)).status_code == 200
    first = client.get(f"{PAGE}.xlsx").data
    sess.query(Voucher).delete()
    sess.commit()
    assert _upload(client, f"{PAGE}/import", io.BytesIO(first)).status_code == 200
    second = client.get(f"{PAGE}.xlsx").data
    read = [list(r) for r in load_workbook(io.BytesIO(first)).active.iter_rows(values_only=True)]
    again = [list(r) for r in load_workbook(io.BytesIO(second)).active.iter_rows(values_only=True)]
    assert read == again and len(read) == 3


def test_cash_import_corrects_the_month(client, login, world, sess):
    login(world.users.a1_admin)
    code = world.villages.a1x.code
    path = "/t/town-a1/finance/cash/import"
    _upload(
        client,
        path,
        io.BytesIO(
            export_xlsx(
                CASH_COLUMNS,
                [{"village_code": code, "year": 2026, "month": 4, "cash_on_hand": "5200.00"}],
                "现金",
            )
        ),
    )
    _upload(client, path, io.BytesIO(export_xlsx(CASH_COLUMNS, [
        {"village_code": code, "year": 2026, "month": 4, "cash_on_hand": "300.00"}], "现金")))  # fmt: skip
    records = sess.scalars(select(CashRecord)).all()
    assert [(r.month, str(r.cash_on_hand)) for r in records] == [(4, "300.00")]


def test_only_admins_import(client, login, world):
    login(world.users.a1_secretary)
    assert client.get(PAGE).status_code == 200
    token = csrf_token(client, PAGE)
    response = client.post(f"{PAGE}/import", data={"csrf_token": token})
    assert response.status_code == 403


def test_the_ledger_filters_by_village_and_pages(client, login, world, sess):
    for n in range(55):
        sess.add(
            Voucher(tenant_id=world.a1.id, village_id=world.villages.a1x.id, voucher_no=f"X-{n}",
                    booked_on=date(2026, 1, 1), kind="expense", purpose="办公费",
                    amount_fen=100, payee="店", method="transfer", handler="王五")
        )  # fmt: skip
    sess.add(
        Voucher(tenant_id=world.a1.id, village_id=world.villages.a1y.id, voucher_no="Y-1",
                booked_on=date(2026, 1, 2), kind="expense", purpose="电费", amount_fen=100,
                payee="供电所", method="transfer", handler="王五")
    )  # fmt: skip
    sess.commit()
    login(world.users.a1_admin)
    page = client.get(f"{PAGE}?village={world.villages.a1y.code}").get_data(as_text=True)
    assert "Y-1" in page and "X-1<" not in page
    first = client.get(PAGE).get_data(as_text=True)
    assert "第 1 / 2 页" in first and "共 56 条" in first
    assert client.get("/t/town-a2/finance/vouchers").status_code == 404


def test_the_pages_disappear_where_finance_is_off(app, client, login, world, sess):
    from tenants.operations import set_enabled_plugins

    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "finance"])
    sess.commit()
    login(world.users.a1_admin)
    assert client.get(PAGE).status_code == 404
    login(world.users.a2_admin)
    assert client.get("/t/town-a2/finance/vouchers").status_code == 200
