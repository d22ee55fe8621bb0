"""Uploaders' file names: cleaned for display, checked against the content, safe to offer."""

from types import SimpleNamespace

import pytest

from core.attachments import sniff
from core.attachments.operations import display_name
from core.attachments.views import content_disposition
from core.errors import Invalid


def test_folders_and_control_characters_are_dropped():
    assert display_name("C:\\Users\\张三\\现场\x00照片.JPG", sniff.JPEG) == "现场照片.JPG"


def test_a_name_without_extension_gets_the_content_s():
    assert display_name("现场照片", sniff.PNG) == "现场照片.png"


def test_dots_inside_a_date_are_not_an_extension():
    assert display_name("会议记录 2024.3.5", sniff.PDF) == "会议记录 2024.3.5.pdf"


def test_an_empty_name_becomes_a_generic_one():
    assert display_name("../..", sniff.PDF) == "附件.pdf"


def test_an_extension_that_names_another_type_is_refused():
    with pytest.raises(Invalid) as caught:
        display_name("报价单.pdf", sniff.PNG)
    assert caught.value.message.startswith("文件内容与扩展名不符")


def test_a_long_name_is_shortened_keeping_its_extension():
    name = display_name("长" * 300 + ".pdf", sniff.PDF)
    assert len(name) == 200 and name.endswith(".pdf")


def test_download_name_is_offered_in_utf8_with_an_ascii_fallback():
    header = content_disposition(SimpleNamespace(filename="现场 照片.jpg"))
    assert header == (
        'attachment; filename="attachment.jpg"; '
        "filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.jpg"
    )


def test_ascii_download_name_keeps_no_quote_or_separator():
    header = content_disposition(SimpleNamespace(filename='a"b;c.pdf'))
    assert header.startswith('attachment; filename="a_b_c.pdf"; ')
