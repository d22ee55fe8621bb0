"""The example plugin's tests: they use Qingdan's own fixtures (its pytest plugin)."""

from qingdan_wells.items import DRILL_WELL

from core.catalog.operations import items_in_force
from core.testing.cases import sample_data
from formbuilder.definitions import load_item_definition
from tenants.operations import set_enabled_plugins


def test_the_item_is_a_valid_definition():
    assert load_item_definition(DRILL_WELL)["key"] == "wells.drill"


def test_the_plugin_is_loaded_from_its_entry_point(app):
    info = app.extensions["qingdan.plugins"].infos["wells"]
    assert (info.name, info.status, info.builtin) == ("机井管理", "loaded", False)


def test_a_well_is_drilled_end_to_end(app, client, sess, world, make_user, api_token, run_case):
    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(sess, host, world.a1, host.loaded_keys())
    sess.commit()
    assert "wells.drill" in [item.key for item, _ in items_in_force(sess, host, world.a1)]
    clerk = make_user("clerk", (world.a1, "village_committee", world.villages.a1x))
    data = sample_data(DRILL_WELL["steps"][0]) | {"cost": "80000.00"}
    response = client.post(
        "/api/v1/t/town-a1/cases",
        headers=api_token(clerk),
        json={"item": "wells.drill", "village": world.villages.a1x.code, "data": data},
    )
    assert response.json["active_steps"] == ["deliberate.propose"]
    assert run_case(response.json["id"], "town-a1")["status"] == "completed"
