"""Small real files, made on the spot: one of each type an attachment may be, and bombs."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

OLE_END = 0xFFFFFFFE
OLE_FREE = 0xFFFFFFFF
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def png(width: int = 2, height: int = 2, *, pixels: bool = True) -> bytes:
    """A red RGB PNG; without ``pixels`` only the header is honest (for bomb tests)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height)) if pixels else b""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
        b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def office(main_part: str = "/word/document.xml", content_type: str = WORD_MAIN, **extra) -> bytes:
    """A minimal ``.docx`` (or, with the Excel main part, ``.xlsx``) made with zipfile.

    Every entry carries the same fixed time, so two calls give the same bytes.
    """
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="{main_part}" ContentType="{content_type}"/></Types>'
    )
    parts = {"[Content_Types].xml": types, main_part.lstrip("/"): "<document>会议记录</document>"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**parts, **extra}.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx() -> bytes:
    return office()


def xlsx() -> bytes:
    return office("/xl/workbook.xml", EXCEL_MAIN)


def ole2(stream_name: str) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors: FAT, directory) holding one empty
    stream — ``WordDocument`` makes a ``.doc``, ``Workbook`` an ``.xls``."""
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        bytes(16),
        0x3E,  # minor version
        3,  # major version: 512-byte sectors
        0xFFFE,  # little-endian
        9,  # sector shift
        6,  # mini sector shift
        bytes(6),
        0,  # directory sectors (always 0 in version 3)
        1,  # FAT sectors
        1,  # first directory sector
        0,  # transaction signature
        4096,  # mini stream cutoff
        OLE_END,  # first mini FAT sector
        0,
        OLE_END,  # first DIFAT sector
        0,
    )
    header += struct.pack("<109I", 0, *[OLE_FREE] * 108)
    fat = struct.pack("<128I", 0xFFFFFFFD, OLE_END, *[OLE_FREE] * 126)

    def entry(name: str, kind: int, child: int = OLE_FREE) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        return struct.pack(
            "<64sHBBIII16sIQQIII",
            encoded,
            len(encoded),
            kind,
            1,  # black
            OLE_FREE,
            OLE_FREE,
            child,
            bytes(16),
            0,
            0,
            0,
            OLE_END,  # start sector: an empty stream has none
            0,  # size
            0,
        )

    directory = entry("Root Entry", 5, child=1) + entry(stream_name, 2) + bytes(256)
    return header + fat + directory
