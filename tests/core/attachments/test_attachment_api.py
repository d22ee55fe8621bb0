"""``/api/v1/t/<slug>/attachments``: the same upload and download, with a bearer token."""

import io

from attachment_files import pdf, png

MADE_UP = "x" * 32


def api_upload(client, headers, name="会议纪要.pdf", content=None, slug="town-a1", **form):
    data = {"file": (io.BytesIO(pdf() if content is None else content), name), **form}
    return client.post(f"/api/v1/t/{slug}/attachments", data=data, headers=headers)


def test_a_script_uploads_and_downloads_with_its_token(client, world, api_token):
    headers = api_token(world.users.a1_secretary)
    uploaded = api_upload(client, headers)
    assert uploaded.status_code == 201
    assert set(uploaded.json) == {"id", "token", "name", "content_type", "size"}
    served = client.get(
        f"/api/v1/t/town-a1/attachments/{uploaded.json['token']}", headers=headers, buffered=True
    )
    assert served.status_code == 200
    assert (served.data, served.mimetype) == (pdf(), "application/pdf")
    assert served.headers["Content-Disposition"].startswith("attachment;")


def test_a_refused_upload_answers_the_usual_json_error(client, world, api_token):
    headers = api_token(world.users.a1_secretary)
    response = api_upload(client, headers, "照片.jpg", png(), accept="image")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "extension_mismatch"


def test_without_a_token_upload_and_download_answer_401(client, world):
    assert api_upload(client, {}).status_code == 401
    assert client.get(f"/api/v1/t/town-a1/attachments/{MADE_UP}").status_code == 401


def test_a_foreign_token_answers_like_a_made_up_one(client, world, api_token):
    token = api_upload(client, api_token(world.users.a1_secretary)).json["token"]
    other = api_token(world.users.a2_admin)
    foreign = client.get(f"/api/v1/t/town-a2/attachments/{token}", headers=other)
    made_up = client.get(f"/api/v1/t/town-a2/attachments/{MADE_UP}", headers=other)
    assert foreign.status_code == made_up.status_code == 404
    assert foreign.json == made_up.json


def test_both_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "201" in paths["/api/v1/t/{slug}/attachments"]["post"]["responses"]
    assert "get" in paths["/api/v1/t/{slug}/attachments/{token}"]
