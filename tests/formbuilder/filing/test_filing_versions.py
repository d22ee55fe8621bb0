"""Must show 4: a published item edited through filing leaves running cases on their version,
and the diff page shows exactly what changed."""

import re

from core.catalog.operations import save_draft
from core.workflow.models import Case


def test_must_show_4_a_running_case_keeps_its_version_and_the_diff_is_exact(
    client, login, sess, world, draft, filing, definition, make_user, api_token, run_case
):
    filing.submit(draft)
    filing.approve(draft)
    filing.publish(draft)
    clerk = make_user("clerk", (world.a1, "village_committee", world.villages.a1x))
    started = client.post(
        "/api/v1/t/town-a1/cases",
        json={"item": "local.street_lights", "village": world.villages.a1x.code},
        headers=api_token(clerk),
    )
    assert started.status_code == 201, started.json
    case_id = started.json["id"]

    definition["steps"][0]["fields"][1]["label"] = "安装路段"
    save_draft(sess, draft, definition, actor_id=None)
    sess.commit()
    filing.submit(draft)
    filing.approve(draft)
    assert filing.publish(draft).number == 2

    finished = run_case(case_id, "town-a1")
    assert finished["status"] == "completed"
    assert finished["version"] == 1
    sess.expire_all()
    assert sess.get(Case, case_id).item_version.number == 1

    login(world.users.a1_admin)
    page = client.get("/t/town-a1/items/local.street_lights/diff?a=1&b=2").get_data(as_text=True)
    changes = re.findall(r'<li class="change-(\w+)">.*?</li>', page, re.S)
    assert changes == ["changed"]
    assert "环节“提出申请”字段“安装路段”的标签：安装地点 → 安装路段" in page


def test_a_new_case_starts_on_the_new_version(
    client, sess, world, draft, filing, definition, make_user, api_token
):
    filing.submit(draft)
    filing.approve(draft)
    filing.publish(draft)
    definition["name"] = "路灯安装（第二版）"
    save_draft(sess, draft, definition, actor_id=None)
    sess.commit()
    filing.submit(draft)
    filing.approve(draft)
    filing.publish(draft)
    clerk = make_user("clerk", (world.a1, "village_committee", world.villages.a1x))
    started = client.post(
        "/api/v1/t/town-a1/cases",
        json={"item": "local.street_lights", "village": world.villages.a1x.code},
        headers=api_token(clerk),
    )
    assert started.json["version"] == 2
