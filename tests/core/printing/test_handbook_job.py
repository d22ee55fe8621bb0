"""Asking for a handbook through the pages: queued, generated in-process (no Redis), shown
as done, downloaded; other townships and other villages cannot see it."""

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from core.printing import operations
from core.printing.models import Document
from core.testing import csrf_token


@pytest.fixture
def small_list(monkeypatch):
    """Only the first two items of the list in force: the job is under test, not the layout
    of a whole handbook (tests/core/documents/test_pdf_handbook.py does that)."""
    from core.documents import handbook

    real = handbook.items_in_force
    monkeypatch.setattr(handbook, "items_in_force", lambda *args: real(*args)[:2])


def ask(client, slug="town-a1", village=""):
    token = csrf_token(client, f"/t/{slug}/documents")
    return client.post(
        f"/t/{slug}/documents/handbook", data={"csrf_token": token, "village": village}
    )


def test_a_handbook_request_runs_and_is_downloaded(client, login, world, sess, small_list):
    login(world.users.a1_admin)
    response = ask(client)
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and "Refresh" not in page.headers
    document = sess.scalar(select(Document))
    assert (document.status, document.progress, document.subject) == ("done", 100, "甲一镇")
    link = re.search(r'href="([^"]+/download)"', page.get_data(as_text=True)).group(1)
    pdf = client.get(link)
    assert pdf.mimetype == "application/pdf"
    assert "权力手册" in PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()


def test_a_pending_handbook_page_reloads_itself_and_shows_progress(client, login, world, sess):
    document = Document(
        tenant_id=world.a1.id, kind="handbook", subject="甲一镇", status="running", progress=40
    )
    sess.add(document)
    sess.commit()
    login(world.users.a1_admin)
    page = client.get(f"/t/town-a1/documents/{document.id}")
    assert page.headers["Refresh"] == "3"
    assert "40%" in page.get_data(as_text=True)
    assert client.get(f"/t/town-a1/documents/{document.id}/download").status_code == 404


def test_another_township_gets_404_for_the_handbook(client, login, world, sess, small_list):
    login(world.users.a1_admin)
    ask(client)
    document = sess.scalar(select(Document))
    client.post("/logout", data={"csrf_token": csrf_token(client, "/t/town-a1/")})
    login(world.users.a2_admin)
    for path in (f"/t/town-a2/documents/{document.id}", f"/t/town-a1/documents/{document.id}"):
        assert client.get(path).status_code == 404
        assert client.get(f"{path}/download").status_code == 404


def test_village_staff_ask_for_their_own_village_only(client, login, world, sess, small_list):
    login(world.users.a1_secretary)
    assert ask(client, village=str(world.villages.a1y.id)).status_code == 403
    assert ask(client).status_code == 403
    assert ask(client, village=str(world.villages.a1x.id)).status_code == 302
    assert sess.scalar(select(Document)).subject == "甲一村"


def test_a_village_of_another_township_is_not_found(client, login, world, small_list):
    login(world.users.a1_admin)
    assert ask(client, village=str(world.villages.a2x.id)).status_code == 404
    assert ask(client, village="abc").status_code == 404


def test_a_failed_render_ends_failed_with_a_message(client, login, world, sess, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(operations, "handbook_pdf", broken)
    login(world.users.a1_admin)
    page = client.get(ask(client).headers["Location"])
    document = sess.scalar(select(Document))
    assert document.status == "failed"
    assert operations.FAILED_MESSAGE in page.get_data(as_text=True)


def test_the_printing_page_lists_posters_and_notice_sheets(client, login, world, posted):
    login(world.users.a1_admin)
    page = client.get("/t/town-a1/documents").get_data(as_text=True)
    assert f"/t/town-a1/documents/villages/{world.villages.a1x.id}/poster.pdf" in page
    assert f"/t/town-a1/documents/notices/{posted.notice.id}/sheet.pdf" in page
    assert "<script>alert(1)</script>" not in page
