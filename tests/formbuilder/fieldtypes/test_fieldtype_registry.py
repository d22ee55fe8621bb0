"""The registry of core field types and what each tells the designer."""

from __future__ import annotations

from formbuilder import fieldtypes

CORE = [
    "text",
    "textarea",
    "integer",
    "decimal",
    "money",
    "date",
    "datetime",
    "choice",
    "multichoice",
    "boolean",
    "id_number",
    "phone",
    "person",
    "attachment",
    "table",
    "vote",
    "signature",
    "computed",
    "section",
]


def test_core_types_are_registered_in_palette_order():
    assert [t.key for t in fieldtypes.all_types()][: len(CORE)] == CORE


def test_unknown_key_has_no_type():
    assert fieldtypes.get("spreadsheet") is None


def test_only_the_section_is_layout():
    assert [t.key for t in fieldtypes.all_types() if t.is_layout] == ["section"]


def test_description_lists_the_settings_a_definition_may_carry():
    described = fieldtypes.get("table").describe()
    assert {"columns", "min_rows", "max_rows", "visible_when"} <= set(described["settings"])


def test_description_gives_the_json_schema_of_the_value():
    assert fieldtypes.get("money").describe()["value"]["format"] == "decimal"


def test_every_type_has_a_chinese_label():
    assert all(t.label and not t.label.isascii() for t in fieldtypes.all_types())


def test_option_errors_name_faults_in_the_types_own_settings_only():
    definition = {"key": "kind", "type": "choice", "label": "", "options": [], "color": "red"}
    assert fieldtypes.get("choice").option_errors(definition) == {
        "options": "单选题至少需要两个选项",
        "color": "未知的设置项",
    }
