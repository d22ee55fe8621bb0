"""Flowcharts drawn from expanded steps, read back with ElementTree as a page or a test would."""

import xml.etree.ElementTree as ET

import pytest

from core.documents.flowchart import flowchart_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
ROLE_NAMES = {
    "village_committee": "两委委员",
    "village_secretary": "村党组织书记",
    "village_director": "村委会主任",
    "village_supervisor": "村务监督委员会",
    "village_accountant": "报账员",
}
ITEM = {
    "name": "路灯安装",
    "key": "local.street_lights",
    "basis": ["《村民委员会组织法》第二十四条"],
}


def step(key, name, kind, role, **rules):
    """One expanded step, in the shape ``expand_steps`` returns."""
    return {"key": key, "name": name, "kind": kind, "role": role, **rules}


def four_deliberations(key, following):
    """The six steps an include of ``four_deliberations`` expands to, built by hand."""
    rule = {"quorum": "2/3", "majority": "1/2"}
    parts = [
        step("propose", "村党组织提议", "task", "village_secretary"),
        step("discuss", "村“两委”会议商议", "meeting", "village_secretary", majority="1/2"),
        step("review", "党员大会审议", "meeting", "village_secretary", **rule),
        step("resolve", "村民代表会议决议", "meeting", "village_director", **rule),
        step("publish_resolution", "决议公开", "notice", "village_director", notice_days=3),
        step("publish_results", "实施结果公开", "notice", "village_director", notice_days=5),
    ]
    keys = [f"{key}.{part['key']}" for part in parts]
    return [
        {**part, "key": own, "group": key, "group_name": "四议两公开", "next": after}
        for part, own, after in zip(parts, keys, [*keys[1:], following], strict=True)
    ]


WORKING_5 = {"days": 5, "working": True}
LINEAR = [
    step("apply", "提出申请", "task", "village_committee", time_limit=WORKING_5, next="approve"),
    step(
        "approve", "主任审批", "approval", "village_director",
        time_limit={"days": 5, "working": False}, return_to="apply", next="notice",
    ),
    step("notice", "结果公示", "notice", "village_director", notice_days=5, next=None),
]  # fmt: skip
BY_AMOUNT = {"when": {">=": [{"var": "amount"}, 50000]}, "goto": "deliberate"}
BRANCHED = [
    step(
        "apply", "提出申请", "task", "village_committee",
        time_limit=WORKING_5, branches=[BY_AMOUNT], next="sign",
    ),
    *four_deliberations("deliberate", "sign"),
    step(
        "sign", "联审联签", "countersign", "village_accountant",
        roles=["village_secretary", "village_supervisor"], next="notice",
    ),
    step("notice", "结果公示", "notice", "village_director", notice_days=5, next=None),
]  # fmt: skip


def render(steps, **options):
    options.setdefault("role_names", ROLE_NAMES)
    options.setdefault("labels", {"amount": "金额（元）"})
    return flowchart_svg(ITEM, steps, **options)


def parse(svg):
    return ET.fromstring(svg.encode())


def step_groups(root):
    return root.findall(".//svg:g[@class='step']", NS)


def text_of(element):
    return "".join(element.itertext())


def edge_label(root, source, target):
    found = root.findall(
        f".//svg:g[@class='edge-label'][@data-from='{source}'][@data-to='{target}']", NS
    )
    assert len(found) == 1, f"one label on {source} → {target}"
    return text_of(found[0])


def edges(root):
    return {
        (e.get("data-from"), e.get("data-to")) for e in root.findall(".//svg:g[@class='edge']", NS)
    }


def box(step):
    """(x0, y0, x1, y1) of a step's outline: its first rect or polygon."""
    shape = step.find("svg:rect", NS)
    if shape is None:
        shape = step.find("svg:polygon", NS)
        points = [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        return min(xs), min(ys), max(xs), max(ys)
    x, y = float(shape.get("x")), float(shape.get("y"))
    return x, y, x + float(shape.get("width")), y + float(shape.get("height"))


@pytest.mark.parametrize("steps", [LINEAR, BRANCHED], ids=["linear", "branched"])
def test_every_step_is_drawn_once(steps):
    keys = [g.get("data-step") for g in step_groups(parse(render(steps)))]
    assert keys == [each["key"] for each in steps]


@pytest.mark.parametrize("steps", [LINEAR, BRANCHED], ids=["linear", "branched"])
def test_each_step_carries_its_kind(steps):
    kinds = {g.get("data-step"): g.get("data-kind") for g in step_groups(parse(render(steps)))}
    assert kinds == {each["key"]: each["kind"] for each in steps}


@pytest.mark.parametrize("steps", [LINEAR, BRANCHED], ids=["linear", "branched"])
def test_one_lane_per_role_in_order_of_first_appearance(steps):
    root = parse(render(steps))
    lanes = root.findall(".//svg:g[@class='lane']", NS)
    roles = list(dict.fromkeys(each["role"] for each in steps))
    assert [lane.get("data-role") for lane in lanes] == roles
    assert [text_of(lane) for lane in lanes] == [ROLE_NAMES[role] for role in roles]


def test_lane_falls_back_to_the_role_key():
    root = parse(render(LINEAR, role_names={}))
    assert text_of(root.find(".//svg:g[@data-role='village_director']", NS)) == "village_director"


@pytest.mark.parametrize("steps", [LINEAR, BRANCHED], ids=["linear", "branched"])
def test_boxes_do_not_overlap_and_stay_on_the_page(steps):
    root = parse(render(steps))
    width, height = float(root.get("width")), float(root.get("height"))
    boxes = [box(group) for group in step_groups(root)]
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
    for index, (ax0, ay0, ax1, ay1) in enumerate(boxes):
        for bx0, by0, bx1, by1 in boxes[index + 1 :]:
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0


def test_steps_stack_top_to_bottom_in_flow_order():
    tops = [box(group)[1] for group in step_groups(parse(render(BRANCHED)))]
    assert tops == sorted(tops)


def test_start_and_end_markers_frame_the_flow():
    root = parse(render(LINEAR))
    markers = root.findall(".//svg:g[@class='marker']", NS)
    assert [(m.get("data-marker"), text_of(m)) for m in markers] == [
        ("start", "开始"),
        ("end", "结束"),
    ]
    assert {("start", "apply"), ("approve", "notice"), ("notice", "end")} <= edges(root)


def test_step_boxes_state_kind_time_limit_and_notice_days():
    root = parse(render(LINEAR))
    texts = {g.get("data-step"): text_of(g) for g in step_groups(root)}
    assert "办理" in texts["apply"] and "5 个工作日" in texts["apply"]
    assert "审批" in texts["approve"] and "5 天" in texts["approve"]
    assert "公示" in texts["notice"] and "公示 5 天" in texts["notice"]


def test_meetings_state_quorum_and_majority():
    root = parse(render(BRANCHED))
    review = root.find(".//svg:g[@data-step='deliberate.review']", NS)
    assert "到会 ≥ 2/3，同意 > 1/2" in text_of(review.find("svg:title", NS))
    assert "会议" in text_of(review)


def test_countersign_lists_its_roles_by_name():
    sign = parse(render(BRANCHED)).find(".//svg:g[@data-step='sign']", NS)
    assert "联审联签" in text_of(sign)
    assert "村党组织书记、村务监督委员会" in text_of(sign.find("svg:title", NS))


def test_four_deliberations_group_is_framed_around_its_six_steps():
    root = parse(render(BRANCHED))
    frames = root.findall(".//svg:g[@class='group']", NS)
    assert [(f.get("data-group"), text_of(f)) for f in frames] == [("deliberate", "四议两公开")]
    fx0, fy0, fx1, fy1 = box(frames[0])
    inside = []
    for group in step_groups(root):
        x0, y0, x1, y1 = box(group)
        if fx0 <= x0 and x1 <= fx1 and fy0 <= y0 and y1 <= fy1:
            inside.append(group.get("data-step"))
    assert inside == [each["key"] for each in BRANCHED if each.get("group") == "deliberate"]


def test_branch_arrow_is_labelled_with_its_condition_in_words():
    root = parse(render(BRANCHED))
    assert edge_label(root, "apply", "deliberate.propose") == "金额（元）≥ 50,000"
    assert edge_label(root, "apply", "sign") == "否则"


def test_send_back_is_a_dashed_arrow_labelled_return():
    root = parse(render(LINEAR))
    back = root.find(".//svg:g[@class='edge return']", NS)
    assert (back.get("data-from"), back.get("data-to")) == ("approve", "apply")
    assert back.find("svg:path", NS).get("stroke-dasharray")
    assert edge_label(root, "approve", "apply") == "退回"


def test_highlighted_step_is_marked_current():
    root = parse(render(BRANCHED, highlight={"deliberate.review"}))
    current = root.findall(".//svg:g[@aria-current]", NS)
    assert [(g.get("data-step"), g.get("aria-current")) for g in current] == [
        ("deliberate.review", "step")
    ]
    assert "当前" in text_of(current[0])


def test_is_a_standalone_accessible_svg():
    svg = render(LINEAR)
    root = parse(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert 760 <= float(root.get("width")) <= 840
    assert root.get("role") == "img" and root.get("aria-label") == "路灯安装流程图"
    assert text_of(root.find("svg:title", NS)) == "路灯安装流程图"
    assert "Noto Sans CJK SC" in root.get("font-family")
    assert "href" not in svg and "<script" not in svg and "url(" not in svg


def test_text_is_never_smaller_than_13px():
    root = parse(render(BRANCHED, highlight={"apply"}))
    sizes = [
        float(t.get("font-size", root.get("font-size"))) for t in root.iter(f"{{{NS['svg']}}}text")
    ]
    assert sizes and min(sizes) >= 13


def test_hostile_names_and_labels_stay_text():
    steps = [dict(each) for each in LINEAR]
    steps[0] = {
        **steps[0],
        "name": "<script>alert(1)</script>",
        "branches": [{"when": {"==": [{"var": "x"}, "{{ 7*7 }}"]}, "goto": "notice"}],
    }
    item = {"name": "{{ 7*7 }}", "key": "k", "basis": "<b>&</b>"}
    svg = flowchart_svg(
        item,
        steps,
        role_names={"village_committee": "<img src=x onerror=alert(1)>"},
        labels={"x": "<script>"},
    )
    root = parse(svg)
    assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "img", "b")]
    assert "<script>alert(1)</script>" in text_of(root.find(".//svg:g[@data-step='apply']", NS))
    assert edge_label(root, "apply", "notice") == "<script> = “{{ 7*7 }}”"
    assert "{{ 7*7 }}" in text_of(root.find("svg:title", NS))
    assert "<img src=x onerror=alert(1)>" in text_of(root.find(".//svg:g[@class='lane']", NS))


def test_same_input_gives_the_same_bytes():
    first = render(BRANCHED, highlight={"deliberate.review", "sign"})
    second = render([dict(each) for each in BRANCHED], highlight={"sign", "deliberate.review"})
    assert first == second


def test_a_goto_naming_a_group_reaches_its_first_step():
    assert ("apply", "deliberate.propose") in edges(parse(render(BRANCHED)))


def test_missing_next_falls_through_and_unknown_targets_are_not_drawn():
    steps = [
        step("a", "甲", "task", "village_committee"),
        step("b", "乙", "task", "village_committee", next="nowhere"),
    ]
    assert edges(parse(render(steps))) == {("start", "a"), ("a", "b")}


def test_a_process_without_steps_still_draws():
    markers = parse(render([])).findall(".//svg:g[@class='marker']", NS)
    assert [m.get("data-marker") for m in markers] == ["start", "end"]


def test_majority_of_those_expected_is_said_so():
    meeting = step(
        "review", "党员大会审议", "meeting", "village_secretary",
        quorum="2/3", majority="1/2", majority_of="expected", next=None,
    )  # fmt: skip
    review = parse(render([meeting])).find(".//svg:g[@data-step='review']", NS)
    assert "到会 ≥ 2/3，同意 > 应到 1/2" in text_of(review.find("svg:title", NS))


def test_countersign_without_a_role_sits_in_its_first_signers_lane():
    steps = [
        step("apply", "申请", "task", "village_committee"),
        step("sign", "联审联签", "countersign", None, roles=["village_accountant"], next=None),
    ]
    lanes = parse(render(steps)).findall(".//svg:g[@class='lane']", NS)
    assert [lane.get("data-role") for lane in lanes] == ["village_committee", "village_accountant"]


def test_title_does_not_repeat_liucheng():
    root = parse(flowchart_svg({"name": "财务审批流程", "key": "k"}, LINEAR, role_names=ROLE_NAMES))
    assert root.get("aria-label") == "财务审批流程图"


def test_definitions_expand_into_a_chart():
    definitions = pytest.importorskip("formbuilder.definitions")
    amount = {"key": "amount", "type": "money", "label": "金额（元）", "required": True}
    definition = {
        **ITEM, "format": 1, "domain": "local", "responsible_role": "village_director",
        "steps": [
            step(
                "apply", "提出申请", "task", "village_committee",
                fields=[amount], branches=[BY_AMOUNT], next="notice",
            ),
            {"key": "deliberate", "kind": "include", "include": "four_deliberations", "next": "notice"},
            step("notice", "结果公示", "notice", "village_director", notice_days=5, next=None),
        ],
    }  # fmt: skip
    steps = definitions.expand_steps(definitions.load_item_definition(definition))
    root = parse(
        flowchart_svg(definition, steps, role_names=ROLE_NAMES, labels={"amount": "金额（元）"})
    )
    assert [g.get("data-step") for g in step_groups(root)] == [each["key"] for each in steps]
    assert [g.get("data-group") for g in root.findall(".//svg:g[@class='group']", NS)] == [
        "deliberate"
    ]
    assert edge_label(root, "apply", "deliberate.propose") == "金额（元）≥ 50,000"
