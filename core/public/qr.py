"""QR codes (segno) for the notice board: SVG for print and pages, PNG for download.

A code encodes a public URL built from stable identifiers (tenant slug, village code, case
code, notice id, item key), never from names, so a printed code survives renaming.
"""

from __future__ import annotations

import io

import segno

#: error correction "M" survives a scuffed or partly covered print on a notice board
ERROR = "m"


def qr_svg(data: str, *, scale: int = 4, title: str | None = None) -> str:
    """An SVG document of the QR code for ``data``, with an accessible title."""
    out = io.BytesIO()
    segno.make(data, error=ERROR).save(
        out,
        kind="svg",
        scale=scale,
        border=2,
        xmldecl=False,
        svgns=True,
        title=title,
        svgclass="qr",
        lineclass=None,
    )
    return out.getvalue().decode()


def qr_png(data: str, *, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(data, error=ERROR).save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
