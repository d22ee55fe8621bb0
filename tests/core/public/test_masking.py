"""Masking units: names, ID numbers, phone numbers, minors, free text."""

from datetime import date
from types import SimpleNamespace

from core.public import masking
from tests.core.public.seed import PEOPLE, id_number

TODAY = date(2026, 12, 6)


def test_a_name_keeps_its_first_and_last_character():
    assert masking.mask_name("张小明") == "张*明"
    assert masking.mask_name("张三") == "张*"


def test_an_id_number_hides_its_middle_digits():
    assert masking.mask_id("11010519491231002X") == "110105********002X"


def test_a_phone_number_hides_four_digits():
    assert masking.mask_phone("13912345678") == "139****5678"


def test_age_is_read_from_the_id_number_on_the_day():
    born = id_number("11010520081207")
    assert masking.is_minor(born, TODAY)
    assert not masking.is_minor(born, date(2026, 12, 7))


def test_an_unreadable_id_number_counts_as_a_minor():
    assert masking.is_minor("not a number", TODAY)


def test_free_text_loses_id_and_phone_numbers_and_known_names():
    masker = masking.Masker([("欧阳建国", PEOPLE.applicant[1])], TODAY)
    text = masker.text(f"欧阳建国 {PEOPLE.applicant[1]} 电话 139-1234-5678")
    assert text == "欧**国 110105********0136 电话 139****5678"


def test_a_minor_s_name_is_hidden_completely():
    masker = masking.Masker([PEOPLE.child], TODAY)
    assert masker.text(f"{PEOPLE.child[0]}的申请") == "**的申请"


def test_a_public_field_holding_a_minor_is_left_out():
    steps = [
        {
            "fields": [
                {"key": "child", "type": "person", "label": "子女", "public": True},
                {"key": "adult", "type": "person", "label": "本人", "public": True},
                {"key": "secret", "type": "text", "label": "备注"},
            ]
        }
    ]
    case = SimpleNamespace(
        data={
            "child": {"name": PEOPLE.child[0], "id_number": PEOPLE.child[1]},
            "adult": {"name": "王大锤"},
            "secret": "不公开",
        },
        runs=[],
    )
    assert masking.public_fields(case, steps, TODAY) == [
        {"key": "adult", "label": "本人", "text": "王*锤"}
    ]


def test_a_field_marked_minor_is_left_out():
    steps = [
        {"fields": [{"key": "n", "type": "text", "label": "姓名", "public": True, "minor": True}]}
    ]
    case = SimpleNamespace(data={"n": "小宝"}, runs=[])
    assert masking.public_fields(case, steps, TODAY) == []
