"""The relief ledger: written by completed cases, imported and exported as Excel, browsed by
staff."""

import io
from datetime import date

from openpyxl import Workbook
from relief_ids import adult
from sqlalchemy import delete, select

from core.testing import csrf_token
from core.testing.cases import SAMPLE_ID
from plugins.relief import sheet
from plugins.relief.models import ReliefRecipient
from tenants.operations import set_enabled_plugins


def ledger(sess, tenant_id):
    """The ledger's content, comparable across exports and imports."""
    rows = sess.scalars(select(ReliefRecipient).where(ReliefRecipient.tenant_id == tenant_id))
    return sorted(
        (
            r.village_id,
            r.head_name,
            r.id_number,
            r.household_size,
            r.benefit,
            r.amount,
            r.starts_on,
            r.ends_on,
            r.cause,
            r.case_id,
        )
        for r in rows
    )


def workbook(rows, header=None) -> io.BytesIO:
    book = Workbook()
    ws = book.active
    ws.append(header or [c["label"] for c in sheet.COLUMNS])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def household(n: int) -> list:
    """A good sheet row: village, head, ID, size, benefit, amount, start, end, cause, case."""
    if n % 3 == 2:
        return [
            "甲二村",
            f"李{n}",
            adult(n),
            1,
            "临时救助",
            "1500",
            "2026-03-05",
            "2026-03-05",
            "重大疾病",
            None,
        ]
    benefit = "特困" if n % 3 == 1 else "低保"
    return [
        "甲一村",
        f"王{n}",
        adult(n),
        n % 6 + 1,
        benefit,
        "620.50",
        "2026-01-01",
        None,
        None,
        None,
    ]


#: ten ways a row goes wrong, each with the start of its reason
BAD = {
    3: (lambda r: r[:2] + ["110105196001010021"] + r[3:], "身份证号："),
    97: (lambda r: ["丁家村"] + r[1:], "村（社区）：本乡镇没有“丁家村”"),
    150: (lambda r: r[:3] + [0] + r[4:], "家庭人口："),
    222: (lambda r: r[:5] + ["一千"] + r[6:], "保障金额（元）："),
    318: (lambda r: r[:4] + ["五保"] + r[5:], "救助类别："),
    404: (lambda r: r[:6] + ["2026-06-01", "2026-05-01"] + r[8:], "终止日期：不能早于起始日期"),
    555: (lambda r: r[:1] + [None] + r[2:], "户主姓名："),
    631: (lambda r: r[:6] + ["2026-13-01"] + r[7:], "起始日期："),
    777: (lambda r: r[:5] + ["-5"] + r[6:], "保障金额（元）："),
    888: (lambda r: household(10), "与第 12 行重复"),
}


def test_an_xlsx_of_1000_households_with_10_bad_rows_imports_990_and_round_trips(sess, world):
    """Issue 5, must-show 4: an xlsx of 1,000 relief households with 10 bad rows imports the
    990 and reports the 10 by row and reason; exporting and re-importing gives the same data."""
    rows = [BAD[n][0](household(n)) if n in BAD else household(n) for n in range(1000)]
    result = sheet.import_sheet(sess, world.a1, workbook(rows))
    sess.commit()

    assert (result.created, result.updated) == (990, 0)
    assert [number for number, _ in result.errors] == [n + 2 for n in sorted(BAD)]
    for (number, reason), n in zip(result.errors, sorted(BAD), strict=True):
        assert reason.startswith(BAD[n][1]), (number, reason)
    before = ledger(sess, world.a1.id)
    assert len(before) == 990

    exported = sheet.export_rows(sess)
    sess.execute(delete(ReliefRecipient))
    sess.commit()
    again = sheet.import_sheet(sess, world.a1, io.BytesIO(exported))
    sess.commit()
    assert (again.created, again.errors) == (990, [])
    assert ledger(sess, world.a1.id) == before


def test_importing_the_same_sheet_twice_updates_instead_of_adding(sess, world):
    data = workbook([household(n) for n in range(6)])
    sheet.import_sheet(sess, world.a1, data)
    sess.commit()
    data.seek(0)
    second = sheet.import_sheet(sess, world.a1, data)
    sess.commit()
    assert (second.created, second.updated) == (0, 6)
    assert len(ledger(sess, world.a1.id)) == 6


def test_a_village_may_be_named_by_its_code(sess, world):
    row = household(0)
    row[0] = world.villages.a1y.code
    result = sheet.import_sheet(sess, world.a1, workbook([row]))
    assert result.errors == []
    assert sess.scalar(select(ReliefRecipient)).village_id == world.villages.a1y.id


def test_a_case_code_of_another_township_is_refused(sess, world):
    row = household(0)
    row[9] = "TOWNA2-2026-000001"
    result = sheet.import_sheet(sess, world.a1, workbook([row]))
    assert result.errors == [(2, "办件编号：本乡镇没有办件“TOWNA2-2026-000001”")]


def test_a_completed_dibao_case_writes_the_household(start, run_case, sess, world):
    case = start("relief.dibao", household_size=4)
    run_case(case["id"], "town-a1")
    row = sess.scalar(select(ReliefRecipient).where(ReliefRecipient.case_id == case["id"]))
    assert (row.head_name, row.id_number, row.household_size) == ("张三", SAMPLE_ID, 4)
    assert (row.benefit, str(row.amount), row.ends_on) == ("dibao", "1000.00", None)
    assert row.village_id == world.villages.a1x.id


def test_a_temporary_grant_is_a_one_day_row_with_its_cause(start, drive, sess):
    case = start("relief.temporary", emergency=False, cause="fire")
    drive(case["id"], data={"county_decision": {"paid_on": "2026-04-02", "amount": "3000"}})
    row = sess.scalar(select(ReliefRecipient).where(ReliefRecipient.case_id == case["id"]))
    assert (row.benefit, row.cause, str(row.amount)) == ("temporary", "fire", "3000.00")
    assert row.starts_on == row.ends_on == date(2026, 4, 2)


def test_a_refused_case_writes_nothing(start, drive, sess):
    case = start("relief.dibao")
    drive(
        case["id"],
        data={"county_decision": {"county_result": "refuse", "refuse_reason": "收入超标"}},
    )
    assert sess.scalar(select(ReliefRecipient)) is None


def test_staff_browse_filter_and_export_the_ledger(client, login, world, add_recipient):
    add_recipient(adult(1), head_name="王大明")
    add_recipient(adult(2), head_name="李二妹", village=world.villages.a1y)
    login(world.users.a1_admin)
    page = client.get(f"/t/town-a1/relief/recipients?village={world.villages.a1y.code}")
    assert page.status_code == 200
    assert "李二妹" in page.get_data(as_text=True) and "王大明" not in page.get_data(as_text=True)
    download = client.get("/t/town-a1/relief/recipients.xlsx")
    assert download.status_code == 200 and download.mimetype.endswith("spreadsheetml.sheet")
    assert download.data.startswith(b"PK")


def test_the_import_page_reports_bad_rows_by_number(client, login, world, sess):
    login(world.users.a1_admin)
    token = csrf_token(client, "/t/town-a1/relief/recipients/import")
    rows = [household(0), BAD[97][0](household(1))]
    page = client.post(
        "/t/town-a1/relief/recipients/import",
        data={"csrf_token": token, "file": (workbook(rows), "台账.xlsx")},
        content_type="multipart/form-data",
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "第 3 行" in text and "本乡镇没有“丁家村”" in text
    assert len(ledger(sess, world.a1.id)) == 1


def test_only_admins_import(client, login, world):
    login(world.users.a1_secretary)
    assert client.get("/t/town-a1/relief/recipients").status_code == 200
    assert client.get("/t/town-a1/relief/recipients/import").status_code == 403


def test_the_ledger_pages_answer_404_where_relief_is_off(app, client, login, sess, world):
    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, [k for k in host.loaded_keys() if k != "relief"])
    sess.commit()
    login(world.users.a1_admin)
    assert client.get("/t/town-a1/relief/recipients").status_code == 404
    assert client.get("/t/town-a2/relief/recipients").status_code == 404  # not a2's admin


def test_an_import_is_written_to_the_audit_log(sess, world):
    from core.audit.models import AuditEvent

    sheet.import_sheet(sess, world.a1, workbook([household(0), BAD[97][0](household(1))]))
    sess.commit()
    event = sess.scalar(select(AuditEvent).where(AuditEvent.action == "ledger.imported"))
    assert (event.tenant_id, event.subject_type) == (world.a1.id, "relief_recipients")
    assert event.payload == {"created": 1, "updated": 0, "rejected": 1}
