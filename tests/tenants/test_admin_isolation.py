"""Who may see and change which tenant's admin pages.

A tenant the user may not see answers exactly like one that does not exist (404); a tenant
the user sees but may not change answers 403 to a write.
"""

import pytest
from sqlalchemy import func, select

from core.auth.models import Membership
from tenants.models import PluginActivation, Village

PAGES = ("/t/{}/", "/t/{}/admin/villages", "/t/{}/admin/users", "/t/{}/admin/plugins")
MISSING = "no-such-town"


def _writes(membership_id):
    """Every admin write of a township's pages: (page, action, prefix, data)."""
    return [
        ("admin/villages", "admin/villages", "", {"code": "990101009001", "name": "新村"}),
        (
            "admin/users",
            "admin/users",
            "",
            {
                "username": "intruder",
                "password": "secret-pass-1",
                "role": "township_admin",
                "village": "",
            },
        ),
        (
            "admin/users",
            "admin/users/roles",
            "member",
            {
                "member-username": "a1-secretary",
                "member-role": "township_admin",
                "member-village": "",
            },
        ),
        ("admin/users", f"admin/users/{membership_id}/remove", "", {}),
        ("admin/plugins", "admin/plugins", "", {"enabled": ["decisions"]}),
    ]


def _counts(stored):
    """What a write could have changed."""
    return (
        stored(select(func.count(Village.id)))[0][0],
        stored(select(func.count(Membership.id)))[0][0],
        stored(select(func.count(PluginActivation.id)))[0][0],
    )


def _admin_membership(stored, tenant):
    return stored(select(Membership.id).where(Membership.tenant_id == tenant.id))[0][0]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("other", ["town-a2", "town-b1", "county-a", "county-b"])
def test_township_admin_gets_404_for_other_tenants_like_for_a_missing_one(
    client, world, login, page_of, page, other
):
    login(world.users.a1_admin)
    missing = client.get(page.format(MISSING))
    foreign = client.get(page.format(other))
    assert foreign.status_code == missing.status_code == 404
    assert page_of(foreign) == page_of(missing)


@pytest.mark.parametrize("write", range(5))
def test_township_admin_cannot_write_to_another_township(
    client, world, login, post_form, stored, write
):
    login(world.users.a1_admin)
    page, action, prefix, data = _writes(_admin_membership(stored, world.a2))[write]
    before = _counts(stored)
    response = post_form(f"/t/town-a1/{page}", data, action=f"/t/town-a2/{action}", prefix=prefix)
    assert response.status_code == 404
    assert _counts(stored) == before


@pytest.mark.parametrize("page", PAGES)
def test_county_admin_can_view_their_townships_pages(client, world, login, page):
    login(world.users.county_admin)
    assert client.get(page.format("town-a1")).status_code == 200


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("other", ["town-b1", "county-b"])
def test_county_admin_gets_404_for_another_countys_tenants(
    client, world, login, page_of, page, other
):
    login(world.users.county_admin)
    missing = client.get(page.format(MISSING))
    foreign = client.get(page.format(other))
    assert foreign.status_code == 404
    assert page_of(foreign) == page_of(missing)


@pytest.mark.parametrize("write", range(5))
def test_village_secretary_gets_403_on_admin_writes(client, world, login, post_form, stored, write):
    login(world.users.a1_secretary)
    page, action, prefix, data = _writes(_admin_membership(stored, world.a1))[write]
    before = _counts(stored)
    response = post_form(f"/t/town-a1/{page}", data, action=f"/t/town-a1/{action}", prefix=prefix)
    assert response.status_code == 403
    assert _counts(stored) == before


@pytest.mark.parametrize("page", PAGES[1:])
def test_village_secretary_reads_admin_pages_without_their_forms(client, world, login, page):
    login(world.users.a1_secretary)
    response = client.get(page.format("town-a1"))
    assert response.status_code == 200
    main = response.get_data(as_text=True).split("<main>", 1)[1]
    assert 'method="post"' not in main
