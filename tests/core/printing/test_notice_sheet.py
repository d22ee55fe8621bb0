"""The notice sheet (公示书): A4, the published fields masked, the dates, a QR code."""

import io

import pytest
from pypdf import PdfReader

A4 = (595, 842)


@pytest.fixture
def sheet(client, login, world, posted):
    login(world.users.a1_admin)
    response = client.get(f"/t/town-a1/documents/notices/{posted.notice.id}/sheet.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    return response.data


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_notice_sheet_is_one_a4_page(sheet):
    pages = PdfReader(io.BytesIO(sheet)).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4


def test_a_notice_sheet_prints_the_published_fields_and_the_dates(sheet, posted):
    text = text_of(sheet)
    assert "公示" in text and posted.case.code in text
    assert "补贴对象" in text and "张*明" in text
    assert "公示期：5 天" in text


def test_a_notice_sheet_prints_no_personal_data_in_full(sheet, posted):
    text = text_of(sheet)
    assert posted.person["name"] not in text
    assert posted.person["id_number"] not in text
    assert "13812345678" not in text and "联系电话" not in text


def test_a_notice_sheet_carries_a_qr_code(sheet, qr_segments):
    assert "扫码查看办理进度" in text_of(sheet)
    assert qr_segments(sheet) > 100


def test_hostile_labels_print_as_text(sheet, posted):
    text = text_of(sheet).replace("\n", "")
    assert f"路灯{posted.hostile}" in text


def test_village_staff_of_another_village_may_not_print_it(client, login, world, posted, make_user):
    other = make_user("other-committee", (world.a1, "village_committee", world.villages.a1y))
    login(other)
    response = client.get(f"/t/town-a1/documents/notices/{posted.notice.id}/sheet.pdf")
    assert response.status_code == 403


def test_another_township_gets_404_like_a_missing_notice(client, login, world, posted):
    login(world.users.a2_admin)
    foreign = client.get(f"/t/town-a2/documents/notices/{posted.notice.id}/sheet.pdf")
    missing = client.get("/t/town-a2/documents/notices/999999/sheet.pdf")
    assert foreign.status_code == missing.status_code == 404
