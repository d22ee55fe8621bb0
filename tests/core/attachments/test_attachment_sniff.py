"""What a file is comes from its bytes: every accepted type, and every kind of refusal."""

import io
import zipfile

import pytest
from attachment_files import docx, office, ole2, pdf, png, xlsx
from PIL import Image

from core.attachments import sniff
from core.errors import Invalid
from formbuilder.fieldtypes.special import KINDS


def image(pillow_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "red").save(buffer, pillow_format)
    return buffer.getvalue()


def identify(data: bytes) -> sniff.FileType:
    return sniff.identify(io.BytesIO(data))


def refusal(data: bytes) -> Invalid:
    with pytest.raises(Invalid) as caught:
        identify(data)
    return caught.value


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: image("JPEG"), sniff.JPEG),
        (png, sniff.PNG),
        (lambda: image("GIF"), sniff.GIF),
        (lambda: image("WEBP"), sniff.WEBP),
        (pdf, sniff.PDF),
        (docx, sniff.DOCX),
        (xlsx, sniff.XLSX),
        (lambda: ole2("WordDocument"), sniff.DOC),
        (lambda: ole2("Workbook"), sniff.XLS),
    ],
    ids=["jpeg", "png", "gif", "webp", "pdf", "docx", "xlsx", "doc", "xls"],
)
def test_each_accepted_type_is_recognised_from_its_bytes(make, expected):
    assert identify(make()) == expected


def test_every_recognised_type_passes_the_attachment_field_of_its_kind():
    for found in sniff.TYPES:
        assert found.content_type in KINDS[found.kind][1], found


def test_an_executable_is_refused_as_unknown():
    assert refusal(b"MZ\x90\x00\x03" + bytes(200)).code == "unknown_type"


def test_html_is_refused_as_unknown():
    assert refusal(b"<!DOCTYPE html><script>alert(1)</script>").code == "unknown_type"


def test_image_header_claiming_ten_billion_pixels_is_refused_as_a_bomb():
    error = refusal(png(100_000, 100_000, pixels=False))
    assert error.code == "image_too_large"
    assert "4000 万像素" in error.message


def test_image_just_over_the_pixel_limit_is_refused():
    assert refusal(png(8000, 5001, pixels=False)).code == "image_too_large"


def test_truncated_image_is_refused_as_damaged():
    assert refusal(png()[:20]).code == "damaged"


def test_zip_that_unpacks_past_the_limit_is_refused_as_a_bomb():
    buffer = io.BytesIO(docx())
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("word/media/zeros.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(sniff.MAX_ZIP_UNPACKED // sniff.MB + 1):
            part.write(bytes(sniff.MB))
    assert len(buffer.getvalue()) < 5 * sniff.MB  # small enough to pass any size limit
    assert refusal(buffer.getvalue()).code == "zip_bomb"


def test_zip_with_too_many_entries_is_refused_as_a_bomb():
    parts = {f"word/p{n}.xml": "" for n in range(sniff.MAX_ZIP_ENTRIES)}
    assert refusal(office(**parts)).code == "zip_bomb"


def test_zip_without_an_office_part_list_is_refused_as_unknown():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refusal(buffer.getvalue()).code == "unknown_type"


def test_macro_enabled_word_file_is_refused_as_unknown():
    macro = "application/vnd.ms-word.document.macroEnabled.main+xml"
    assert refusal(office(content_type=macro)).code == "unknown_type"


def test_ole2_file_that_is_neither_word_nor_excel_is_refused():
    assert refusal(ole2("\x05SummaryInformation")).code == "unknown_type"


def test_truncated_office_file_is_refused_as_damaged():
    assert refusal(docx()[:60]).code == "damaged"
