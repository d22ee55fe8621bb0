def villages_url(slug: str) -> str:
    return f"/api/v1/t/{slug}/villages"


def test_township_lists_its_villages_by_code(client, world, auth):
    response = client.get(villages_url("town-a1"), headers=auth("a1_admin"))
    assert response.status_code == 200
    assert response.json == [
        {
            "id": world.villages.a1x.id,
            "code": "990101001001",
            "name": "甲一村",
            "tenant": "town-a1",
        },
        {
            "id": world.villages.a1y.id,
            "code": "990101001002",
            "name": "甲二村",
            "tenant": "town-a1",
        },
    ]


def test_county_lists_the_villages_of_its_townships_only(client, auth):
    response = client.get(villages_url("county-a"), headers=auth("county_admin"))
    assert [(v["code"], v["tenant"]) for v in response.json] == [
        ("990101001001", "town-a1"),
        ("990101001002", "town-a1"),
        ("990101002001", "town-a2"),
    ]


def test_county_reading_one_township_sees_only_that_township(client, auth):
    response = client.get(villages_url("town-a2"), headers=auth("county_admin"))
    assert [v["tenant"] for v in response.json] == ["town-a2"]


def test_sibling_township_slug_answers_404(client, auth, error_of):
    error_of(client.get(villages_url("town-a2"), headers=auth("a1_admin")), 404)


def test_other_county_slug_answers_404(client, auth, error_of):
    error_of(client.get(villages_url("town-b1"), headers=auth("county_admin")), 404)


def test_one_village_by_id(client, world, auth):
    village_id = world.villages.a1x.id
    response = client.get(f"{villages_url('town-a1')}/{village_id}", headers=auth("a1_secretary"))
    assert response.json == {
        "id": village_id,
        "code": "990101001001",
        "name": "甲一村",
        "tenant": "town-a1",
    }


def test_foreign_village_id_answers_exactly_like_a_missing_one(client, world, auth, error_of):
    headers = auth("a1_admin")
    foreign_id = world.villages.a2x.id
    foreign = client.get(f"{villages_url('town-a1')}/{foreign_id}", headers=headers)
    missing = client.get(f"{villages_url('town-a1')}/999999", headers=headers)
    assert error_of(foreign, 404) == error_of(missing, 404)
    assert foreign.get_data() == missing.get_data()


def test_village_of_another_county_answers_404_even_to_a_county_admin(
    client, world, auth, error_of
):
    foreign_id = world.villages.b1x.id
    response = client.get(f"{villages_url('county-a')}/{foreign_id}", headers=auth("county_admin"))
    error_of(response, 404)


def test_village_under_the_wrong_township_slug_answers_404(client, world, auth, error_of):
    a2_village = world.villages.a2x.id
    response = client.get(f"{villages_url('town-a1')}/{a2_village}", headers=auth("county_admin"))
    error_of(response, 404)


def test_id_too_large_for_the_database_answers_404(client, auth, error_of):
    response = client.get(f"{villages_url('town-a1')}/{10**30}", headers=auth("a1_admin"))
    error_of(response, 404)


def test_township_admin_creates_a_village(client, auth):
    headers = auth("a1_admin")
    response = client.post(
        villages_url("town-a1"), json={"code": "990101001003", "name": "甲三村"}, headers=headers
    )
    assert response.status_code == 201
    assert response.json["code"] == "990101001003"
    assert client.get(response.headers["Location"], headers=headers).json == response.json


def test_county_admin_creates_a_village_in_its_township(client, auth):
    response = client.post(
        villages_url("town-a2"),
        json={"code": "990101002002", "name": "乙二村"},
        headers=auth("county_admin"),
    )
    assert response.status_code == 201
    assert response.json["tenant"] == "town-a2"


def test_village_staff_cannot_create_villages(client, auth, error_of):
    response = client.post(
        villages_url("town-a1"),
        json={"code": "990101001003", "name": "甲三村"},
        headers=auth("a1_secretary"),
    )
    error_of(response, 403)


def test_sibling_township_admin_cannot_create_villages_there(client, auth, error_of):
    response = client.post(
        villages_url("town-a1"),
        json={"code": "990101001003", "name": "甲三村"},
        headers=auth("a2_admin"),
    )
    error_of(response, 404)


def test_villages_belong_to_townships_not_counties(client, auth, error_of):
    response = client.post(
        villages_url("county-a"),
        json={"code": "990101000001", "name": "县直村"},
        headers=auth("county_admin"),
    )
    assert set(error_of(response, 422)["fields"]) == {"tenant"}


def test_village_code_must_be_twelve_digits(client, auth, error_of):
    response = client.post(
        villages_url("town-a1"), json={"code": "12345", "name": "甲三村"}, headers=auth("a1_admin")
    )
    assert error_of(response, 422)["fields"] == {"code": "格式不正确"}


def test_village_code_is_unique_in_its_township(client, auth, error_of):
    response = client.post(
        villages_url("town-a1"),
        json={"code": "990101001001", "name": "重复村"},
        headers=auth("a1_admin"),
    )
    assert error_of(response, 422)["fields"] == {"code": "已存在"}


def test_same_code_in_another_township_is_allowed(client, auth):
    response = client.post(
        villages_url("town-a2"),
        json={"code": "990101001001", "name": "同码村"},
        headers=auth("a2_admin"),
    )
    assert response.status_code == 201
