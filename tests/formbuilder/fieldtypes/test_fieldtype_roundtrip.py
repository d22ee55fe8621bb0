"""Every field type, from JSON definition to page form and API schema, judged alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest

from formbuilder import fieldtypes

ID_NUMBER = "110101199003071233"
PHOTO = {"id": "f-1", "name": "现场照片.jpg", "content_type": "image/jpeg", "size": 2048}
CHOICES = [{"value": "road", "label": "修路"}, {"value": "bridge", "label": "修桥"}]


@dataclass
class Case:
    """A field list; a good submission as a page posts it and as the API sends it, with what
    both clean it to; a bad one both ways, with the faults both must report."""

    definitions: list[dict]
    good_form: dict | list
    good_json: dict
    cleaned: dict
    bad_form: dict | list
    bad_json: dict
    faults: dict[str, str]


def single(type_key: str, **settings) -> list[dict]:
    return [{"key": "answer", "type": type_key, "label": "回答", **settings}]


CASES = {
    "text": Case(
        single("text", max_length=5),
        {"answer": " 修村道 "},
        {"answer": "修村道"},
        {"answer": "修村道"},
        {"answer": "修建村里的道路"},
        {"answer": "修建村里的道路"},
        {"answer": "最多 5 个字，现有 7 个字"},
    ),
    "textarea": Case(
        single("textarea"),
        {"answer": "第一行\n第二行"},
        {"answer": "第一行\n第二行"},
        {"answer": "第一行\n第二行"},
        {"answer": "a\x00b"},
        {"answer": "a\x00b"},
        {"answer": "不能包含控制字符"},
    ),
    "integer": Case(
        single("integer", min=1, max=100),
        {"answer": "12"},
        {"answer": 12},
        {"answer": 12},
        {"answer": "十二"},
        {"answer": "十二"},
        {"answer": "请填写整数"},
    ),
    "decimal": Case(
        single("decimal", places=1),
        {"answer": "3.5"},
        {"answer": 3.5},
        {"answer": Decimal("3.5")},
        {"answer": "3.55"},
        {"answer": 3.55},
        {"answer": "最多保留 1 位小数"},
    ),
    "money": Case(
        single("money"),
        {"answer": "50000"},
        {"answer": "50000.00"},
        {"answer": Decimal("50000.00")},
        {"answer": "1e5"},
        {"answer": "1e5"},
        {"answer": "请填写金额，如 50000.00"},
    ),
    "date": Case(
        single("date"),
        {"answer": "2026-03-01"},
        {"answer": "2026-03-01"},
        {"answer": date(2026, 3, 1)},
        {"answer": "2026-02-30"},
        {"answer": "2026-02-30"},
        {"answer": "没有这一天，请核对日期"},
    ),
    "datetime": Case(
        single("datetime"),
        {"answer": "2026-03-01T09:30"},
        {"answer": "2026-03-01T01:30:00Z"},
        {"answer": datetime(2026, 3, 1, 9, 30)},
        {"answer": "明天上午"},
        {"answer": "明天上午"},
        {"answer": "请填写日期和时间，如 2026-03-01 09:30"},
    ),
    "choice": Case(
        single("choice", options=CHOICES),
        {"answer": "road"},
        {"answer": "road"},
        {"answer": "road"},
        {"answer": "修路"},
        {"answer": "修路"},
        {"answer": "请从选项中选择"},
    ),
    "multichoice": Case(
        single("multichoice", options=CHOICES),
        [("answer", "bridge"), ("answer", "road")],
        {"answer": ["bridge", "road"]},
        {"answer": ["road", "bridge"]},
        [("answer", "road"), ("answer", "tunnel")],
        {"answer": ["road", "tunnel"]},
        {"answer": "请从选项中选择"},
    ),
    "boolean": Case(
        single("boolean", required=True),
        {"answer": "false"},
        {"answer": False},
        {"answer": False},
        {},
        {"answer": None},
        {"answer": "请选择“是”或“否”"},
    ),
    "id_number": Case(
        single("id_number"),
        {"answer": ID_NUMBER},
        {"answer": ID_NUMBER},
        {"answer": ID_NUMBER},
        {"answer": "110101199003071234"},
        {"answer": "110101199003071234"},
        {"answer": "身份证号校验位不对，请逐位核对"},
    ),
    "phone": Case(
        single("phone"),
        {"answer": "138 1234 5678"},
        {"answer": "+8613812345678"},
        {"answer": "13812345678"},
        {"answer": "010-12345678"},
        {"answer": "010-12345678"},
        {"answer": "请填写 11 位手机号码，如 13812345678"},
    ),
    "person": Case(
        single("person", required=True),
        {"answer-name": "张小明", "answer-id_number": ID_NUMBER},
        {"answer": {"name": "张小明", "id_number": ID_NUMBER}},
        {"answer": {"name": "张小明", "id_number": ID_NUMBER}},
        {"answer-name": "张小明", "answer-id_number": "11010119900307"},
        {"answer": {"name": "张小明", "id_number": "11010119900307"}},
        {"answer.id_number": "身份证号应为 18 位，现有 14 位"},
    ),
    "attachment": Case(
        single("attachment", accept=["image", "pdf"]),
        {"answer": json.dumps(PHOTO)},
        {"answer": PHOTO},
        {"answer": PHOTO},
        {"answer": json.dumps(PHOTO | {"content_type": "text/html"})},
        {"answer": PHOTO | {"content_type": "text/html"}},
        {"answer": "只能上传图片或PDF"},
    ),
    "table": Case(
        single(
            "table",
            min_rows=1,
            max_rows=3,
            columns=[
                {"key": "supplier", "type": "text", "label": "供应商", "required": True},
                {"key": "price", "type": "money", "label": "报价", "required": True},
            ],
        ),
        {"answer-0-supplier": "甲公司", "answer-0-price": "1200", "answer-1-supplier": ""},
        {"answer": [{"supplier": "甲公司", "price": "1200.00"}]},
        {"answer": [{"supplier": "甲公司", "price": Decimal("1200.00")}]},
        {"answer-0-supplier": "甲公司", "answer-0-price": "一千二"},
        {"answer": [{"supplier": "甲公司", "price": "一千二"}]},
        {"answer[0].price": "请填写金额，如 50000.00"},
    ),
    "vote": Case(
        single("vote"),
        {
            f"answer-{part}": n
            for part, n in zip(
                ("expected", "present", "for", "against", "abstain"), "98701", strict=True
            )
        },
        {"answer": {"expected": 9, "present": 8, "for": 7, "against": 0, "abstain": 1}},
        {"answer": {"expected": 9, "present": 8, "for": 7, "against": 0, "abstain": 1}},
        {
            f"answer-{part}": n
            for part, n in zip(
                ("expected", "present", "for", "against", "abstain"),
                ["9", "10", "7", "0", "1"],
                strict=True,
            )
        },
        {"answer": {"expected": 9, "present": 10, "for": 7, "against": 0, "abstain": 1}},
        {"answer.present": "实到人数不能多于应到人数"},
    ),
    "signature": Case(
        single("signature", role="village_supervisor", required=True),
        {"answer": "y"},
        {"answer": {"confirmed": True}},
        {"answer": {"confirmed": True}},
        {},
        {"answer": {"confirmed": False}},
        {"answer": "请勾选确认"},
    ),
    "computed": Case(
        [
            {"key": "qty", "type": "integer", "label": "数量"},
            {"key": "price", "type": "money", "label": "单价"},
            {
                "key": "answer",
                "type": "computed",
                "label": "合计",
                "result_type": "money",
                "formula": {"*": [{"var": "qty"}, {"var": "price"}]},
            },
        ],
        {"qty": "3", "price": "2.50", "answer": "999"},
        {"qty": 3, "price": "2.50", "answer": "999"},
        {"qty": 3, "price": Decimal("2.50"), "answer": Decimal("7.50")},
        {"qty": "三", "price": "2.50"},
        {"qty": "三", "price": "2.50"},
        {"qty": "请填写整数"},
    ),
    "section": Case(
        [
            {"key": "answer", "type": "section", "label": "申请人信息", "help": "按户口本填写"},
            {"key": "note", "type": "text", "label": "说明", "required": True},
        ],
        {"note": "已核实"},
        {"note": "已核实"},
        {"note": "已核实"},
        {"note": ""},
        {"note": ""},
        {"note": "请填写此项"},
    ),
}


def test_every_core_type_has_a_round_trip_case():
    core = {t.key for t in fieldtypes.all_types() if not isinstance(t, fieldtypes.PresetType)}
    assert core == set(CASES)


@pytest.mark.parametrize("type_key", CASES)
def test_form_renders_the_field_as_html(app, both, type_key):
    case = CASES[type_key]
    pair = both(case.definitions)
    with app.test_request_context():
        html = str(pair.form(case.good_form).field("answer")())
    assert ("申请人信息" if type_key == "section" else 'name="answer') in html


@pytest.mark.parametrize("type_key", CASES)
def test_good_submission_cleans_the_same_on_both_sides(app, both, type_key):
    case = CASES[type_key]
    pair = both(case.definitions)
    with app.test_request_context():
        form = pair.form(case.good_form)
    assert (form.faults, form.cleaned_data) == ({}, case.cleaned)
    assert pair.schema.load(case.good_json) == case.cleaned


@pytest.mark.parametrize("type_key", CASES)
def test_bad_submission_gets_the_same_chinese_messages_on_both_sides(app, both, type_key):
    case = CASES[type_key]
    pair = both(case.definitions)
    with app.test_request_context():
        form = pair.form(case.bad_form)
    assert form.faults == case.faults
    assert pair.schema_faults(case.bad_json) == case.faults


@pytest.mark.parametrize("type_key", CASES)
def test_cleaned_data_dumps_to_json_that_loads_back_the_same(both, type_key):
    case = CASES[type_key]
    pair = both(case.definitions)
    stored = json.loads(json.dumps(pair.schema.dump(case.cleaned)))
    assert pair.schema.load(stored) == case.cleaned
