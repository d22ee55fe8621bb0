from types import SimpleNamespace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from sqlalchemy import select

#: labels and values a hostile clerk might type: they must print as text
HOSTILE = "<script>alert(1)</script>{{ 7*7 }}"
PERSON = {"name": "张小明", "id_number": "110105198001011238"}


def hostile_definition() -> dict:
    return {
        "format": 1,
        "key": "local.lamp_subsidy",
        "name": f"路灯补贴{HOSTILE}",
        "domain": "local",
        "basis": ["《村民委员会组织法》第二十四条"],
        "responsible_role": "village_director",
        "steps": [
            {
                "key": "apply",
                "name": "登记",
                "kind": "task",
                "role": "village_committee",
                "fields": [
                    {"key": "recipient", "type": "person", "label": "补贴对象", "public": True},
                    {"key": "note", "type": "text", "label": f"说明{HOSTILE}", "public": True},
                    {"key": "phone", "type": "phone", "label": "联系电话"},
                ],
                "next": "notice",
            },
            {
                "key": "notice",
                "name": "结果公示",
                "kind": "notice",
                "role": "village_director",
                "notice_days": 5,
                "next": None,
            },
        ],
    }


@pytest.fixture
def posted(app, sess, world, make_user):
    """A case of township A1's local item in village X, at its 5-day notice; the item's name,
    a field label and a value hold markup."""
    from core.catalog.operations import create_item, publish
    from core.workflow.cases import start_case
    from core.workflow.models import Notice

    item = create_item(sess, world.a1, hostile_definition(), origin="township", actor_id=None)
    publish(sess, item)
    committee = make_user("committee", (world.a1, "village_committee", world.villages.a1x))
    with app.app_context():
        case = start_case(
            sess,
            app.extensions["qingdan.plugins"],
            world.a1,
            world.villages.a1x,
            item.key,
            committee,
            data={"recipient": PERSON, "note": f"路灯{HOSTILE}", "phone": "13812345678"},
        )
        sess.commit()
    notice = sess.scalar(select(Notice).where(Notice.case_id == case.id))
    assert notice is not None
    return SimpleNamespace(case=case, notice=notice, item=item, hostile=HOSTILE, person=PERSON)


def longest_path(pdf: bytes, page_index: int = 0) -> int:
    """Segments of the longest vector path on a page: a QR code is drawn as one long path
    of module runs, far longer than any table border."""
    page = pdfium.PdfDocument(pdf)[page_index]
    return max(
        (
            pdfium_c.FPDFPath_CountSegments(obj.raw)
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=5)
        ),
        default=0,
    )


@pytest.fixture
def qr_segments():
    return longest_path
