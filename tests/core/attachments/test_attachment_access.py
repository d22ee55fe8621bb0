"""Who may download and upload: a foreign or unknown token is the same 404, always."""

import io

from attachment_files import png

from core.testing import csrf_token, page_text

MADE_UP = "x" * 32


def uploaded_token(page_upload) -> str:
    return page_upload("town-a1", "现场照片.png", png()).json["token"]


def test_a_download_is_an_attachment_never_rendered_in_our_origin(client, secretary, page_upload):
    served = client.get(f"/t/town-a1/attachments/{uploaded_token(page_upload)}", buffered=True)
    assert served.headers["Content-Disposition"] == (
        'attachment; filename="attachment.png"; '
        "filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png"
    )
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Cache-Control"] == "private, no-store"
    assert served.content_length == len(png())


def test_a_sibling_township_user_gets_the_same_404_as_for_a_made_up_token(
    client, world, secretary, page_upload, login
):
    token = uploaded_token(page_upload)
    login(world.users.a2_admin)
    foreign = client.get(f"/t/town-a2/attachments/{token}")
    made_up = client.get(f"/t/town-a2/attachments/{MADE_UP}")
    assert foreign.status_code == made_up.status_code == 404
    assert page_text(foreign) == page_text(made_up)


def test_a_sibling_township_user_cannot_reach_it_through_its_township_either(
    client, world, secretary, page_upload, login
):
    token = uploaded_token(page_upload)
    login(world.users.a2_admin)
    through_owner = client.get(f"/t/town-a1/attachments/{token}")
    unknown_tenant = client.get(f"/t/no-such-town/attachments/{token}")
    assert through_owner.status_code == unknown_tenant.status_code == 404
    assert page_text(through_owner) == page_text(unknown_tenant)


def test_a_token_that_is_not_even_token_shaped_is_a_plain_404(client, secretary):
    assert client.get("/t/town-a1/attachments/%00%27;--").status_code == 404


def test_the_township_s_county_may_download_it(client, world, secretary, page_upload, login):
    token = uploaded_token(page_upload)
    login(world.users.county_admin)
    assert client.get(f"/t/town-a1/attachments/{token}", buffered=True).data == png()


def test_another_county_gets_404(client, world, secretary, page_upload, login):
    token = uploaded_token(page_upload)
    login(world.users.county_b_admin)
    assert client.get(f"/t/town-a1/attachments/{token}").status_code == 404


def test_without_login_a_download_redirects_to_the_login_page(client, world):
    response = client.get(f"/t/town-a1/attachments/{MADE_UP}")
    assert response.status_code == 302
    assert response.location.startswith("/login")


def test_without_login_an_upload_redirects_to_the_login_page(client, world):
    token = csrf_token(client, "/login")
    response = client.post("/t/town-a1/attachments", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.location.startswith("/login")


def test_a_page_upload_without_csrf_token_is_refused(client, secretary, stored_files):
    response = client.post(
        "/t/town-a1/attachments",
        data={"file": (io.BytesIO(png()), "现场照片.png")},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json["error"]["code"] == "csrf"
    assert stored_files() == []


def test_a_county_reader_may_not_upload_into_a_township(world, make_user, login, page_upload):
    login(make_user("inspector", (world.a, "county_inspector")))
    assert page_upload("town-a1", "现场照片.png", png()).status_code == 403


def test_nobody_uploads_into_a_township_they_cannot_see(world, login, page_upload):
    login(world.users.a2_admin)
    assert page_upload("town-a1", "现场照片.png", png()).status_code == 404
