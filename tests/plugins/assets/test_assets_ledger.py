"""The asset ledgers: written by cases, browsed by village, to and from Excel."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from core.testing import csrf_token
from core.testing.cases import SAMPLE_ID
from plugins.assets.models import Asset, Contract, RentPayment
from plugins.assets.sheets import CONTRACT_COLUMNS

LESSEE = {"name": "张小明", "id_number": SAMPLE_ID}


def lease_data(contract_no, rent="3000.00", starts="2026-01-01", ends="2030-12-31"):
    return {
        "bidding": {"lessee": LESSEE, "annual_rent": rent},
        "contract": {"contract_no": contract_no, "starts_on": starts, "ends_on": ends},
    }


ASSET = {
    "asset_name": "东山林地",
    "asset_kind": "resource",
    "area": "120.50",
    "area_unit": "mu",
    "location": "东至山脊，西至村道",
}


def test_registration_lease_renewal_and_disposal_keep_the_register(start, drive, sess, world):
    drive(start("assets.registration", **ASSET, book_value="240000.00"),
          {"confirm": {"asset_no": "ZC-2026-001"}})  # fmt: skip
    asset = sess.scalar(select(Asset).where(Asset.name == "东山林地"))
    assert (asset.asset_no, asset.value_fen, asset.status) == ("ZC-2026-001", 24_000_000, "held")
    assert asset.area == 120.5 and asset.village_id == world.villages.a1x.id

    drive(start("assets.lease", **ASSET, reserve_price="2500.00", term_years=5),
          lease_data("ZL-2026-01"))  # fmt: skip
    sess.expire_all()
    first = sess.scalar(select(Contract).where(Contract.contract_no == "ZL-2026-01"))
    assert first.asset_id == asset.id and first.lessee_name == "张小明"
    assert first.annual_rent_fen == 300_000 and first.ends_on == date(2030, 12, 31)
    assert sess.get(Asset, asset.id).status == "leased"

    renewal = start("assets.renewal", **ASSET, previous_contract_no="ZL-2026-01",
                    lessee=LESSEE, annual_rent="3300.00", term_years=5)  # fmt: skip
    drive(renewal, {"contract": {"contract_no": "ZL-2031-01", "starts_on": "2031-01-01",
                                 "ends_on": "2035-12-31"}})  # fmt: skip
    sess.expire_all()
    second = sess.scalar(select(Contract).where(Contract.contract_no == "ZL-2031-01"))
    assert sess.get(Contract, first.id).status == "renewed"
    assert second.renewed_from_id == first.id and second.annual_rent_fen == 330_000

    drive(start("assets.disposal", asset_name="东山林地", amount="8000.00"))
    sess.expire_all()
    assert sess.get(Asset, asset.id).status == "disposed"


def test_a_contract_number_taken_by_another_contract_leaves_the_register_alone(start, drive, sess):
    drive(start("assets.lease", **ASSET), lease_data("ZL-1"))
    other = dict(ASSET, asset_name="村部门面房", asset_kind="asset")
    final = drive(start("assets.lease", **other), lease_data("ZL-1"))
    assert final["status"] == "completed"
    sess.expire_all()
    assert [c.asset.name for c in sess.scalars(select(Contract))] == ["东山林地"]


@pytest.fixture
def register(sess, world):
    """An asset and a contract with one payment in 甲一村, an asset in 甲二村."""
    t = world.a1.id
    forest = Asset(
        tenant_id=t,
        village_id=world.villages.a1x.id,
        name="东山林地",
        kind="resource",
        area=120.5,
        area_unit="mu",
        location="东山",
        value_fen=24_000_000,
        status="leased",
        asset_no="ZC-1",
    )
    shop = Asset(
        tenant_id=t,
        village_id=world.villages.a1y.id,
        name="村部门面房",
        kind="asset",
        location="村部一楼",
        status="held",
    )
    sess.add_all([forest, shop])
    sess.flush()
    contract = Contract(
        tenant_id=t,
        village_id=forest.village_id,
        asset_id=forest.id,
        contract_no="ZL-1",
        lessee_name="张小明",
        lessee_id_number=SAMPLE_ID,
        lessee_phone="13800138000",
        starts_on=date(2026, 1, 1),
        ends_on=date(2030, 12, 31),
        annual_rent_fen=300_000,
        status="active",
    )
    sess.add(contract)
    sess.flush()
    sess.add(RentPayment(tenant_id=t, contract_id=contract.id, paid_on=date(2026, 1, 5),
                         amount_fen=300_000))  # fmt: skip
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
    token = csrf_token(client, f"/t/town-a1/assets/{name}")
    return client.post(
        f"/t/town-a1/assets/{name}/import",
        data={"csrf_token": token, "file": (stream, "ledger.xlsx")},
        content_type="multipart/form-data",
    )


def rows_of(data: bytes) -> list[tuple]:
    return sorted(list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))[1:])


def test_the_contract_ledger_filters_by_village_and_masks_id_numbers(
    client, login, world, register
):
    login(world.users.a1_admin)
    text = client.get(f"/t/town-a1/assets/contracts?village={world.villages.a1x.code}").get_data(
        as_text=True
    )
    assert "ZL-1" in text and "3,000.00" in text and SAMPLE_ID not in text
    other = client.get(f"/t/town-a1/assets/register?village={world.villages.a1y.code}")
    assert "村部门面房" in other.get_data(as_text=True)
    assert "东山林地" not in other.get_data(as_text=True)


def test_import_reports_bad_rows_by_row_and_reason_and_keeps_the_good_ones(
    client, login, sess, world, register
):
    login(world.users.a1_admin)
    code = world.villages.a1x.code
    good = ["ZL-2", code, None, "东山林地", "李四", SAMPLE_ID, None, "2026-02-01",
            "2027-01-31", "1200", "履行中"]  # fmt: skip
    stream = sheet(
        CONTRACT_COLUMNS,
        [
            good,
            ["ZL-3", code, None, "西山林地", "李四", SAMPLE_ID, None, "2026-02-01", "2027-01-31", "1200", None],
            ["ZL-4", code, None, "东山林地", "李四", "110105194912310021", None, "2026-02-01", "2027-01-31", "1200", None],
            ["ZL-5", code, None, "东山林地", "李四", SAMPLE_ID, None, "2027-02-01", "2026-01-31", "1200", None],
            ["ZL-6", "000000000000", None, "东山林地", "李四", SAMPLE_ID, None, "2026-02-01", "2027-01-31", "1200", None],
        ],
    )  # fmt: skip
    text = upload(client, "contracts", stream).get_data(as_text=True)
    for number, reason in [
        (3, "台账中没有“西山林地”"),
        (4, "身份证号："),
        (5, "终止日期：不能早于起始日期"),
        (6, "本乡镇没有代码为 000000000000 的村"),
    ]:
        assert f"第 {number} 行" in text and reason in text
    numbers = set(sess.scalars(select(Contract.contract_no)))
    assert numbers == {"ZL-1", "ZL-2"}


def test_export_then_import_gives_the_same_ledgers(client, login, sess, world, register):
    login(world.users.a1_admin)
    exported = {n: client.get(f"/t/town-a1/assets/{n}.xlsx").data for n in
                ("register", "contracts", "payments")}  # fmt: skip
    for model in (RentPayment, Contract, Asset):
        sess.execute(model.__table__.delete())
    sess.commit()
    for name in ("register", "contracts", "payments"):
        response = upload(client, name, io.BytesIO(exported[name]))
        assert "有误未导入" not in response.get_data(as_text=True), name
        again = client.get(f"/t/town-a1/assets/{name}.xlsx").data
        assert rows_of(again) == rows_of(exported[name]), name


def test_a_payment_is_recorded_once_and_a_bad_one_is_refused(client, login, sess, world, register):
    login(world.users.a1_admin)
    token = csrf_token(client, "/t/town-a1/assets/payments")
    payment = {
        "csrf_token": token,
        "contract_no": "ZL-1",
        "paid_on": "2027-01-03",
        "amount": "3000",
    }
    assert client.post("/t/town-a1/assets/payments/add", data=payment).status_code == 302
    assert client.post("/t/town-a1/assets/payments/add", data=payment).status_code == 302
    assert len(sess.scalars(select(RentPayment)).all()) == 2
    refused = client.post(
        "/t/town-a1/assets/payments/add", data=payment | {"contract_no": "无此号"}
    )
    assert refused.status_code == 422 and "没有编号为 无此号 的合同" in refused.get_data(
        as_text=True
    )
    bad = client.post("/t/town-a1/assets/payments/add", data=payment | {"amount": "三千"})
    assert bad.status_code == 422 and "金额（元）：" in bad.get_data(as_text=True)


def test_only_township_admins_write_the_ledgers(client, login, world, make_user, register):
    clerk = make_user("clerk", (world.a1, "village_accountant", world.villages.a1x))
    login(clerk)
    page = client.get("/t/town-a1/assets/payments").get_data(as_text=True)
    assert "登记收款" not in page and "从 Excel 导入" not in page
    token = csrf_token(client, "/t/town-a1/assets/payments")
    payment = {"csrf_token": token, "contract_no": "ZL-1", "paid_on": "2027-01-03", "amount": "1"}
    assert client.post("/t/town-a1/assets/payments/add", data=payment).status_code == 403
    login(world.users.a2_admin)
    assert client.get("/t/town-a1/assets/contracts").status_code == 404
