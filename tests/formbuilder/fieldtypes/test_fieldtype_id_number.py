"""Resident ID numbers (GB 11643): the check digit, and masking on public pages."""

from __future__ import annotations

import pytest

from formbuilder import fieldtypes
from formbuilder.fieldtypes import FieldError

ID_NUMBER = fieldtypes.get("id_number")
DEFINITION = {"key": "id_number", "type": "id_number", "label": "身份证号"}


def test_valid_number_passes_unchanged():
    assert ID_NUMBER.clean("110101199003071233", DEFINITION) == "110101199003071233"


def test_check_digit_x_is_accepted_in_either_case_and_stored_upper():
    assert ID_NUMBER.clean("11010519491231002x", DEFINITION) == "11010519491231002X"


def test_spaces_typed_between_groups_are_dropped():
    assert ID_NUMBER.clean("110101 19900307 1233", DEFINITION) == "110101199003071233"


def test_wrong_check_digit_is_refused_with_a_clear_message():
    with pytest.raises(FieldError, match="^身份证号校验位不对，请逐位核对$"):
        ID_NUMBER.clean("110101199003071234", DEFINITION)


def test_wrong_length_says_how_many_digits_were_typed():
    with pytest.raises(FieldError, match="^身份证号应为 18 位，现有 17 位$"):
        ID_NUMBER.clean("11010119900307123", DEFINITION)


def test_letters_other_than_a_final_x_are_refused():
    with pytest.raises(FieldError, match="^身份证号只能由数字组成，最后一位可以是 X$"):
        ID_NUMBER.clean("1101011990030712A3", DEFINITION)


def test_impossible_birth_date_is_refused():
    with pytest.raises(FieldError, match="^身份证号中的出生日期不对，请核对$"):
        ID_NUMBER.clean("110101199002301236", DEFINITION)


def test_public_text_keeps_region_and_last_four_only():
    assert ID_NUMBER.public_text("110101199003071233", DEFINITION) == "110101********1233"


def test_staff_display_shows_the_whole_number():
    assert ID_NUMBER.display("110101199003071233", DEFINITION) == "110101199003071233"
