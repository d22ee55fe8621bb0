"""Issue 6, must-show 1, in a real browser: a township admin builds a local item in the
designer — five field types, a conditional field, a branch and the 四议两公开 block —,
previews it and submits it; the county returns it with a comment; the township fixes it and
submits again; the county approves; the township publishes; a village clerk starts a case and
the generated form shows and hides the conditional field as designed. Also: hostile labels
stay text in the designer (must-show 3). Screenshots go to ``test-artifacts/``."""

import json

import pytest

from core.testing import screenshot

pytestmark = pytest.mark.browser
TOWN = "/t/town-a1"
DESIGNER = f"{TOWN}/designer"


def ids(path: str, control: str) -> str:
    """The id the designer gives the control of a definition path (see ``idFor``)."""
    import re

    return "#d-" + re.sub(r"[^a-zA-Z0-9]+", "-", f"{path}-{control}")


def add_field(page, step: int, type_label: str, label: str) -> None:
    page.locator(f'[data-path="steps[{step}]"]').get_by_role(
        "button", name=f"添加“{type_label}”字段到本环节的表单"
    ).click()
    count = page.locator(f'[data-path="steps[{step}]"] li.designer-field').count()
    page.fill(ids(f"steps[{step}].fields[{count - 1}].label", "input"), label)


def chosen(page, selector: str, value: str) -> None:
    page.select_option(selector, value)


def build_item(page) -> None:
    """The whole item, built with the palette and the pickers only."""
    add_field(page, 0, "单行文字", "申请人")
    add_field(page, 0, "金额（元）", "金额")
    add_field(page, 0, "单选", "类别")
    page.fill(ids("steps[0].fields[2].options[1].label", "input"), "其他")
    add_field(page, 0, "日期", "计划日期")
    add_field(page, 0, "是/否", "是否紧急")
    add_field(page, 0, "单行文字", "其他说明")
    chosen(page, ids("steps[0].fields[5].visible_when.field", "select"), "field3")
    chosen(page, ids("steps[0].fields[5].visible_when.value", "select"), "option2")
    page.get_by_role("button", name="添加引用流程环节").click()
    page.get_by_role("button", name="添加公示环节").click()
    page.get_by_role("button", name="添加分支").first.click()
    chosen(page, ids("steps[0].branches[0].when.field", "select"), "field2")
    chosen(page, ids("steps[0].branches[0].when.op", "select"), ">=")
    page.fill(ids("steps[0].branches[0].when.value", "input"), "50000")
    chosen(page, ids("steps[0].branches[0].goto", "select"), "deliberate1")
    chosen(page, ids("steps[0].next", "select"), "step1")


def save(page) -> None:
    page.get_by_role("button", name="保存草稿").click()
    page.locator(".designer-state", has_text="已保存").wait_for()


def county_decides(browse, live_server, county_admin, button: str, comment: str = "") -> None:
    county = browse(county_admin)
    county.goto(f"{live_server}/t/county-a/filings")
    county.locator("tr", has_text="路灯安装").get_by_role("link", name="审核").click()
    county.wait_for_load_state()
    if comment:
        county.fill("#comment", comment)
    county.get_by_role("button", name=button).click()
    county.wait_for_load_state()


def test_a_township_builds_files_and_publishes_an_item_a_village_then_uses(
    world, make_user, browse, live_server
):
    clerk = make_user("clerk", (world.a1, "village_committee", world.villages.a1x))
    admin = browse(world.users.a1_admin)
    admin.goto(f"{live_server}{DESIGNER}/")
    admin.fill("#name", "路灯安装")
    admin.get_by_role("button", name="新建").click()
    admin.locator("li.designer-step").first.wait_for()
    build_item(admin)

    admin.get_by_role("button", name="刷新预览").click()
    admin.locator(".preview-state", has_text="预览已更新").wait_for()
    preview = admin.locator(".preview-forms")
    assert preview.get_by_label("其他说明").is_hidden()
    preview.get_by_label("类别").select_option("option2")
    preview.get_by_label("其他说明").wait_for(state="visible")
    assert admin.locator(".preview-chart").get_attribute("src").startswith("data:image/svg+xml")
    save(admin)
    screenshot(admin, "designer")

    admin.get_by_role("button", name="提交县级备案").click()
    admin.wait_for_load_state()
    assert "待县级审核" in admin.content()

    county_decides(browse, live_server, world.users.county_admin, "退回修改", "请写明政策依据")
    admin.goto(f"{live_server}{DESIGNER}/items/local.item1")
    admin.locator("li.designer-step").first.wait_for()
    assert "请写明政策依据" in admin.content()
    admin.fill(ids("basis", "input"), "《村民委员会组织法》第二十四条")
    save(admin)
    admin.get_by_role("button", name="提交县级备案").click()
    admin.wait_for_load_state()

    county_decides(browse, live_server, world.users.county_admin, "通过备案")
    admin.goto(f"{live_server}{DESIGNER}/items/local.item1")
    admin.get_by_role("button", name="发布到各村").click()
    admin.wait_for_load_state()
    assert "已发布" in admin.content()

    village = browse(clerk)
    village.goto(f"{live_server}{TOWN}/cases/new?item=local.item1")
    village.get_by_role("button", name="发起").click()
    village.wait_for_load_state()
    other = village.locator(".field", has=village.get_by_label("其他说明"))
    assert other.is_hidden()
    village.get_by_label("类别").select_option("option2")
    other.wait_for(state="visible")
    screenshot(village, "designer-generated-form")
    village.get_by_label("类别").select_option("option1")
    other.wait_for(state="hidden")


def test_hostile_labels_stay_text_in_the_designer(world, browse, live_server, hostile_item):
    admin = browse(world.users.a1_admin)
    dialogs = []
    admin.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    admin.goto(f"{live_server}{DESIGNER}/")
    admin.set_input_files(
        "#file",
        files=[
            {
                "name": "h.json",
                "mimeType": "application/json",
                "buffer": json.dumps(hostile_item).encode(),
            }
        ],
    )
    admin.get_by_role("button", name="导入").click()
    admin.locator("li.designer-step").first.wait_for()
    admin.locator(".preview-state", has_text="预览已更新").wait_for()
    label = admin.locator(ids("steps[0].fields[0].label", "input"))
    assert label.input_value().endswith("<script>alert(1)</script>{{ 7*7 }}")
    assert "<script>alert(1)</script>{{ 7*7 }}" in admin.locator(".designer-editor").inner_text()
    assert "<script>alert(1)</script>{{ 7*7 }}" in admin.locator(".preview-forms").inner_text()
    assert "49" not in admin.locator(".preview-forms").inner_text()
    assert dialogs == []
    screenshot(admin, "designer-hostile")
