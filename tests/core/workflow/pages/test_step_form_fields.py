"""Field behaviour on step pages: files sent with the form itself (no script needed), and
conditions carried to the browser while the server enforces them."""

import io

import pytest
from sqlalchemy import select

from core.attachments.models import Attachment
from core.workflow.models import Case

PDF = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)
ITEM = {
    "format": 1,
    "key": "local.lamp_report",
    "name": "路灯报修",
    "domain": "local",
    "basis": ["《村民委员会组织法》"],
    "responsible_role": "village_committee",
    "steps": [
        {
            "key": "report",
            "name": "登记报修",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                {"key": "kind", "type": "text", "label": "故障类型"},
                {
                    "key": "other",
                    "type": "text",
                    "label": "其他说明",
                    "required": True,
                    "visible_when": {"==": [{"var": "kind"}, "other"]},
                },
                {"key": "photo", "type": "attachment", "label": "现场照片", "accept": ["pdf"]},
                {
                    "key": "quotes",
                    "type": "table",
                    "label": "维修报价",
                    "columns": [
                        {"key": "supplier", "type": "text", "label": "供应商"},
                        {"key": "price", "type": "money", "label": "报价（元）"},
                    ],
                },
            ],
            "next": None,
        }
    ],
}


@pytest.fixture
def report(sess, works, as_user, submit):
    """A case of the lamp-report item, started by the committee member; its step's path."""
    from core.catalog.operations import create_item, publish

    publish(sess, create_item(sess, works.tenant.county, ITEM, origin="county", actor_id=None))
    sess.commit()
    client = as_user(works.people.committee)
    started = submit(
        "/t/town-a1/cases/new",
        {"village": works.village.code, "item": "local.lamp_report"},
        via=client,
    )
    return client, started.headers["Location"]


def test_a_file_chosen_on_the_form_is_stored_and_referenced(report, submit, sess):
    client, path = report
    response = submit(
        path,
        {"kind": "灯不亮", "photo": (io.BytesIO(PDF), "现场.pdf")},
        via=client,
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    case = sess.scalar(select(Case))
    attachment = sess.scalar(select(Attachment))
    assert case.data["photo"]["id"] == str(attachment.id)
    assert case.status == "completed"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"/t/town-a1/attachments/{attachment.token}" in page
    assert client.get(f"/t/town-a1/attachments/{attachment.token}").data == PDF


def test_a_refused_step_keeps_the_stored_file(report, submit, sess):
    client, path = report
    response = submit(
        path,
        {"kind": "other", "photo": (io.BytesIO(PDF), "现场.pdf")},
        via=client,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "已上传：现场.pdf" in page
    assert "请填写此项" in page
    attachment = sess.scalar(select(Attachment))
    assert f"&#34;id&#34;: &#34;{attachment.id}&#34;" in page


def test_a_file_of_the_wrong_kind_is_refused_next_to_its_field(report, submit, sess):
    client, path = report
    response = submit(
        path,
        {"kind": "灯不亮", "photo": (io.BytesIO(b"just text"), "note.txt")},
        via=client,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert sess.scalar(select(Attachment)) is None
    page = response.get_data(as_text=True)
    photo = page[page.index('name="photo"') :]
    assert photo.index('class="error"') < photo.index("</div>")


def test_the_condition_travels_to_the_page_and_the_server_applies_it(report, submit, sess):
    client, path = report
    page = client.get(path).get_data(as_text=True)
    assert """data-visible-when='{"==": [{"var": "kind"}, "other"]}'""" in page
    assert "js/conditions.js" in page and "vendor/json-logic.js" in page
    response = submit(path, {"kind": "灯不亮", "other": "被隐藏的说明"}, via=client)
    assert response.status_code == 302
    assert sess.scalar(select(Case)).data == {"kind": "灯不亮"}


def test_a_table_offers_spare_rows_and_drops_the_blank_ones(report, submit, sess):
    client, path = report
    page = client.get(path).get_data(as_text=True)
    assert 'name="quotes-2-price"' in page and 'name="quotes-3-price"' not in page
    response = submit(
        path,
        {
            "kind": "灯不亮",
            "quotes-0-supplier": "",
            "quotes-0-price": "",
            "quotes-1-supplier": "城关电器",
            "quotes-1-price": "1200",
            "quotes-2-supplier": "",
        },
        via=client,
    )
    assert response.status_code == 302
    assert sess.scalar(select(Case)).data["quotes"] == [
        {"supplier": "城关电器", "price": "1200.00"}
    ]
