"""Labels, help texts and options are data: script and template syntax in them render as
text in the designer, the preview form and the flowchart (issue 6, must-show 3)."""

import io
import json

import pytest

from core.testing import csrf_token

BASE = "/t/town-a1/designer"


@pytest.fixture
def admin(client, login, world):
    login(world.users.a1_admin)
    return client


@pytest.fixture
def token(admin):
    return csrf_token(admin, f"{BASE}/")


@pytest.fixture
def imported(admin, token, hostile_item):
    upload = {"file": (io.BytesIO(json.dumps(hostile_item).encode()), "hostile.json")}
    response = admin.post(f"{BASE}/import", data={"csrf_token": token, **upload})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.location


def assert_inert(markup: str) -> None:
    assert "<script>alert(1)</script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "{{ 7*7 }}" in markup
    assert ">49<" not in markup


def test_the_designer_pages_escape_the_name(admin, imported):
    assert_inert(admin.get(imported).get_data(as_text=True))
    assert_inert(admin.get(f"{BASE}/").get_data(as_text=True))


def test_the_preview_form_escapes_labels_help_and_options(admin, token, hostile_item):
    forms = admin.post(f"{BASE}/preview", json=hostile_item, headers={"X-CSRFToken": token}).json[
        "forms"
    ]
    assert_inert(forms)
    assert "其他&lt;script&gt;" in forms  # the option label
    assert "说明&lt;script&gt;" in forms  # the help text


def test_the_preview_flowchart_escapes_names(admin, token, hostile_item):
    svg = admin.post(f"{BASE}/preview", json=hostile_item, headers={"X-CSRFToken": token}).json[
        "flowchart"
    ]
    assert_inert(svg)


def test_the_editor_data_carries_labels_as_plain_json_strings(admin, imported):
    data = admin.get(f"{imported}/editor.json")
    assert data.mimetype == "application/json"
    assert data.json["definition"]["steps"][0]["fields"][0]["label"].endswith(
        "<script>alert(1)</script>{{ 7*7 }}"
    )
