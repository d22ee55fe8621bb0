"""Must show 3: a township's handbook with all eight plugins, in Chinese, one flowchart per
item, and a page that looks right."""

import io
import re

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat
from pypdf import PdfReader

from core import db, plugins
from core.catalog.operations import items_in_force
from core.documents.handbook import handbook_pdf
from core.testing.browser import ARTIFACTS
from tenants.models import Tenant

A4_POINTS = (595, 842)
CAPTION = re.compile(r"图 (\d+)：")


@pytest.fixture
def handbook(app, world):
    """The handbook of township A1, where the county left every built-in plugin on."""
    with app.app_context():
        sess = db.session()
        db.set_scope(sess, [world.a.id, world.a1.id])
        tenant = sess.get(Tenant, world.a1.id)
        host = plugins.host()
        assert len(host.domains()) == 8
        names = [version.name for _item, version in items_in_force(sess, host, tenant)]
        pdf = handbook_pdf(sess, host, tenant, base_url="http://localhost/")
    return pdf, names


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_handbook_holds_every_item_in_chinese_with_its_flowchart(handbook):
    """Rendered once for both checks: a whole handbook takes a while on a small machine."""
    pdf, names = handbook
    text = text_of(pdf)
    numbers = [int(n) for n in CAPTION.findall(text)]
    assert numbers == list(range(1, len(names) + 1)), "one captioned flowchart per item"
    text = re.sub(r"\s+", "", text)
    assert len(names) >= 16
    for section in (
        "目录",
        "权力手册",
        "村级重大决策事项",
        "村民救助",
        "救灾款申请",
        "责任清单",
        "负面清单",
    ):
        assert section in text, section
    missing = [name for name in names if re.sub(r"\s+", "", name) not in text]
    assert not missing


def test_a_handbook_page_renders_to_a_non_blank_a4_image(handbook):
    pdf, _ = handbook
    document = pdfium.PdfDocument(pdf)
    page = document[5]  # past the cover and contents: an item with its flowchart
    assert tuple(round(x) for x in page.get_size()) == A4_POINTS
    image = page.render(scale=2).to_pil().convert("L")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image.save(ARTIFACTS / "handbook-page-6.png")
    width, height = image.size
    assert abs(width / height - 210 / 297) < 0.005
    assert ImageStat.Stat(image).var[0] > 500  # ink on paper, not a blank page
