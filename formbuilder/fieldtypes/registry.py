"""The registry of field types: the core types, and the presets plugins add.

Hooks return plain data (DESIGN §5), so a plugin cannot hand over a class; a plugin type is a
*preset* of a core type — ``{"key": "quotes", "label": "报价表", "base": "table",
"options": {"columns": [...], "min_rows": 3}}``. ``load_fields`` expands a preset into its
base type (``"type": "table", "preset": "quotes"`` plus the options), so a filed definition
keeps its meaning after the plugin changes or is disabled.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marshmallow import ValidationError, fields
from wtforms.fields.core import UnboundField

from core.errors import Invalid
from formbuilder.fieldtypes import options
from formbuilder.fieldtypes.base import FieldType


class PresetType(FieldType):
    """A core type with settings filled in; the definition may still override them."""

    def __init__(self, key: str, label: str, base: FieldType, defaults: dict) -> None:
        self.key, self.label, self.base, self.defaults = key, label, base, defaults
        self.is_layout, self.takes_input = base.is_layout, base.takes_input
        self.required_message, self.value_schema = base.required_message, base.value_schema

    def expand(self, definition: dict) -> dict:
        return self.defaults | definition | {"type": self.base.key, "preset": self.key}

    def load(self, definition: dict) -> tuple[dict, dict[str, str]]:
        return self.base.load(self.expand(definition))

    def is_empty(self, value: Any) -> bool:
        return self.base.is_empty(value)

    def clean(self, value: Any, definition: dict) -> Any:
        return self.base.clean(value, self.expand(definition))

    def compute(self, definition: dict, data: dict) -> Any:
        return self.base.compute(self.expand(definition), data)

    def dump(self, value: Any, definition: dict) -> Any:
        return self.base.dump(value, self.expand(definition))

    def to_wtforms(self, definition: dict) -> UnboundField:
        return self.base.to_wtforms(self.expand(definition))

    def display(self, value: Any, definition: dict) -> str:
        return self.base.display(value, self.expand(definition))

    def public_text(self, value: Any, definition: dict) -> str:
        return self.base.public_text(value, self.expand(definition))

    def describe(self) -> dict:
        return self.base.describe() | {
            "key": self.key,
            "label": self.label,
            "base": self.base.key,
            "defaults": self.defaults,
        }

    def same_as(self, other: FieldType) -> bool:
        return isinstance(other, PresetType) and other.describe() == self.describe()


_PRESET = options.DefinitionSchema.from_dict(
    {
        "key": options.key(required=True),
        "label": options.text(options.MAX_LABEL, required=True),
        "base": options.key(required=True),
        "options": fields.Dict(load_default=dict, error_messages={"invalid": "应为一个对象"}),
    },
    name="Preset",
)()


class Registry:
    """Field types by key. Core types are added once; presets may be registered again with
    the same content (every app start asks the plugins), never changed under a key."""

    def __init__(self, core: Iterable[FieldType] = ()) -> None:
        self._types: dict[str, FieldType] = {t.key: t for t in core}

    def add(self, *types: FieldType) -> None:
        """Add core types (``formbuilder.fieldtypes`` adds its own on import)."""
        self._types |= {t.key: t for t in types}

    def get(self, key: str) -> FieldType | None:
        return self._types.get(key)

    def all_types(self) -> list[FieldType]:
        return list(self._types.values())

    def register_presets(self, presets: Iterable[dict]) -> list[PresetType]:
        """Check ``presets`` (as a ``qingdan_field_types`` hook returns them) and add them.

        Raises ``Invalid`` naming each fault by ``[index].setting`` and adds none of them.
        """
        made, errors = [], {}
        for index, spec in enumerate(presets):
            preset, faults = self._preset(spec)
            errors |= {options.join(f"[{index}]", path): text for path, text in faults.items()}
            if preset:
                made.append(preset)
        if errors:
            raise Invalid("插件提供的字段类型有误。", fields=errors)
        for preset in made:
            self._types[preset.key] = preset
        return made

    def _preset(self, spec: Any) -> tuple[PresetType | None, dict[str, str]]:
        try:
            data = _PRESET.load(spec)
        except ValidationError as exc:
            return None, options.flatten(exc.messages)
        base = self._types.get(data["base"])
        if base is None or isinstance(base, PresetType):
            return None, {"base": f"“{data['base']}”不是平台自带的字段类型"}
        preset = PresetType(data["key"], data["label"], base, data["options"])
        existing = self._types.get(preset.key)
        if existing and not preset.same_as(existing):
            return None, {"key": f"字段类型标识“{preset.key}”已被占用"}
        sample = {"key": "sample", "label": preset.label}
        _, faults = preset.load(sample)
        return preset, {options.join("options", path): text for path, text in faults.items()}


#: the registry ``formbuilder.fieldtypes.get`` answers from
default = Registry()
