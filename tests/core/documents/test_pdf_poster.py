"""The village poster: A3, the village's name, its list by domain, a big QR code."""

import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader

from core import db, plugins
from core.documents.poster import poster_pdf
from tenants.models import Tenant, Village

A3_POINTS = (842, 1191)


@pytest.fixture
def poster(app, world, sess):
    world.villages.a1x.name = "<b>甲一村</b>{{ 7*7 }}"
    sess.commit()
    with app.app_context():
        session = db.session()
        db.set_scope(session, [world.a.id, world.a1.id])
        tenant = session.get(Tenant, world.a1.id)
        village = session.get(Village, world.villages.a1x.id)
        return poster_pdf(session, plugins.host(), tenant, village, base_url="http://localhost/")


def test_the_poster_is_one_a3_page(poster):
    pages = PdfReader(io.BytesIO(poster)).pages
    assert len(pages) == 1
    assert tuple(round(float(x)) for x in pages[0].mediabox[2:]) == A3_POINTS


def test_the_poster_lists_the_items_by_domain_under_the_village_name(poster):
    text = PdfReader(io.BytesIO(poster)).pages[0].extract_text().replace("\n", "")
    assert "<b>甲一村</b>{{ 7*7 }}" in text
    for domain in ("村级重大决策事项", "村级采购事项", "村民救助"):
        assert domain in text


def test_the_poster_carries_the_village_page_qr_code(poster, world):
    text = PdfReader(io.BytesIO(poster)).pages[0].extract_text()
    assert f"/p/town-a1/{world.villages.a1x.code}" in text.replace("\n", "")
    page = pdfium.PdfDocument(poster)[0]
    longest = max(
        pdfium_c.FPDFPath_CountSegments(obj.raw)
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=5)
    )
    assert longest > 100
