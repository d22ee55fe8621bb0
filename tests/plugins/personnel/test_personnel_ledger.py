"""The appointments register and the relatives register: written by cases, browsed with
ID numbers masked, exported and imported."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from core.testing import csrf_token
from core.testing.cases import SAMPLE_ID
from plugins.personnel.ledger import APPOINTMENT_COLUMNS, RELATIVE_COLUMNS
from plugins.personnel.models import Appointment, CadreRelative

APPOINTMENTS = "/t/town-a1/personnel/appointments"
RELATIVES = "/t/town-a1/personnel/relatives"
OTHER_ID = "110102198001010017"


def test_a_filed_hiring_registers_the_appointment(start, run_case, sess, world):
    case = start("personnel.hiring", post="cashier")
    run_case(case["id"], "town-a1")
    row = sess.scalar(select(Appointment).where(Appointment.case_id == case["id"]))
    assert (row.post, row.id_number, row.person_name) == ("cashier", SAMPLE_ID, "张三")
    assert row.village_id == world.villages.a1x.id and row.starts_on == date.today()


@pytest.mark.parametrize(
    ("item", "post"),
    [
        ("personnel.group_leader", "group_leader"),
        ("personnel.supervisor_election", "supervisor"),
        ("personnel.reserve_cadre", "reserve_cadre"),
    ],
)
def test_an_elected_or_chosen_person_is_registered_in_the_post(item, post, start, run_case, sess):
    case = start(item)
    run_case(case["id"], "town-a1")
    row = sess.scalar(select(Appointment).where(Appointment.case_id == case["id"]))
    assert (row.post, row.id_number) == (post, SAMPLE_ID)


def test_a_dismissal_closes_the_appointment(start, run_case, sess, world):
    sess.add(Appointment(tenant_id=world.a1.id, village_id=world.villages.a1x.id,
                         person_name="张三", id_number=SAMPLE_ID, post="clerk",
                         starts_on=date(2024, 1, 1)))  # fmt: skip
    sess.commit()
    case = start("personnel.dismissal", post="clerk")
    run_case(case["id"], "town-a1")
    sess.expire_all()
    row = sess.scalar(select(Appointment))
    assert (row.ends_on, row.case_id) == (date.today(), case["id"])


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


def _rows(data: bytes) -> list[list]:
    return [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


def _upload(client, path, stream):
    token = csrf_token(client, path.rsplit("/", 1)[0])
    return client.post(
        path,
        data={"csrf_token": token, "file": (stream, "ledger.xlsx")},
        content_type="multipart/form-data",
    )


def test_appointment_import_reports_bad_rows_and_keeps_good_ones(client, login, world, sess):
    login(world.users.a1_admin)
    code = world.villages.a1x.code
    good = [code, "甲一村", "王会计", SAMPLE_ID, "会计", "2024-01-01", None]
    bad_id = [code, "", "李出纳", "110105194912310021", "出纳", "2024-01-01", None]
    bad_post = [code, "", "赵某", OTHER_ID, "村长", "2024-01-01", None]
    response = _upload(
        client,
        f"{APPOINTMENTS}/import",
        _sheet(APPOINTMENT_COLUMNS, [good, bad_id, bad_post, good]),
    )
    page = response.get_data(as_text=True)
    assert "已导入 <strong>1</strong> 行" in page
    assert "身份证号：身份证号校验位不对" in page and "岗位：请从选项中选择" in page
    assert "任职已登记" in page
    assert [a.person_name for a in sess.scalars(select(Appointment))] == ["王会计"]
    assert SAMPLE_ID not in page and "110105********002X" in page


def test_relatives_export_then_import_gives_the_same_register(client, login, world, sess):
    login(world.users.a1_admin)
    code = world.villages.a1y.code
    rows = [
        [code, "甲二村", "李书记", "村党组织书记", "王芳", SAMPLE_ID, "配偶"],
        [code, "甲二村", "李书记", "村党组织书记", "李强", OTHER_ID, "兄弟姐妹"],
    ]
    assert _upload(client, f"{RELATIVES}/import", _sheet(RELATIVE_COLUMNS, rows)).status_code == 200
    first = client.get(f"{RELATIVES}.xlsx").data
    sess.query(CadreRelative).delete()
    sess.commit()
    assert _upload(client, f"{RELATIVES}/import", io.BytesIO(first)).status_code == 200
    read = _rows(first)
    assert _rows(client.get(f"{RELATIVES}.xlsx").data) == read
    assert len(read) == 3 and read[1][5] == SAMPLE_ID


def test_appointments_export_then_import_round_trips(client, login, world, sess):
    login(world.users.a1_admin)
    rows = [[world.villages.a1x.code, "甲一村", "王会计", SAMPLE_ID, "会计", "2024-01-01",
             "2026-12-31"]]  # fmt: skip
    _upload(client, f"{APPOINTMENTS}/import", _sheet(APPOINTMENT_COLUMNS, rows))
    first = client.get(f"{APPOINTMENTS}.xlsx").data
    sess.query(Appointment).delete()
    sess.commit()
    _upload(client, f"{APPOINTMENTS}/import", io.BytesIO(first))
    assert _rows(client.get(f"{APPOINTMENTS}.xlsx").data) == _rows(first)
    assert _rows(first)[1][-2:] == ["2024-01-01", "2026-12-31"]


def test_relatives_register_is_for_admins_and_inspectors(client, login, world, make_user):
    login(world.users.a1_secretary)
    assert client.get(APPOINTMENTS).status_code == 200
    assert client.get(RELATIVES).status_code == 403
    assert client.get(f"{RELATIVES}.xlsx").status_code == 403
    inspector = make_user("inspector", (world.a1, "township_inspector"))
    login(inspector)
    assert client.get(RELATIVES).status_code == 200
    assert client.get("/t/town-a2/personnel/relatives").status_code == 404
