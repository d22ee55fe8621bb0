TENANTS = "/api/v1/tenants"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [t["slug"] for t in response.json]


def test_township_admin_sees_only_its_township(client, auth):
    response = client.get(TENANTS, headers=auth("a1_admin"))
    assert response.json == [
        {"slug": "town-a1", "name": "甲一镇", "kind": "township", "parent": "county-a"}
    ]


def test_village_staff_see_their_township(client, auth):
    assert slugs(client.get(TENANTS, headers=auth("a1_secretary"))) == ["town-a1"]


def test_county_admin_sees_its_county_and_townships_not_another_county(client, auth):
    response = client.get(TENANTS, headers=auth("county_admin"))
    assert slugs(response) == ["county-a", "town-a1", "town-a2"]
    county = next(t for t in response.json if t["slug"] == "county-a")
    assert county == {"slug": "county-a", "name": "甲县", "kind": "county", "parent": None}


def test_superuser_sees_every_tenant(client, auth):
    assert slugs(client.get(TENANTS, headers=auth("superuser"))) == [
        "county-a",
        "county-b",
        "town-a1",
        "town-a2",
        "town-b1",
    ]


def test_county_admin_creates_a_township_of_its_county(client, auth):
    headers = auth("county_admin")
    body = {"slug": "town-a3", "name": "甲三镇", "kind": "township", "parent": "county-a"}
    response = client.post(TENANTS, json=body, headers=headers)
    assert response.status_code == 201
    assert response.json == body
    assert "town-a3" in slugs(client.get(TENANTS, headers=headers))


def test_superuser_creates_a_county(client, auth):
    body = {"slug": "county-c", "name": "丙县", "kind": "county"}
    response = client.post(TENANTS, json=body, headers=auth("superuser"))
    assert response.status_code == 201
    assert response.json == {**body, "parent": None}


def test_county_admin_cannot_create_a_county(client, auth, error_of):
    body = {"slug": "county-c", "name": "丙县", "kind": "county"}
    error_of(client.post(TENANTS, json=body, headers=auth("county_admin")), 403)


def test_township_admin_cannot_create_a_township_in_a_county_it_cannot_see(client, auth, error_of):
    body = {"slug": "town-a3", "name": "甲三镇", "kind": "township", "parent": "county-a"}
    error_of(client.post(TENANTS, json=body, headers=auth("a1_admin")), 404)


def test_county_inspector_cannot_create_a_township(client, world, make_user, api_token, error_of):
    inspector = make_user("a-inspector", (world.a, "county_inspector"))
    body = {"slug": "town-a3", "name": "甲三镇", "kind": "township", "parent": "county-a"}
    error_of(client.post(TENANTS, json=body, headers=api_token(inspector)), 403)


def test_township_under_another_county_answers_404(client, auth, error_of):
    body = {"slug": "town-b2", "name": "乙二镇", "kind": "township", "parent": "county-b"}
    error_of(client.post(TENANTS, json=body, headers=auth("county_admin")), 404)


def test_township_needs_its_county(client, auth, error_of):
    body = {"slug": "town-x", "name": "无县镇", "kind": "township"}
    error = error_of(client.post(TENANTS, json=body, headers=auth("county_admin")), 422)
    assert error["fields"] == {"parent": "乡镇（街道）必须指定所属县（区）"}


def test_county_cannot_have_a_parent(client, auth, error_of):
    body = {"slug": "county-c", "name": "丙县", "kind": "county", "parent": "county-a"}
    error = error_of(client.post(TENANTS, json=body, headers=auth("superuser")), 422)
    assert set(error["fields"]) == {"parent"}


def test_taken_slug_is_refused(client, auth, error_of):
    body = {"slug": "town-a1", "name": "重名镇", "kind": "township", "parent": "county-a"}
    error = error_of(client.post(TENANTS, json=body, headers=auth("county_admin")), 422)
    assert error["fields"] == {"slug": "已存在"}


def test_malformed_slug_is_refused_by_the_operation(client, auth, error_of):
    body = {"slug": "镇", "name": "甲三镇", "kind": "township", "parent": "county-a"}
    error = error_of(client.post(TENANTS, json=body, headers=auth("county_admin")), 422)
    assert error["fields"] == {"slug": "格式不正确"}


def test_unknown_kind_is_refused(client, auth, error_of):
    body = {"slug": "city-a", "name": "甲市", "kind": "city"}
    error = error_of(client.post(TENANTS, json=body, headers=auth("superuser")), 422)
    assert set(error["fields"]) == {"kind"}
