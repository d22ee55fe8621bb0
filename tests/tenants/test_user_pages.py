"""``/t/<slug>/admin/users``: memberships, creating users, adding and removing roles."""

import re

from sqlalchemy import select

from core.auth.models import Membership, User
from tenants.models import Village

PAGE = "/t/town-a1/admin/users"


def _roles_of(stored, username):
    rows = stored(
        select(Membership.role_key, Village.code)
        .join(User, Membership.user_id == User.id)
        .outerjoin(Village, Membership.village_id == Village.id)
        .where(User.username == username)
        .order_by(Membership.role_key)
    )
    return [tuple(row) for row in rows]


def _membership_id(stored, username, role_key):
    rows = stored(
        select(Membership.id)
        .join(User, Membership.user_id == User.id)
        .where(User.username == username, Membership.role_key == role_key)
    )
    return rows[0][0]


def _options(page, select_id):
    block = re.search(rf'<select[^>]* id="{select_id}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option[^>]*value="([^"]*)"', block)


def test_page_lists_memberships_with_role_and_village(client, world, login):
    login(world.users.a1_admin)
    page = client.get(PAGE).get_data(as_text=True)
    assert "a1-secretary" in page and "村党组织书记" in page and "甲一村" in page
    assert "a1-admin" in page and "乡镇管理员" in page
    assert "a2-admin" not in page


def test_county_page_lists_township_memberships_read_only(client, world, login, stored):
    login(world.users.county_admin)
    page = client.get("/t/county-a/admin/users").get_data(as_text=True)
    assert "a-admin" in page and "a1-secretary" in page and "a2-admin" in page
    assert "b-admin" not in page
    own = _membership_id(stored, "a-admin", "county_admin")
    township = _membership_id(stored, "a1-secretary", "village_secretary")
    assert f"/admin/users/{own}/remove" in page
    assert f"/admin/users/{township}/remove" not in page


def test_role_choices_fit_the_tenant_kind(client, world, login):
    login(world.users.county_admin)
    county = client.get("/t/county-a/admin/users").get_data(as_text=True)
    township = client.get(PAGE).get_data(as_text=True)
    assert _options(county, "role") == ["county_admin", "county_inspector"]
    assert 'id="village"' not in county
    assert "county_admin" not in _options(township, "role")
    assert {"township_admin", "village_secretary", "group_leader"} <= set(
        _options(township, "role")
    )
    assert _options(township, "village") == ["", "990101001001", "990101001002"]


def test_admin_creates_a_user_with_a_village_role(app, client, world, login, post_form, stored):
    login(world.users.a1_admin)
    response = post_form(
        PAGE,
        {
            "username": "zhang",
            "display_name": "张三",
            "password": "secret-pass-1",
            "role": "village_director",
            "village": "990101001002",
        },
    )
    assert response.status_code == 302
    assert _roles_of(stored, "zhang") == [("village_director", "990101001002")]
    assert "已创建用户 zhang，担任村委会主任" in client.get(PAGE).get_data(as_text=True)
    new_client = app.test_client()
    login(stored(select(User).where(User.username == "zhang"))[0][0], "secret-pass-1", new_client)


def test_village_role_without_a_village_is_refused_and_the_input_kept(
    client, world, login, post_form, stored
):
    login(world.users.a1_admin)
    response = post_form(
        PAGE,
        {
            "username": "li",
            "display_name": "李四",
            "password": "secret-pass-1",
            "role": "village_accountant",
            "village": "",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "“报账员”是村级角色，请指定村" in page
    assert 'value="li"' in page and 'value="李四"' in page
    assert '<option selected value="village_accountant">' in page
    assert stored(select(User).where(User.username == "li")) == []


def test_taken_username_is_refused(client, world, login, post_form):
    login(world.users.a1_admin)
    response = post_form(
        PAGE,
        {
            "username": "a2-admin",
            "password": "secret-pass-1",
            "role": "township_inspector",
            "village": "",
        },
    )
    assert response.status_code == 422
    assert "用户名“a2-admin”已被使用" in response.get_data(as_text=True)


def test_short_password_is_refused_by_the_form(client, world, login, post_form):
    login(world.users.a1_admin)
    response = post_form(
        PAGE, {"username": "wang", "password": "short", "role": "township_admin", "village": ""}
    )
    assert response.status_code == 400
    assert "密码至少 8 个字符" in response.get_data(as_text=True)


def test_admin_adds_a_second_role_to_an_existing_user(client, world, login, post_form, stored):
    """一肩挑: the village party secretary also becomes the committee director."""
    login(world.users.a1_admin)
    response = post_form(
        PAGE,
        {
            "member-username": "a1-secretary",
            "member-role": "village_director",
            "member-village": "990101001001",
        },
        action=f"{PAGE}/roles",
        prefix="member",
    )
    assert response.status_code == 302
    assert _roles_of(stored, "a1-secretary") == [
        ("village_director", "990101001001"),
        ("village_secretary", "990101001001"),
    ]


def test_adding_a_role_to_an_unknown_user_is_refused(client, world, login, post_form):
    login(world.users.a1_admin)
    response = post_form(
        PAGE,
        {"member-username": "nobody", "member-role": "township_inspector", "member-village": ""},
        action=f"{PAGE}/roles",
        prefix="member",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "没有用户名为“nobody”的用户" in page
    assert 'value="nobody"' in page


def test_admin_removes_a_membership(client, world, login, post_form, stored):
    login(world.users.a1_admin)
    membership = _membership_id(stored, "a1-secretary", "village_secretary")
    response = post_form(PAGE, {}, action=f"{PAGE}/{membership}/remove")
    assert response.status_code == 302
    assert _roles_of(stored, "a1-secretary") == []
    assert "已移除 a1-secretary 的“村党组织书记”角色" in client.get(PAGE).get_data(as_text=True)


def test_admin_cannot_remove_their_own_last_admin_role(client, world, login, post_form, stored):
    login(world.users.a1_admin)
    membership = _membership_id(stored, "a1-admin", "township_admin")
    response = post_form(PAGE, {}, action=f"{PAGE}/{membership}/remove")
    assert response.status_code == 422
    assert "这是您在本单位的最后一个管理员角色" in response.get_data(as_text=True)
    assert _roles_of(stored, "a1-admin") == [("township_admin", None)]


def test_county_admin_may_drop_their_own_township_admin_role(
    client, world, login, post_form, stored, make_user
):
    """Their county role still makes them an admin of the township."""
    both = make_user("both", (world.a, "county_admin"), (world.a1, "township_admin"))
    login(both)
    membership = _membership_id(stored, "both", "township_admin")
    response = post_form(PAGE, {}, action=f"{PAGE}/{membership}/remove")
    assert response.status_code == 302
    assert _roles_of(stored, "both") == [("county_admin", None)]


def test_a_membership_of_another_tenant_cannot_be_removed_here(
    client, world, login, post_form, stored
):
    login(world.users.county_admin)
    membership = _membership_id(stored, "a2-admin", "township_admin")
    response = post_form(PAGE, {}, action=f"{PAGE}/{membership}/remove")
    assert response.status_code == 404
    assert _roles_of(stored, "a2-admin") == [("township_admin", None)]
