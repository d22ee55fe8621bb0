"""The designer's pages over HTTP: who may see and change what, saving, preview, import."""

import io
import json
import re

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
def lights(admin, token, local_item):
    """The example local item, imported through the page."""
    upload = {"file": (io.BytesIO(json.dumps(local_item).encode()), "lights.json")}
    response = admin.post(f"{BASE}/import", data={"csrf_token": token, **upload})
    assert response.status_code == 302, response.get_data(as_text=True)
    return f"{BASE}/items/local.street_lights"


def send(client, url, token, body):
    return client.post(url, json=body, headers={"X-CSRFToken": token, "Accept": "application/json"})


def test_a_township_admin_sees_the_designer_list(admin):
    page = admin.get(f"{BASE}/")
    assert page.status_code == 200
    assert "新建特色事项" in page.get_data(as_text=True)


def test_the_tenant_home_links_the_designer_for_its_admin(admin):
    assert f'href="{BASE}/"' in admin.get("/t/town-a1/").get_data(as_text=True)


def test_another_townships_admin_gets_404(client, login, world, lights):
    login(world.users.a2_admin)
    assert client.get(f"{BASE}/").status_code == 404
    assert client.get(lights).status_code == 404


def test_village_staff_are_refused(client, login, world):
    login(world.users.a1_secretary)
    assert client.get(f"{BASE}/").status_code == 403


def test_a_county_admin_reads_but_cannot_save(client, login, world, lights, local_item):
    login(world.users.county_admin)
    page = client.get(f"{BASE}/")
    assert page.status_code == 200
    assert "新建特色事项" not in page.get_data(as_text=True)
    assert client.get(f"{lights}/editor.json").json["editable"] is False
    token = csrf_token(client, lights)
    assert send(client, f"{lights}/save", token, local_item).status_code == 403


def test_a_new_item_opens_in_the_editor(admin, token):
    response = admin.post(f"{BASE}/new", data={"csrf_token": token, "name": "路灯安装"})
    assert response.location == f"{BASE}/items/local.item1"
    page = admin.get(response.location).get_data(as_text=True)
    assert 'data-save="/t/town-a1/designer/items/local.item1/save"' in page


def test_a_new_item_without_a_name_keeps_the_form(admin, token):
    response = admin.post(f"{BASE}/new", data={"csrf_token": token, "key": "local.x"})
    assert response.status_code == 422
    assert "请填写事项名称" in response.get_data(as_text=True)


def test_the_editor_gets_the_definition_and_every_field_type(admin, lights):
    data = admin.get(f"{lights}/editor.json").json
    assert data["definition"]["key"] == "local.street_lights"
    assert data["editable"] is True
    types = {t["key"] for t in data["palette"]["field_types"]}
    assert {"text", "money", "choice", "table", "computed", "section"} <= types
    assert "include" in {k["key"] for k in data["palette"]["step_kinds"]}


def test_a_save_stores_a_draft(admin, token, lights, local_item):
    local_item["name"] = "路灯安装与维修"
    response = send(admin, f"{lights}/save", token, local_item)
    assert response.status_code == 200
    assert admin.get(f"{lights}/editor.json").json["definition"]["name"] == "路灯安装与维修"


def test_faults_come_back_by_path(admin, token, lights, local_item):
    local_item["steps"][0]["fields"][1]["options"] = [{"value": "a", "label": "甲"}]
    local_item["steps"][2]["notice_days"] = 0
    response = send(admin, f"{lights}/save", token, local_item)
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert "steps[0].fields[1].options" in fields
    assert "steps[2].notice_days" in fields


@pytest.mark.parametrize("body", [None, [], "text", {"steps": "x"}])
def test_a_malformed_save_is_a_422_not_a_500(admin, token, lights, body):
    response = admin.post(
        f"{lights}/save",
        data=json.dumps(body) if body is not None else "{not json",
        content_type="application/json",
        headers={"X-CSRFToken": token, "Accept": "application/json"},
    )
    assert response.status_code == 422


def test_the_preview_shows_the_generated_form_and_the_flowchart(admin, token, local_item):
    response = send(admin, f"{BASE}/preview", token, local_item)
    assert response.status_code == 200
    assert 'name="amount"' in response.json["forms"]
    assert "data-visible-when" in response.json["forms"]
    assert "<svg" in response.json["flowchart"]
    assert "四议两公开" in response.json["flowchart"]


def test_export_gives_a_file_that_imports_again(admin, token, lights):
    exported = admin.get(f"{lights}/export.json")
    assert "attachment" in exported.headers["Content-Disposition"]
    definition = exported.json
    definition["key"] = "local.street_lights_two"
    upload = {"file": (io.BytesIO(json.dumps(definition).encode()), "two.json")}
    response = admin.post(f"{BASE}/import", data={"csrf_token": token, **upload})
    assert response.status_code == 302
    again = admin.get(f"{BASE}/items/local.street_lights_two/export.json").json
    assert {**again, "key": "local.street_lights"} == admin.get(f"{lights}/export.json").json


def test_a_broken_import_is_explained_on_the_list(admin, token):
    upload = {"file": (io.BytesIO(b"[1, 2"), "broken.json")}
    response = admin.post(f"{BASE}/import", data={"csrf_token": token, **upload})
    assert response.status_code == 422
    assert "无法读取该文件" in response.get_data(as_text=True)


def test_a_plugin_item_is_copied_through_the_page(admin, token):
    page = admin.get(f"{BASE}/").get_data(as_text=True)
    source = re.search(r'<option value="([a-z][^"]+)">', page).group(1)
    response = admin.post(f"{BASE}/copy", data={"csrf_token": token, "source": source})
    assert response.status_code == 302
    copied = admin.get(f"{response.location}/export.json").json
    assert copied["key"].startswith("local.")


def test_a_key_that_no_item_can_have_is_404(admin):
    assert admin.get(f"{BASE}/items/local.x%00y").status_code == 404
    assert admin.get(f"{BASE}/items/local.nothing/editor.json").status_code == 404
