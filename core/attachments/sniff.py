"""What an uploaded file really is, read from its bytes (内容识别).

The name's extension and the browser's declared type are whatever the sender wants them to
be, so neither is trusted: the first bytes decide, and for containers (ZIP-based and OLE2
Office files) the table of contents inside. Anything not recognised is refused, and so is a
file built to exhaust whoever opens it later: an image whose header claims more pixels than
any camera takes, a ZIP whose contents would unpack to gigabytes.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

import olefile
from PIL import Image, UnidentifiedImageError

from core.errors import Invalid

MB = 1024 * 1024
#: more than any phone or scanner produces; decoding one would take gigabytes of memory
MAX_PIXELS = 40_000_000
#: a real Word or Excel file has tens to a few thousand parts, unpacking to tens of MB
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_UNPACKED = 512 * MB
#: the part list of an Office file is a few KB
MAX_CONTENT_TYPES = 1 * MB


@dataclass(frozen=True)
class FileType:
    """A type of file we accept: its content type, the form builder's kind, its extensions
    (the first is added to a name that has none), and Pillow's format for images."""

    content_type: str
    kind: str
    name: str
    extensions: tuple[str, ...]
    pillow_format: str | None = None


JPEG = FileType("image/jpeg", "image", "JPG 图片", (".jpg", ".jpeg", ".jpe", ".jfif"), "JPEG")
PNG = FileType("image/png", "image", "PNG 图片", (".png",), "PNG")
GIF = FileType("image/gif", "image", "GIF 图片", (".gif",), "GIF")
WEBP = FileType("image/webp", "image", "WebP 图片", (".webp",), "WEBP")
PDF = FileType("application/pdf", "pdf", "PDF 文件", (".pdf",))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "document",
    "Word 文档",
    (".docx",),
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "spreadsheet",
    "Excel 表格",
    (".xlsx",),
)
DOC = FileType("application/msword", "document", "Word 97-2003 文档", (".doc",))
XLS = FileType("application/vnd.ms-excel", "spreadsheet", "Excel 97-2003 表格", (".xls",))
TYPES = (JPEG, PNG, GIF, WEBP, PDF, DOCX, XLSX, DOC, XLS)

#: the main part's content type in ``[Content_Types].xml`` -> the file type
OFFICE_MAIN_PARTS = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
#: the stream an OLE2 compound file must hold to be a Word or an Excel file
OLE_STREAMS = (("WordDocument", DOC), ("Workbook", XLS), ("Book", XLS))
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: what zipfile raises for a broken directory or part (bad offsets, names, data), an
#: encrypted entry, or a compression method Office never uses
ZIP_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    zlib.error,
    RuntimeError,
    NotImplementedError,
)

UNKNOWN = "无法识别的文件类型。只能上传图片（JPG、PNG、GIF、WebP）、PDF、Word 或 Excel 文件。"
DAMAGED = "文件已损坏或不完整，无法打开，请检查后重新上传。"
TOO_MANY_PIXELS = "图片像素过多（超过 4000 万像素），请缩小后再上传。"
ZIP_BOMB = "文件解压后过大或包含的条目过多，不像正常的 Word 或 Excel 文件，已拒绝。"


def identify(stream: BinaryIO) -> FileType:
    """The type of the file in ``stream`` (seekable, left at its start), or :class:`Invalid`."""
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(b"\xff\xd8\xff"):
        found = JPEG
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = PNG
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        found = GIF
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        found = WEBP
    elif head.startswith(b"%PDF-"):
        found = PDF
    elif head.startswith(ZIP_MAGIC):
        found = _office_open_xml(stream)
    elif head.startswith(OLE_MAGIC):
        found = _compound_document(stream)
    else:
        raise Invalid(UNKNOWN, code="unknown_type")
    if found.pillow_format:
        _check_image(stream, found.pillow_format)
    stream.seek(0)
    return found


def _check_image(stream: BinaryIO, pillow_format: str) -> None:
    """Read the dimensions from the header only: Pillow decodes no pixel until asked.

    Pillow's own ``Image.MAX_IMAGE_PIXELS`` guard stays in force behind this stricter one;
    its error (or its warning, where warnings are errors) is a refusal too.
    """
    try:
        with Image.open(stream, formats=[pillow_format]) as image:
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise Invalid(TOO_MANY_PIXELS, code="image_too_large") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error) as exc:
        raise Invalid(DAMAGED, code="damaged") from exc
    if width * height > MAX_PIXELS:
        raise Invalid(TOO_MANY_PIXELS, code="image_too_large")


def _office_open_xml(stream: BinaryIO) -> FileType:
    """A ``.docx`` or ``.xlsx``: a ZIP whose part list names a Word or Excel main part.

    Only the central directory and ``[Content_Types].xml`` (read with a cap) are touched;
    sizes the directory declares are checked so nobody downstream unpacks a bomb.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_ZIP_UNPACKED:
                raise Invalid(ZIP_BOMB, code="zip_bomb")
            with archive.open("[Content_Types].xml") as part:
                content_types = part.read(MAX_CONTENT_TYPES)
    except KeyError as exc:  # no part list: a ZIP, but not an Office file
        raise Invalid(UNKNOWN, code="unknown_type") from exc
    except ZIP_ERRORS as exc:
        raise Invalid(DAMAGED, code="damaged") from exc
    for main_part, found in OFFICE_MAIN_PARTS.items():
        if main_part in content_types:
            return found
    raise Invalid(UNKNOWN, code="unknown_type")


def _compound_document(stream: BinaryIO) -> FileType:
    """A legacy ``.doc`` or ``.xls``: an OLE2 compound file holding Word's or Excel's stream.

    Installers (``.msi``) and other OLE2 files share the magic bytes and are refused here.
    """
    try:
        with olefile.OleFileIO(stream) as ole:
            found = next((t for name, t in OLE_STREAMS if ole.exists(name)), None)
    except (OSError, ValueError, IndexError, struct.error) as exc:
        raise Invalid(DAMAGED, code="damaged") from exc
    if found is None:
        raise Invalid(UNKNOWN, code="unknown_type")
    return found
