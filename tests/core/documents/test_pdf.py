"""WeasyPrint rendering: offline, with a Chinese font."""

import io

import pytest
from pypdf import PdfReader

from core.documents.pdf import offline_fetcher, render_pdf


def test_the_fetcher_refuses_remote_urls():
    with pytest.raises(ValueError):
        offline_fetcher().fetch("http://example.com/tracker.png")


def test_the_fetcher_refuses_local_files():
    with pytest.raises(ValueError):
        offline_fetcher().fetch("file:///etc/passwd")


def test_chinese_text_is_embedded_with_a_cjk_font():
    pdf = render_pdf("<p>村级小微权力清单</p>")
    reader = PdfReader(io.BytesIO(pdf))
    assert "村级小微权力清单" in reader.pages[0].extract_text()
    fonts = {
        str(font.get_object()["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert any("CJK" in name for name in fonts), fonts


def test_a_remote_image_does_not_stop_the_document():
    pdf = render_pdf('<p>公示</p><img src="http://192.0.2.1/x.png" alt="">')
    assert "公示" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
