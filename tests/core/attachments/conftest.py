"""Fixtures to upload as a page's script would, and to look into the attachments folder."""

from __future__ import annotations

import io

import pytest

from core.testing import csrf_token


@pytest.fixture
def stored_files(app):
    """``stored_files()`` -> the files under the attachments folder (sorted paths)."""
    root = app.config["QINGDAN"].attachments_path
    return lambda: sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def page_upload(client):
    """``page_upload("town-a1", "照片.png", data, accept="image")`` posts as the page's script
    does, with the CSRF token of the signed-in session (sign in first). ``declared`` is the
    content type the browser claims."""

    def upload(slug: str, name: str, content: bytes, declared: str | None = None, **form):
        token = csrf_token(client, "/account/password")  # any page of a signed-in user
        part = (io.BytesIO(content), name, declared) if declared else (io.BytesIO(content), name)
        return client.post(
            f"/t/{slug}/attachments",
            data={"file": part, "csrf_token": token, **form},
            headers={"Accept": "application/json"},
        )

    return upload


@pytest.fixture
def secretary(world, login):
    """Signed in as the secretary of a village of town A1."""
    login(world.users.a1_secretary)
    return world.users.a1_secretary
