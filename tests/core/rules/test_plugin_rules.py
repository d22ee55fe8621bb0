"""Plugin rules: only where the plugin is enabled, and a failing one is its own error."""

import pytest
from sqlalchemy import select

from core.app import create_app
from core.rules.models import Warning
from core.workflow.sweep import sweep
from tenants.operations import set_enabled_plugins

PATROL = """
    from sqlalchemy import select

    from core import hookimpl
    from tenants.models import Village

    QINGDAN_CONTRACT = 1


    def every_village(sess, tenant, now):
        villages = sess.scalars(select(Village).where(Village.tenant_id == tenant.id))
        return [
            {"subject": f"village:{v.id}", "message": f"{v.name}本月须例行巡查", "village_id": v.id}
            for v in villages
        ]


    def broken(sess, tenant, now):
        raise RuntimeError("巡查数据源不可用")


    def foreign_village(sess, tenant, now):
        return [{"subject": "elsewhere", "message": "别处的村", "village_id": FOREIGN}]


    def after_step(sess, case, run):
        raise RuntimeError("环节规则崩溃")


    @hookimpl
    def qingdan_domain():
        return {"key": "patrol", "name": "例行巡查", "description": "", "icon": "eye"}


    @hookimpl
    def qingdan_rules():
        return [
            {"key": "patrol.every_village", "name": "例行巡查", "severity": "blue",
             "trigger": "sweep", "check": every_village},
            {"key": "patrol.broken", "name": "坏规则", "severity": "red",
             "trigger": "sweep", "check": broken},
            {"key": "patrol.foreign", "name": "越界规则", "severity": "red",
             "trigger": "sweep", "check": foreign_village},
            {"key": "patrol.after_step", "name": "环节后检查", "severity": "red",
             "trigger": "step", "check": after_step},
            {"key": "patrol.purple", "name": "紫色规则", "severity": "purple",
             "trigger": "sweep", "check": every_village},
            {"key": "overdue_step", "name": "冒名规则", "severity": "red",
             "trigger": "sweep", "check": every_village},
        ]
"""


@pytest.fixture
def patrol(installed_plugin, qingdan_config, sess, world):
    """The app with the ``patrol`` plugin installed and enabled in township A1 only."""
    installed_plugin("patrol", PATROL.replace("FOREIGN", str(world.villages.b1x.id)))
    app = create_app(qingdan_config)
    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, [*host.loaded_keys()])
    sess.commit()
    return app


def sweep_with(app):
    with app.app_context():
        return sweep(app.extensions["qingdan.sessionmaker"])


def rows(sess, rule):
    sess.expire_all()
    return sess.scalars(select(Warning).where(Warning.rule == rule).order_by(Warning.id)).all()


def test_a_plugin_rule_fires_only_where_the_plugin_is_enabled(patrol, sess, world):
    sweep_with(patrol)
    found = rows(sess, "patrol.every_village")
    assert {w.tenant_id for w in found} == {world.a1.id}
    assert {w.village_id for w in found} == {world.villages.a1x.id, world.villages.a1y.id}
    assert {w.severity for w in found} == {"blue"}
    assert "甲一村本月须例行巡查" in {w.message for w in found}


def test_a_raising_rule_is_the_plugins_error_and_the_others_still_run(patrol, sess):
    report = sweep_with(patrol)
    errors = [e.message for e in patrol.extensions["qingdan.plugins"].infos["patrol"].errors]
    assert any("patrol.broken" in m and "巡查数据源不可用" in m for m in errors)
    assert rows(sess, "patrol.broken") == []
    assert len(rows(sess, "patrol.every_village")) == 2
    assert report.failed == []


def test_a_finding_about_another_tenants_village_is_refused(patrol, sess):
    sweep_with(patrol)
    assert rows(sess, "patrol.foreign") == []
    errors = [e.message for e in patrol.extensions["qingdan.plugins"].infos["patrol"].errors]
    assert any("patrol.foreign" in m and "不属于本单位" in m for m in errors)


def test_malformed_or_taken_rules_are_left_out_and_reported(patrol, sess):
    sweep_with(patrol)
    errors = [e.message for e in patrol.extensions["qingdan.plugins"].infos["patrol"].errors]
    assert any("patrol.purple" in m and "severity" in m for m in errors)
    assert any("overdue_step 已被占用" in m for m in errors)
    assert rows(sess, "patrol.purple") == []


def test_a_failing_step_rule_does_not_stop_the_step(patrol, api_token, works, sess):
    client = patrol.test_client()
    response = client.post(
        "/api/v1/t/town-a1/cases",
        json={
            "item": "local.street_lights",
            "village": works.village.code,
            "data": {"amount": "12000.00", "purpose": "村口路灯"},
        },
        headers=api_token(works.people.committee),
    )
    assert response.status_code == 201, response.json
    assert response.json["active_steps"] == ["review"]
    errors = [e.message for e in patrol.extensions["qingdan.plugins"].infos["patrol"].errors]
    assert any("patrol.after_step" in m and "环节规则崩溃" in m for m in errors)
