"""Uploading from a page: what is kept, what is refused, and that a refusal keeps nothing."""

import errno

import pytest
from attachment_files import docx, office, pdf, png
from sqlalchemy import func, select

from core.attachments import sniff, storage
from core.attachments.models import Attachment
from core.testing import csrf_token

MB = 1024 * 1024


def count_rows(sess) -> int:
    sess.rollback()  # a fresh snapshot: the request committed in its own session
    return sess.scalar(select(func.count(Attachment.id)))


def refused(response, status: int = 422) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    return response.json["error"]["message"]


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("现场照片.png", png, "image/png"),
        ("会议纪要.pdf", pdf, "application/pdf"),
        (
            "报价单.docx",
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_an_accepted_file_is_served_back_byte_identical(
    client, secretary, page_upload, name, make, content_type
):
    content = make()  # made once: office files carry the time they were zipped
    uploaded = page_upload("town-a1", name, content)
    assert uploaded.status_code == 201, uploaded.json
    served = client.get(f"/t/town-a1/attachments/{uploaded.json['token']}", buffered=True)
    assert served.status_code == 200
    assert served.data == content
    assert served.mimetype == content_type


def test_the_answer_is_the_reference_the_form_field_keeps(secretary, page_upload, sess):
    answer = page_upload("town-a1", "现场照片.png", png()).json
    row = sess.scalar(select(Attachment))
    assert answer == {
        "id": str(row.id),
        "token": row.token,
        "name": "现场照片.png",
        "content_type": "image/png",
        "size": len(png()),
    }


def test_the_row_records_tenant_uploader_digest_and_a_key_under_the_tenant(
    app, world, secretary, page_upload, sess, stored_files
):
    page_upload("town-a1", "现场照片.png", png())
    row = sess.scalar(select(Attachment))
    assert (row.tenant_id, row.uploaded_by_id, row.case_id) == (world.a1.id, secretary.id, None)
    assert row.storage_key.startswith(f"{world.a1.id}/")
    assert stored_files() == [app.config["QINGDAN"].attachments_path / row.storage_key]


def test_the_browser_s_declared_type_is_ignored(secretary, page_upload):
    answer = page_upload("town-a1", "图.png", png(), declared="application/pdf").json
    assert answer["content_type"] == "image/png"


def test_a_png_named_pdf_is_refused_where_only_pdf_is_accepted(
    secretary, page_upload, sess, stored_files
):
    message = refused(page_upload("town-a1", "报价单.pdf", png(), accept="pdf"))
    assert message.startswith("文件内容与扩展名不符")
    assert (count_rows(sess), stored_files()) == (0, [])


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120), b"<html><script>alert(1)</script></html>"],
    ids=["exe", "html"],
)
def test_an_executable_or_a_page_named_jpg_is_refused(
    secretary, page_upload, stored_files, content
):
    message = refused(page_upload("town-a1", "照片.jpg", content, declared="image/jpeg"))
    assert message.startswith("无法识别的文件类型")
    assert stored_files() == []


def test_a_kind_the_field_does_not_accept_is_refused_in_the_field_s_words(secretary, page_upload):
    assert refused(page_upload("town-a1", "会议纪要.pdf", pdf(), accept="image")) == "只能上传图片"


def test_an_oversize_file_is_refused_without_storing_anything(
    secretary, page_upload, sess, stored_files
):
    big = pdf() + bytes(MB)
    assert refused(page_upload("town-a1", "纪要.pdf", big, max_size="1")) == "文件不能超过 1 MB"
    assert (count_rows(sess), stored_files()) == (0, [])


def test_a_field_cannot_raise_the_platform_limit(app, secretary, page_upload):
    app.config["QINGDAN"].attachment_max_mb = 1
    response = page_upload("town-a1", "纪要.pdf", pdf() + bytes(MB), max_size="50")
    assert refused(response) == "文件不能超过 1 MB"


def test_an_empty_file_is_refused(secretary, page_upload):
    assert refused(page_upload("town-a1", "纪要.pdf", b"")) == "文件是空的，请重新选择。"


def test_an_image_bomb_is_refused_without_storing_anything(
    secretary, page_upload, sess, stored_files
):
    response = page_upload("town-a1", "航拍.png", png(100_000, 100_000, pixels=False))
    assert "4000 万像素" in refused(response)
    assert (count_rows(sess), stored_files()) == (0, [])


def test_a_zip_bomb_docx_is_refused(secretary, page_upload, stored_files):
    bomb = office(**{f"word/p{n}.xml": "" for n in range(sniff.MAX_ZIP_ENTRIES)})
    assert "解压后过大或包含的条目过多" in refused(page_upload("town-a1", "合同.docx", bomb))
    assert stored_files() == []


def test_a_full_disk_keeps_neither_row_nor_file_and_says_so(
    secretary, page_upload, sess, stored_files, monkeypatch
):
    def half_then_full(stream, out):
        out.write(stream.read(10))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_copy", half_then_full)
    response = page_upload("town-a1", "现场照片.png", png())
    assert refused(response, 507) == "存储空间不足，附件未保存，请联系管理员。"
    assert (count_rows(sess), stored_files()) == (0, [])


def test_an_unknown_kind_in_accept_is_refused(secretary, page_upload):
    response = page_upload("town-a1", "现场照片.png", png(), accept="image,video")
    assert "accept" in response.json["error"]["fields"]
    refused(response)


def test_a_request_without_a_file_is_refused(client, secretary):
    token = csrf_token(client, "/account/password")
    response = client.post(
        "/t/town-a1/attachments",
        data={"csrf_token": token},
        headers={"Accept": "application/json"},
    )
    assert response.json["error"]["fields"] == {"file": "必填"}
    refused(response)
