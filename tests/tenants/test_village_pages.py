"""``/t/<slug>/admin/villages``: listing and adding villages."""

from sqlalchemy import select

from tenants.models import Village


def _village_names(stored, tenant):
    rows = stored(select(Village.name).where(Village.tenant_id == tenant.id).order_by(Village.code))
    return [name for (name,) in rows]


def test_township_lists_its_own_villages(client, world, login):
    login(world.users.a1_admin)
    page = client.get("/t/town-a1/admin/villages").get_data(as_text=True)
    assert "990101001001" in page and "甲一村" in page and "甲二村" in page
    assert "乙一村" not in page and "丙一村" not in page


def test_county_lists_villages_by_township_without_an_add_form(client, world, login):
    login(world.users.county_admin)
    page = client.get("/t/county-a/admin/villages").get_data(as_text=True)
    page = page.split("<main>", 1)[1]  # past the tenant switcher, which names townships too
    assert page.index("甲一镇") < page.index("甲一村") < page.index("甲二镇") < page.index("乙一村")
    assert "丙一村" not in page
    assert "添加村（社区）" not in page


def test_admin_adds_a_village(client, world, login, post_form, stored):
    login(world.users.a1_admin)
    response = post_form("/t/town-a1/admin/villages", {"code": "990101001003", "name": "甲三村"})
    assert response.status_code == 302
    assert _village_names(stored, world.a1) == ["甲一村", "甲二村", "甲三村"]
    assert "已添加甲三村（990101001003）" in client.get(response.location).get_data(as_text=True)


def test_bad_village_code_is_refused_in_chinese_and_kept_in_the_form(
    client, world, login, post_form, stored
):
    login(world.users.a1_admin)
    response = post_form("/t/town-a1/admin/villages", {"code": "99010100", "name": "甲三村"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "村代码应为 12 位数字的统计用区划代码" in page
    assert 'value="99010100"' in page and 'value="甲三村"' in page
    assert 'aria-invalid="true"' in page
    assert _village_names(stored, world.a1) == ["甲一村", "甲二村"]


def test_duplicate_village_code_is_refused(client, world, login, post_form):
    login(world.users.a1_admin)
    response = post_form("/t/town-a1/admin/villages", {"code": "990101001001", "name": "重名村"})
    assert response.status_code == 422
    assert "村代码 990101001001 已存在" in response.get_data(as_text=True)


def test_missing_name_is_refused_by_the_form(client, world, login, post_form):
    login(world.users.a1_admin)
    response = post_form("/t/town-a1/admin/villages", {"code": "990101001003", "name": ""})
    assert response.status_code == 400
    assert "请填写村（社区）名称" in response.get_data(as_text=True)


def test_village_names_are_escaped(client, world, login, post_form):
    login(world.users.a1_admin)
    post_form("/t/town-a1/admin/villages", {"code": "990101001003", "name": "<b>坏</b>村"})
    page = client.get("/t/town-a1/admin/villages").get_data(as_text=True)
    assert "&lt;b&gt;坏&lt;/b&gt;村" in page and "<b>坏</b>" not in page


def test_county_admin_adds_a_village_to_a_township(client, world, login, post_form, stored):
    login(world.users.county_admin)
    response = post_form("/t/town-a2/admin/villages", {"code": "990101002002", "name": "乙二村"})
    assert response.status_code == 302
    assert _village_names(stored, world.a2) == ["乙一村", "乙二村"]
