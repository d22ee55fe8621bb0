"""The disaster roster: written by cases as they are decided, paid and handed out; imported
and exported as Excel; browsed by staff."""

import io
from datetime import date

from disaster_ids import adult
from openpyxl import Workbook
from sqlalchemy import delete, select

from core.testing import csrf_token
from core.testing.cases import SAMPLE_ID
from plugins.disaster import sheet
from plugins.disaster.models import DisasterRecipient
from tenants.operations import set_enabled_plugins

GRANT = {
    "approved_amount": "2400.00",
    "period_start": "2026-01-01",
    "period_end": "2026-03-31",
}


def roster(sess, tenant_id):
    rows = sess.scalars(select(DisasterRecipient).where(DisasterRecipient.tenant_id == tenant_id))
    return sorted(
        (
            r.village_id,
            r.head_name,
            r.id_number,
            r.household_size,
            r.category,
            r.period_start,
            r.period_end,
            r.amount,
            r.status,
            r.case_id,
        )
        for r in rows
    )


def workbook(rows) -> io.BytesIO:
    book = Workbook()
    ws = book.active
    ws.append([c["label"] for c in sheet.COLUMNS])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def household(n: int) -> list:
    """village, head, ID, size, category, start, end, amount, status, case"""
    village = "甲一村" if n % 2 else "甲二村"
    status = "已发放" if n % 3 else "待发放"
    return [
        village,
        f"孙{n}",
        adult(n),
        3,
        "生活救助",
        "2026-01-01",
        "2026-03-31",
        "900",
        status,
        None,
    ]


def test_a_decided_case_puts_the_household_on_the_roster_and_payment_marks_it_paid(
    start, drive, sess, world
):
    case = start("disaster.household_relief", household_size=5)
    drive(case["id"], until="payment", data={"county_decision": GRANT})
    row = sess.scalar(select(DisasterRecipient).where(DisasterRecipient.case_id == case["id"]))
    assert (row.head_name, row.id_number, row.household_size) == ("张三", SAMPLE_ID, 5)
    assert (row.category, str(row.amount), row.status) == ("living", "2400.00", "pending")
    assert (row.period_start, row.period_end) == (date(2026, 1, 1), date(2026, 3, 31))
    drive(case["id"])
    sess.refresh(row)
    assert row.status == "paid"


def test_a_housing_subsidy_is_on_the_roster_as_housing(start, run_case, sess):
    case = start("disaster.housing_rebuild")
    run_case(case["id"], "town-a1")
    row = sess.scalar(select(DisasterRecipient).where(DisasterRecipient.case_id == case["id"]))
    assert (row.category, row.status) == ("housing", "paid")


def test_handed_out_goods_put_every_household_on_the_roster(start, drive, sess):
    recipients = [
        {
            "head_name": f"钱{n}",
            "id_number": adult(n),
            "household_size": 2,
            "goods_given": "大米50斤",
            "value": "150.00",
        }
        for n in range(3)
    ]
    case = start("disaster.goods_distribution", recipients=recipients)
    drive(case["id"], data={"distribute": {"distributed_on": "2026-07-20"}})
    rows = sess.scalars(
        select(DisasterRecipient).where(DisasterRecipient.case_id == case["id"])
    ).all()
    assert sorted(r.head_name for r in rows) == ["钱0", "钱1", "钱2"]
    assert {(r.category, r.status, r.period_start, str(r.amount)) for r in rows} == {
        ("goods", "paid", date(2026, 7, 20), "150.00")
    }


def test_bad_rows_are_reported_and_the_roster_round_trips(sess, world):
    rows = [household(n) for n in range(40)]
    rows[4][2] = "110105196001010021"
    rows[9][0] = "丁家村"
    rows[17][6] = "2025-12-01"
    rows[23][8] = "已领取"
    result = sheet.import_sheet(sess, world.a1, workbook(rows))
    sess.commit()
    assert result.created == 36
    assert [n for n, _ in result.errors] == [6, 11, 19, 25]
    assert result.errors[0][1].startswith("身份证号：")
    assert result.errors[1][1].startswith("村（社区）：本乡镇没有“丁家村”")
    assert result.errors[2][1] == "救助期间（止）：不能早于救助期间（起）"
    assert result.errors[3][1].startswith("发放状态：")

    before = roster(sess, world.a1.id)
    exported = sheet.export_rows(sess)
    sess.execute(delete(DisasterRecipient))
    sess.commit()
    again = sheet.import_sheet(sess, world.a1, io.BytesIO(exported))
    sess.commit()
    assert (again.created, again.errors) == (36, [])
    assert roster(sess, world.a1.id) == before


def test_staff_browse_export_and_import_the_roster(client, login, world, add_recipient, sess):
    add_recipient(adult(1), head_name="周大山")
    login(world.users.a1_admin)
    assert "周大山" in client.get("/t/town-a1/disaster/recipients").get_data(as_text=True)
    download = client.get("/t/town-a1/disaster/recipients.xlsx")
    assert download.status_code == 200 and download.data.startswith(b"PK")
    token = csrf_token(client, "/t/town-a1/disaster/recipients/import")
    bad = household(2)
    bad[3] = 0
    page = client.post(
        "/t/town-a1/disaster/recipients/import",
        data={"csrf_token": token, "file": (workbook([household(3), bad]), "花名册.xlsx")},
        content_type="multipart/form-data",
    )
    assert page.status_code == 200 and "第 3 行" in page.get_data(as_text=True)
    assert len(roster(sess, world.a1.id)) == 2


def test_only_admins_import_and_only_where_disaster_is_on(app, client, login, sess, world):
    login(world.users.a1_secretary)
    assert client.get("/t/town-a1/disaster/recipients/import").status_code == 403
    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "disaster"])
    sess.commit()
    assert client.get("/t/town-a1/disaster/recipients").status_code == 404
