"""Local figures: declared by plugins, set by counties and townships, read by branches."""

import pytest

from core import settings
from core.testing import csrf_token

TIERS = """
    from core import hookimpl

    QINGDAN_CONTRACT = 1


    @hookimpl
    def qingdan_domain():
        return {"key": "works", "name": "小型工程", "description": "", "icon": "works"}


    @hookimpl
    def qingdan_settings():
        return [{"key": "works.tender_threshold", "label": "公开招标起点", "type": "money",
                 "default": 100000, "help": "达到此金额须公开招标"}]


    @hookimpl
    def qingdan_items():
        return [{
            "format": 1, "key": "works.build", "name": "小型工程建设", "domain": "works",
            "basis": ["《招标投标法》"], "responsible_role": "village_director",
            "steps": [
                {"key": "apply", "name": "立项", "kind": "task", "role": "village_director",
                 "fields": [{"key": "amount", "type": "money", "label": "金额", "required": True}],
                 "branches": [{"when": {">=": [{"var": "amount"},
                                               {"var": "settings.works.tender_threshold"}]},
                               "goto": "tender"}],
                 "next": "direct"},
                {"key": "direct", "name": "直接发包", "kind": "task", "role": "village_director",
                 "next": None},
                {"key": "tender", "name": "公开招标", "kind": "task", "role": "village_director",
                 "next": None},
            ],
        }]
"""


@pytest.fixture
def works_app(installed_plugin, qingdan_config, sess, world, make_user):
    from core.app import create_app
    from tenants.operations import set_enabled_plugins

    installed_plugin("works", TIERS)
    app = create_app(qingdan_config)
    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a, host.loaded_keys())
    sess.commit()
    make_user("dir", (world.a1, "village_director", world.villages.a1x))
    return app


def start(app, world, amount, api_token, sess):
    from sqlalchemy import select

    from core.auth.models import User

    user = sess.scalar(select(User).where(User.username == "dir"))
    client = app.test_client()
    response = client.post(
        "/api/v1/t/town-a1/cases",
        headers=api_token(user),
        json={
            "item": "works.build",
            "village": world.villages.a1x.code,
            "data": {"amount": amount},
        },
    )
    assert response.status_code == 201, response.json
    return response.json["active_steps"]


def test_a_branch_reads_the_default(works_app, world, api_token, sess):
    assert start(works_app, world, "100000.00", api_token, sess) == ["tender"]
    assert start(works_app, world, "99999.99", api_token, sess) == ["direct"]


def test_a_county_value_reaches_its_townships_and_a_township_overrides(
    works_app, world, api_token, sess, login
):
    client = works_app.test_client()
    login(world.users.county_admin, test_client=client)
    token = csrf_token(client, "/t/county-a/admin/settings")
    response = client.post(
        "/t/county-a/admin/settings", data={"csrf_token": token, "works.tender_threshold": "50000"}
    )
    assert response.status_code == 302
    sess.expire_all()
    with works_app.test_request_context():
        assert settings.value(world.a1, "works.tender_threshold") == 50000
    assert start(works_app, world, "60000.00", api_token, sess) == ["tender"]
    login(world.users.a1_admin, test_client=client)
    token = csrf_token(client, "/t/town-a1/admin/settings")
    client.post(
        "/t/town-a1/admin/settings", data={"csrf_token": token, "works.tender_threshold": "80000"}
    )
    assert start(works_app, world, "60000.00", api_token, sess) == ["direct"]


def test_a_bad_amount_is_refused_next_to_its_input(works_app, world, login):
    client = works_app.test_client()
    login(world.users.a1_admin, test_client=client)
    token = csrf_token(client, "/t/town-a1/admin/settings")
    response = client.post(
        "/t/town-a1/admin/settings", data={"csrf_token": token, "works.tender_threshold": "很多"}
    )
    assert response.status_code == 422
    assert 'value="很多"' in response.get_data(as_text=True)


def test_a_field_cannot_be_called_settings():
    from core.errors import Invalid
    from formbuilder.definitions.form import load_fields

    with pytest.raises(Invalid) as exc:
        load_fields([{"key": "settings", "type": "text", "label": "设置"}])
    assert "fields[0].key" in exc.value.fields
