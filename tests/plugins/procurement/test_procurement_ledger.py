"""The procurement ledgers: written by cases, browsed by village, to and from Excel."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from core.testing import csrf_token
from core.testing.cases import SAMPLE_ID
from plugins.procurement.ledger import AWARD_COLUMNS, SUPPLIER_COLUMNS
from plugins.procurement.models import Award, Supplier

CREDIT_CODE = "91110000600037341L"


@pytest.fixture
def awards(sess, world):
    """Two suppliers and three awards: two in 甲一村, one in 甲二村."""
    t = world.a1.id
    road = Supplier(
        tenant_id=t,
        name="平安建筑有限公司",
        credit_code=CREDIT_CODE,
        legal_person="王建国",
        legal_person_id_number=SAMPLE_ID,
        phone="13800138000",
    )
    craftsman = Supplier(tenant_id=t, name="李木匠", phone="13912345678")
    sess.add_all([road, craftsman])
    sess.flush()
    sess.add_all([
        Award(tenant_id=t, village_id=world.villages.a1x.id, supplier_id=road.id,
              subject="村道硬化", amount_fen=8_500_000, awarded_on=date(2026, 3, 2),
              method="direct_award"),
        Award(tenant_id=t, village_id=world.villages.a1x.id, supplier_id=craftsman.id,
              subject="会议室桌椅", amount_fen=180_000, awarded_on=date(2026, 4, 8), method="quote"),
        Award(tenant_id=t, village_id=world.villages.a1y.id, supplier_id=road.id,
              subject="排水沟修缮", amount_fen=12_000_000, awarded_on=date(2026, 5, 1),
              method="quota_platform"),
    ])  # fmt: skip
    sess.commit()


def sheet(columns, rows):
    book = Workbook()
    book.active.append([c["label"] for c in columns])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def upload(client, name, stream):
    token = csrf_token(client, f"/t/town-a1/procurement/{name}")
    return client.post(
        f"/t/town-a1/procurement/{name}/import",
        data={"csrf_token": token, "file": (stream, "ledger.xlsx")},
        content_type="multipart/form-data",
    )


def rows_of(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_a_completed_award_step_writes_the_award_and_the_supplier(start, run_case, sess, world):
    case = start("procurement.small_works", amount="30000.00")
    run_case(case["id"], "town-a1")
    award = sess.scalar(select(Award).where(Award.case_id == case["id"]))
    assert award.village_id == world.villages.a1x.id
    assert award.method == "direct_award" and award.subject == "测试内容"
    assert award.supplier.legal_person == "张三"
    assert award.supplier.legal_person_id_number == SAMPLE_ID


def test_the_award_ledger_filters_by_village(client, login, world, awards):
    login(world.users.a1_admin)
    every = client.get("/t/town-a1/procurement/awards").get_data(as_text=True)
    assert "村道硬化" in every and "排水沟修缮" in every
    one = client.get(f"/t/town-a1/procurement/awards?village={world.villages.a1y.code}")
    text = one.get_data(as_text=True)
    assert "排水沟修缮" in text and "村道硬化" not in text


def test_the_supplier_ledger_masks_id_numbers_even_for_staff(client, login, world, awards):
    login(world.users.a1_admin)
    text = client.get("/t/town-a1/procurement/suppliers").get_data(as_text=True)
    assert "平安建筑有限公司" in text and SAMPLE_ID not in text
    assert f"{SAMPLE_ID[:6]}********{SAMPLE_ID[-4:]}" in text


def test_import_reports_bad_rows_by_row_and_reason_and_keeps_the_good_ones(
    client, login, sess, world
):
    login(world.users.a1_admin)
    code = world.villages.a1x.code
    stream = sheet(
        AWARD_COLUMNS,
        [
            [code, "甲一村", "路灯维修", "光明电器", None, "1800.00", "2026-06-01", "询价采购", None],
            ["000000000000", None, "路灯维修", "光明电器", None, "1800", "2026-06-01", "询价采购", None],
            [code, None, "路灯维修", "光明电器", "91110000600037341X", "1800", "2026-06-01", "询价采购", None],
            [code, None, "路灯维修", "光明电器", None, "很多", "2026-06-01", "询价采购", None],
            [code, None, "路灯维修", "光明电器", None, "1800", "2026-06-01", "随便买", None],
        ],
    )  # fmt: skip
    response = upload(client, "awards", stream)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    for number, reason in [
        (3, "本乡镇没有代码为 000000000000 的村"),
        (4, "统一社会信用代码"),
        (5, "成交金额（元）："),
        (6, "采购方式："),
    ]:
        assert f"第 {number} 行" in text and reason in text
    stored = sess.scalars(select(Award).where(Award.tenant_id == world.a1.id)).all()
    assert [(a.subject, a.amount_fen, a.method) for a in stored] == [("路灯维修", 180000, "quote")]


def test_export_then_import_gives_the_same_ledger(client, login, sess, world, awards):
    login(world.users.a1_admin)
    for name in ("suppliers", "awards"):
        exported = client.get(f"/t/town-a1/procurement/{name}.xlsx").data
        sess.execute(Award.__table__.delete())
        if name == "suppliers":
            sess.execute(Supplier.__table__.delete())
        sess.commit()
        response = upload(client, name, io.BytesIO(exported))
        assert "有误未导入" not in response.get_data(as_text=True)
        again = client.get(f"/t/town-a1/procurement/{name}.xlsx").data
        assert sorted(rows_of(again)[1:]) == sorted(rows_of(exported)[1:])


def test_importing_the_same_sheet_twice_adds_nothing(client, login, sess, world, awards):
    login(world.users.a1_admin)
    exported = client.get("/t/town-a1/procurement/awards.xlsx").data
    text = upload(client, "awards", io.BytesIO(exported)).get_data(as_text=True)
    assert "新增或更正 <strong>0</strong> 行" in text
    assert len(sess.scalars(select(Award)).all()) == 3


def test_only_admins_import_and_other_townships_see_nothing(client, login, world, make_user):
    clerk = make_user("clerk", (world.a1, "village_committee", world.villages.a1x))
    login(clerk)
    page = client.get("/t/town-a1/procurement/awards")
    assert page.status_code == 200 and "从 Excel 导入" not in page.get_data(as_text=True)
    token = csrf_token(client, "/t/town-a1/procurement/awards")
    refused = client.post(
        "/t/town-a1/procurement/awards/import",
        data={"csrf_token": token, "file": (sheet(SUPPLIER_COLUMNS, []), "x.xlsx")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 403
    login(world.users.a2_admin)
    assert client.get("/t/town-a1/procurement/awards").status_code == 404
