"""The catalog through HTTP: the API of DESIGN §6 and the pages staff use."""

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def test_api_lists_the_items_in_force_by_domain(client, world, make_item, definition, api_token):
    make_item(world.a, definition)
    headers = api_token(world.users.a1_admin)
    items = client.get("/api/v1/t/town-a1/items?domain=local", headers=headers).json
    assert [i["key"] for i in items] == ["local.street_lights"]
    assert items[0] == {
        "key": "local.street_lights",
        "name": "路灯安装",
        "domain": "local",
        "origin": "county",
        "version": 1,
    }
    relief = client.get("/api/v1/t/town-a1/items?domain=relief", headers=headers).json
    assert relief and {i["domain"] for i in relief} == {"relief"}


def test_api_item_carries_its_definition_and_expanded_steps(
    client, world, make_item, definition, api_token
):
    make_item(world.a, definition)
    body = client.get(
        "/api/v1/t/town-a1/items/local.street_lights", headers=api_token(world.users.a1_admin)
    ).json
    assert body["definition"]["steps"][0]["key"] == "apply"
    keys = [s["key"] for s in body["steps"]]
    assert keys[:2] == ["apply", "deliberate.propose"]
    assert "deliberate.publish_results" in keys
    assert body["versions"][0]["status"] == "published"


def test_api_flowchart_is_svg_with_every_step(client, world, make_item, definition, api_token):
    make_item(world.a, definition)
    response = client.get(
        "/api/v1/t/town-a1/items/local.street_lights/flowchart.svg",
        headers=api_token(world.users.a1_admin),
    )
    assert response.mimetype == "image/svg+xml"
    root = ET.fromstring(response.data)
    steps = {g.get("data-step") for g in root.iter(f"{SVG}g") if g.get("class") == "step"}
    assert {"apply", "notice", "deliberate.propose", "deliberate.resolve"} <= steps


def test_another_countys_item_answers_404(client, world, make_item, definition, api_token):
    make_item(world.b, definition)
    headers = api_token(world.users.a1_admin)
    missing = client.get("/api/v1/t/town-a1/items/local.nothing", headers=headers)
    foreign = client.get("/api/v1/t/town-a1/items/local.street_lights", headers=headers)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json == missing.json


def test_a_sibling_townships_item_answers_404(client, world, make_item, definition, api_token):
    make_item(world.a2, definition, origin="township")
    response = client.get(
        "/api/v1/t/town-a1/items/local.street_lights", headers=api_token(world.users.a1_admin)
    )
    assert response.status_code == 404


def test_an_old_version_stays_retrievable(client, sess, world, make_item, definition, api_token):
    from core.catalog import operations as ops

    item = make_item(world.a, definition)
    definition["name"] = "路灯安装（新）"
    ops.save_draft(sess, item, definition, actor_id=None)
    ops.publish(sess, item)
    sess.commit()
    headers = api_token(world.users.a1_admin)
    old = client.get("/api/v1/t/town-a1/items/local.street_lights?version=1", headers=headers)
    assert old.json["name"] == "路灯安装"
    assert old.json["version"] == 1


def test_catalog_page_filters_by_domain_and_name(client, login, world, make_item, definition):
    make_item(world.a, definition)
    login(world.users.a1_admin)
    page = client.get("/t/town-a1/items?q=路灯").get_data(as_text=True)
    assert "路灯安装" in page
    assert "路灯安装" not in client.get("/t/town-a1/items?q=低保").get_data(as_text=True)
    assert "路灯安装" not in client.get("/t/town-a1/items?domain=relief").get_data(as_text=True)


def test_item_page_shows_basis_steps_and_flowchart(client, login, world, make_item, definition):
    make_item(world.a, definition)
    login(world.users.a1_secretary)
    page = client.get("/t/town-a1/items/local.street_lights").get_data(as_text=True)
    assert "《村民委员会组织法》第二十四条" in page
    assert "村委会主任" in page  # the responsible role, by its Chinese name
    assert "四议两公开" in page
    assert "/t/town-a1/items/local.street_lights/flowchart.svg" in page
    svg = client.get("/t/town-a1/items/local.street_lights/flowchart.svg")
    assert svg.status_code == 200 and svg.data.startswith(b"<")


def test_diff_page_says_what_changed(client, sess, login, world, make_item, definition):
    from core.catalog import operations as ops

    item = make_item(world.a, definition)
    definition["steps"][2]["notice_days"] = 7
    definition["steps"][0]["fields"].append({"key": "place", "type": "text", "label": "安装地点"})
    ops.save_draft(sess, item, definition, actor_id=None)
    sess.commit()
    login(world.users.county_admin)
    page = client.get("/t/county-a/items/local.street_lights/diff?a=1&b=2").get_data(as_text=True)
    assert "环节“结果公示”的公示天数：5 → 7" in page
    assert "环节“提出申请”新增字段“安装地点”" in page


def test_hostile_labels_render_as_text(client, login, world, make_item, definition):
    definition["name"] = "<script>alert(1)</script>{{ 7*7 }}"
    make_item(world.a, definition)
    login(world.users.a1_admin)
    page = client.get("/t/town-a1/items/local.street_lights").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in page
    svg = client.get("/t/town-a1/items/local.street_lights/flowchart.svg").get_data(as_text=True)
    assert "<script" not in svg


def test_a_township_admin_switches_a_county_item_off_and_on(
    client, login, world, make_item, definition
):
    from core.testing import csrf_token

    make_item(world.a, definition)
    login(world.users.a1_admin)
    token = csrf_token(client, "/t/town-a1/items/local.street_lights")
    url = "/t/town-a1/items/local.street_lights/switch"
    assert client.post(url, data={"csrf_token": token, "enabled": "0"}).status_code == 302
    index = client.get("/t/town-a1/items").get_data(as_text=True)
    assert "本乡镇已停用的县级事项" in index
    assert "在本乡镇启用" in client.get("/t/town-a1/items/local.street_lights").get_data(
        as_text=True
    )
    assert client.post(url, data={"csrf_token": token, "enabled": "1"}).status_code == 302
    assert "本乡镇已停用" not in client.get("/t/town-a1/items").get_data(as_text=True)


def test_a_village_secretary_cannot_switch_items(client, login, world, make_item, definition):
    from core.testing import csrf_token

    make_item(world.a, definition)
    login(world.users.a1_secretary)
    token = csrf_token(client, "/t/town-a1/items/local.street_lights")
    response = client.post(
        "/t/town-a1/items/local.street_lights/switch", data={"csrf_token": token, "enabled": "0"}
    )
    assert response.status_code == 403


def test_a_plugin_item_is_found_before_any_list_was_read(client, world, api_token):
    headers = api_token(world.users.a1_admin)
    assert client.get("/api/v1/t/town-a1/items/relief.dibao", headers=headers).status_code == 200
