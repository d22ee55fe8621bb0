"""``/admin/tenants``: the tenant tree, and creating townships and counties."""

from sqlalchemy import select

from tenants.models import Tenant


def _tenant(stored, slug):
    rows = stored(select(Tenant.name, Tenant.kind, Tenant.parent_id).where(Tenant.slug == slug))
    return rows[0] if rows else None


def test_county_admin_sees_their_county_with_its_townships(client, world, login):
    login(world.users.county_admin)
    page = client.get("/admin/tenants").get_data(as_text=True)
    assert "甲县" in page and "甲一镇" in page and "甲二镇" in page
    assert "乙县" not in page and "乙一镇" not in page
    assert 'href="/t/town-a1/"' in page


def test_township_admin_sees_only_their_township(client, world, login):
    login(world.users.a1_admin)
    page = client.get("/admin/tenants").get_data(as_text=True)
    assert "甲一镇" in page and "属甲县" in page
    assert "甲二镇" not in page
    assert "新建乡镇" not in page


def test_county_admin_creates_a_township_in_their_county(client, world, login, post_form, stored):
    login(world.users.county_admin)
    response = post_form(
        "/admin/tenants", {"parent": world.a.id, "slug": "town-a3", "name": "甲三镇"}
    )
    assert response.status_code == 302
    assert _tenant(stored, "town-a3") == ("甲三镇", "township", world.a.id)
    assert "已在甲县下新建甲三镇" in client.get("/admin/tenants").get_data(as_text=True)


def test_county_admin_cannot_create_a_township_in_another_county(
    client, world, login, post_form, stored
):
    login(world.users.county_admin)
    response = post_form(
        "/admin/tenants", {"parent": world.b.id, "slug": "town-b9", "name": "乙九镇"}
    )
    assert response.status_code == 400
    assert "不是有效的选择" in response.get_data(as_text=True)
    assert _tenant(stored, "town-b9") is None


def test_township_admin_cannot_create_a_township(client, world, login, post_form, stored):
    login(world.users.a1_admin)
    response = post_form("/admin/tenants", {"parent": world.a.id, "slug": "town-x", "name": "某镇"})
    assert response.status_code == 403
    assert _tenant(stored, "town-x") is None


def test_bad_slug_is_refused_in_chinese_and_the_input_is_kept(client, world, login, post_form):
    login(world.users.county_admin)
    response = post_form(
        "/admin/tenants", {"parent": world.a.id, "slug": "甲 三", "name": "甲三镇"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "标识只能包含小写字母、数字和连字符" in page
    assert 'value="甲 三"' in page and 'value="甲三镇"' in page


def test_taken_slug_is_refused(client, world, login, post_form):
    login(world.users.county_admin)
    response = post_form(
        "/admin/tenants", {"parent": world.a.id, "slug": "town-a2", "name": "又一镇"}
    )
    assert response.status_code == 422
    assert "标识“town-a2”已被使用" in response.get_data(as_text=True)


def test_superuser_creates_a_county(client, world, login, post_form, stored):
    login(world.users.superuser)
    response = post_form(
        "/admin/tenants",
        {"county-slug": "county-c", "county-name": "丙县"},
        action="/admin/tenants/counties",
        prefix="county",
    )
    assert response.status_code == 302
    assert _tenant(stored, "county-c") == ("丙县", "county", None)


def test_county_form_is_shown_only_to_superusers(app, world, login):
    county_admin = login(world.users.county_admin, test_client=app.test_client())
    superuser = login(world.users.superuser, test_client=app.test_client())
    assert "新建县（区）" not in county_admin.get("/admin/tenants").get_data(as_text=True)
    assert "新建县（区）" in superuser.get("/admin/tenants").get_data(as_text=True)


def test_county_admin_cannot_create_a_county(client, world, login, post_form, stored):
    login(world.users.county_admin)
    response = post_form(
        "/admin/tenants",
        {"county-slug": "county-c", "county-name": "丙县"},
        action="/admin/tenants/counties",
        prefix="county",
    )
    assert response.status_code == 403
    assert _tenant(stored, "county-c") is None
