"""How values read on villager pages: personal data masked, whatever the definition says."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from formbuilder import fieldtypes


def public(type_key: str, value, **settings) -> str:
    definition = {"key": "f", "type": type_key, "label": "字段", **settings}
    return fieldtypes.get(type_key).public_text(value, definition)


def test_phone_shows_first_three_and_last_four_digits():
    assert public("phone", "13812345678") == "138****5678"


def test_person_shows_masked_name_only():
    person = {"name": "张小明", "id_number": "110101199003071233"}
    assert public("person", person) == "张*明"


def test_two_character_name_keeps_the_surname():
    assert public("person", {"name": "张三"}) == "张*"


def test_mask_setting_hides_the_middle_of_a_plain_answer():
    assert public("text", "王家庄三组", mask=True) == "王***组"


def test_unmasked_answer_reads_as_staff_see_it():
    assert public("money", Decimal("1200.00")) == "1,200.00 元"


def test_choice_shows_its_label_not_its_value():
    options = [{"value": "road", "label": "修路"}, {"value": "bridge", "label": "修桥"}]
    assert public("multichoice", ["road", "bridge"], options=options) == "修路、修桥"


def test_date_reads_in_chinese():
    assert public("date", date(2026, 3, 1)) == "2026年3月1日"


def test_table_masks_each_cell_by_its_own_type():
    columns = [
        {"key": "who", "type": "person", "label": "领取人"},
        {"key": "paid", "type": "money", "label": "金额"},
    ]
    rows = [{"who": {"name": "李四"}, "paid": "300.00"}]
    assert public("table", rows, columns=columns) == "领取人：李*，金额：300.00 元"


def test_vote_reads_as_minutes_record_it():
    tally = {"expected": 9, "present": 8, "for": 7, "against": 0, "abstain": 1}
    assert public("vote", tally) == "应到 9 人，实到 8 人；赞成 7 票，反对 0 票，弃权 1 票"


def test_table_column_marked_not_public_is_left_off_public_pages():
    columns = [
        {"key": "who", "type": "person", "label": "领取人"},
        {"key": "phone", "type": "phone", "label": "电话", "public": False},
    ]
    rows = [{"who": {"name": "李四"}, "phone": "13812345678"}]
    assert public("table", rows, columns=columns) == "领取人：李*"
