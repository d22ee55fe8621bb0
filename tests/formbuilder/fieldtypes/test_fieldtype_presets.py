"""Plugin field types: presets of a core type, registered from ``qingdan_field_types``."""

from __future__ import annotations

import types
from decimal import Decimal

import pytest

from core import CONTRACT_VERSION, hookimpl
from core.errors import Invalid
from core.plugins import PluginHost
from formbuilder import fieldtypes
from formbuilder.definitions.form import load_fields
from formbuilder.fieldtypes import registry

QUOTES = {
    "key": "quotes",
    "label": "报价表",
    "base": "table",
    "options": {
        "min_rows": 3,
        "columns": [
            {"key": "supplier", "type": "text", "label": "供应商", "required": True},
            {"key": "price", "type": "money", "label": "报价（元）", "required": True},
        ],
    },
}


@pytest.fixture(autouse=True)
def own_registry(monkeypatch):
    """Each test registers into a copy of the core registry, never the process's own."""
    monkeypatch.setattr(registry, "default", registry.Registry(registry.default.all_types()))


def test_registered_preset_is_offered_under_its_own_key_and_label():
    fieldtypes.register_presets([QUOTES])
    assert (fieldtypes.get("quotes").label, fieldtypes.get("quotes").describe()["base"]) == (
        "报价表",
        "table",
    )


def test_loading_a_preset_field_expands_it_into_its_base_type():
    fieldtypes.register_presets([QUOTES])
    (field,) = load_fields([{"key": "quotes", "type": "quotes", "label": "三家报价"}])
    assert (field["type"], field["preset"], field["min_rows"]) == ("table", "quotes", 3)


def test_a_definition_may_override_a_preset_setting():
    fieldtypes.register_presets([QUOTES])
    (field,) = load_fields([{"key": "q", "type": "quotes", "label": "报价", "min_rows": 2}])
    assert field["min_rows"] == 2


def test_preset_field_cleans_like_its_base_type():
    fieldtypes.register_presets([QUOTES])
    (field,) = load_fields([{"key": "q", "type": "quotes", "label": "报价", "min_rows": 1}])
    rows = fieldtypes.get(field["type"]).clean([{"supplier": "甲", "price": "10"}], field)
    assert rows == [{"supplier": "甲", "price": Decimal("10.00")}]


def test_registering_the_same_preset_again_is_harmless():
    fieldtypes.register_presets([QUOTES])
    fieldtypes.register_presets([QUOTES])
    assert [t.key for t in fieldtypes.all_types()].count("quotes") == 1


def test_preset_cannot_take_a_key_already_in_use():
    with pytest.raises(Invalid) as caught:
        fieldtypes.register_presets([QUOTES | {"key": "money"}])
    assert caught.value.fields == {"[0].key": "字段类型标识“money”已被占用"}


def test_preset_of_an_unknown_base_is_refused():
    with pytest.raises(Invalid) as caught:
        fieldtypes.register_presets([QUOTES | {"base": "spreadsheet"}])
    assert caught.value.fields == {"[0].base": "“spreadsheet”不是平台自带的字段类型"}


def test_preset_with_bad_options_is_refused_by_path_and_nothing_is_added():
    bad = QUOTES | {"options": QUOTES["options"] | {"max_rows": 2}}
    with pytest.raises(Invalid) as caught:
        fieldtypes.register_presets([{**QUOTES, "key": "fine"}, bad])
    assert caught.value.fields == {"[1].options.min_rows": "最少行数不能大于最多行数"}
    assert fieldtypes.get("fine") is None


def test_presets_returned_by_a_plugin_hook_register():
    plugin = types.SimpleNamespace(
        QINGDAN_CONTRACT=CONTRACT_VERSION, qingdan_field_types=hookimpl(lambda: [QUOTES])
    )
    host = PluginHost()
    host.register(plugin, key="purchasing", version="1", builtin=False)
    returned = host.caller("qingdan_field_types", {"purchasing"})()
    fieldtypes.register_presets(preset for presets in returned for preset in presets)
    assert fieldtypes.get("quotes").label == "报价表"
