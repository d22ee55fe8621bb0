from core.plugins import BUILTIN_DOMAINS


def plugins_url(slug: str) -> str:
    return f"/api/v1/tenants/{slug}/plugins"


def state(response, key: str) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)
    return next(s for s in response.json if s["key"] == key)


def without(key: str) -> list[str]:
    return [k for k in BUILTIN_DOMAINS if k != key]


def test_builtin_plugins_are_on_by_default(client, auth):
    response = client.get(plugins_url("town-a1"), headers=auth("a1_admin"))
    assert state(response, "relief") == {
        "key": "relief",
        "name": "村民救助",
        "enabled": True,
        "source": "default",
        "builtin": True,
        "status": "loaded",
    }


def test_county_admin_turns_a_plugin_off_for_the_county(client, auth):
    response = client.put(
        plugins_url("county-a"), json={"enabled": without("relief")}, headers=auth("county_admin")
    )
    assert state(response, "relief")["enabled"] is False
    assert state(response, "relief")["source"] == "own"
    assert state(response, "finance")["enabled"] is True


def test_township_inherits_its_county_choice(client, auth):
    client.put(
        plugins_url("county-a"), json={"enabled": without("relief")}, headers=auth("county_admin")
    )
    relief = state(client.get(plugins_url("town-a1"), headers=auth("a1_admin")), "relief")
    assert (relief["enabled"], relief["source"]) == (False, "county")


def test_township_choice_overrides_its_county(client, auth):
    headers = auth("county_admin")
    client.put(plugins_url("county-a"), json={"enabled": without("relief")}, headers=headers)
    client.put(plugins_url("town-a1"), json={"enabled": list(BUILTIN_DOMAINS)}, headers=headers)
    relief = state(client.get(plugins_url("town-a1"), headers=auth("a1_admin")), "relief")
    assert (relief["enabled"], relief["source"]) == (True, "own")


def test_county_choice_does_not_reach_another_county(client, auth):
    client.put(
        plugins_url("county-a"), json={"enabled": without("relief")}, headers=auth("county_admin")
    )
    relief = state(client.get(plugins_url("town-b1"), headers=auth("county_b_admin")), "relief")
    assert (relief["enabled"], relief["source"]) == (True, "default")


def test_township_admin_cannot_change_plugins(client, auth, error_of):
    response = client.put(plugins_url("town-a1"), json={"enabled": []}, headers=auth("a1_admin"))
    assert error_of(response, 403)["code"] == "forbidden"


def test_other_county_admin_gets_404_for_the_township(client, auth, error_of):
    headers = auth("county_b_admin")
    error_of(client.get(plugins_url("town-a1"), headers=headers), 404)
    error_of(client.put(plugins_url("town-a1"), json={"enabled": []}, headers=headers), 404)


def test_missing_tenant_answers_like_a_foreign_one(client, auth, error_of):
    headers = auth("county_b_admin")
    foreign = error_of(client.get(plugins_url("town-a1"), headers=headers), 404)
    missing = error_of(client.get(plugins_url("no-such-town"), headers=headers), 404)
    assert foreign == missing


def test_unknown_plugin_keys_are_named(client, auth, error_of):
    response = client.put(
        plugins_url("county-a"),
        json={"enabled": ["relief", "casino", "lottery"]},
        headers=auth("county_admin"),
    )
    error = error_of(response, 422)
    assert "casino" in error["fields"]["enabled"] and "lottery" in error["fields"]["enabled"]


def test_refused_change_leaves_the_plugins_as_they_were(client, auth):
    headers = auth("county_admin")
    client.put(plugins_url("county-a"), json={"enabled": ["nope"]}, headers=headers)
    assert state(client.get(plugins_url("county-a"), headers=headers), "relief")["enabled"]


def test_enabled_must_be_a_list_of_keys(client, auth, error_of):
    response = client.put(
        plugins_url("county-a"), json={"enabled": ["relief", 7]}, headers=auth("county_admin")
    )
    assert error_of(response, 422)["fields"] == {"enabled.1": "应为文本"}


def test_a_township_can_follow_its_county_again(client, world, api_token):
    headers = api_token(world.users.county_admin)
    keys = [s["key"] for s in client.get("/api/v1/tenants/town-a1/plugins", headers=headers).json]
    client.put("/api/v1/tenants/town-a1/plugins", json={"enabled": []}, headers=headers)
    client.put(
        "/api/v1/tenants/county-a/plugins",
        json={"enabled": [k for k in keys if k != "relief"]},
        headers=headers,
    )
    response = client.delete("/api/v1/tenants/town-a1/plugins", headers=headers)
    assert response.status_code == 200
    states = {s["key"]: s for s in response.json}
    assert states["relief"]["enabled"] is False
    assert states["decisions"]["enabled"] is True
    assert {s["source"] for s in states.values()} == {"county"}


def test_a_county_cannot_inherit(client, world, api_token):
    response = client.delete(
        "/api/v1/tenants/county-a/plugins", headers=api_token(world.users.county_admin)
    )
    assert response.status_code == 422


def test_a_township_admin_cannot_reset_plugins(client, world, api_token):
    response = client.delete(
        "/api/v1/tenants/town-a1/plugins", headers=api_token(world.users.a1_admin)
    )
    assert response.status_code == 403
