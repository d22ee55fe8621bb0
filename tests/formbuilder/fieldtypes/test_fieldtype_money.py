"""Money: yuan to the fen, exact, never a float."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from formbuilder import fieldtypes
from formbuilder.fieldtypes import FieldError

MONEY = fieldtypes.get("money")
DEFINITION = {"key": "amount", "type": "money", "label": "金额"}


def test_amount_with_two_decimals_is_kept_exactly():
    assert MONEY.clean("50000.00", DEFINITION) == Decimal("50000.00")


def test_cleaned_amount_is_a_decimal_never_a_float():
    assert type(MONEY.clean(1234.5, DEFINITION)) is Decimal


def test_whole_yuan_get_two_decimals():
    assert str(MONEY.clean("50000", DEFINITION)) == "50000.00"


def test_stored_form_is_a_string_with_two_decimals():
    assert json.dumps(MONEY.dump(Decimal("50000.5"), DEFINITION)) == '"50000.50"'


def test_exponent_notation_is_refused():
    with pytest.raises(FieldError, match="^请填写金额，如 50000.00$"):
        MONEY.clean("1e5", DEFINITION)


def test_float_with_more_than_two_decimals_is_refused_not_rounded():
    with pytest.raises(FieldError, match="^金额最多保留两位小数（到分）$"):
        MONEY.clean(0.1 + 0.2, DEFINITION)


def test_text_with_more_than_two_decimals_is_refused():
    with pytest.raises(FieldError, match="^金额最多保留两位小数（到分）$"):
        MONEY.clean("12.345", DEFINITION)


def test_negative_amount_is_refused_by_default():
    with pytest.raises(FieldError, match="^不能为负数$"):
        MONEY.clean("-5.00", DEFINITION)


def test_negative_amount_is_allowed_when_the_definition_sets_a_lower_min():
    assert MONEY.clean("-5.00", DEFINITION | {"min": "-1000"}) == Decimal("-5.00")


def test_amount_above_max_is_refused():
    with pytest.raises(FieldError, match="^不能大于 100000$"):
        MONEY.clean("100000.01", DEFINITION | {"max": 100000})


def test_boolean_is_not_an_amount():
    with pytest.raises(FieldError, match="^请填写金额，如 50000.00$"):
        MONEY.clean(True, DEFINITION)


def test_display_groups_thousands_and_names_the_unit():
    assert MONEY.display("50000.00", DEFINITION) == "50,000.00 元"
