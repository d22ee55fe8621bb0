"""Field types (字段类型): what a form field can be, and everything each type knows.

``get(key)`` and ``all_types()`` answer from the registry: the core types below plus the
presets plugins register through ``register_presets`` (see ``registry``). One module per
family of types; ``submission.clean_submission`` is the validation pages and the API share.
"""

from __future__ import annotations

from collections.abc import Iterable

from formbuilder.fieldtypes import registry
from formbuilder.fieldtypes.base import FieldError, FieldType
from formbuilder.fieldtypes.choices import BooleanType, ChoiceType, MultiChoiceType
from formbuilder.fieldtypes.composite import TableType, VoteType
from formbuilder.fieldtypes.dates import DateTimeType, DateType
from formbuilder.fieldtypes.identity import IdNumberType, PersonType, PhoneType
from formbuilder.fieldtypes.numbers import DecimalType, IntegerType, MoneyType
from formbuilder.fieldtypes.registry import PresetType, Registry
from formbuilder.fieldtypes.special import AttachmentType, ComputedType, SectionType, SignatureType
from formbuilder.fieldtypes.submission import clean_submission
from formbuilder.fieldtypes.text import TextareaType, TextType

__all__ = [
    "FieldError",
    "FieldType",
    "PresetType",
    "Registry",
    "all_types",
    "clean_submission",
    "get",
    "register_presets",
]

registry.default.add(
    TextType(),
    TextareaType(),
    IntegerType(),
    DecimalType(),
    MoneyType(),
    DateType(),
    DateTimeType(),
    ChoiceType(),
    MultiChoiceType(),
    BooleanType(),
    IdNumberType(),
    PhoneType(),
    PersonType(),
    AttachmentType(),
    TableType(),
    VoteType(),
    SignatureType(),
    ComputedType(),
    SectionType(),
)


def get(key: str) -> FieldType | None:
    """The field type (core or preset) called ``key``, or None."""
    return registry.default.get(key)


def all_types() -> list[FieldType]:
    """Every field type, core types first, for the designer's palette."""
    return registry.default.all_types()


def register_presets(presets: Iterable[dict]) -> list[PresetType]:
    """Add plugin presets (what ``qingdan_field_types`` hooks return, flattened); raises
    ``core.errors.Invalid`` naming each fault, e.g. ``[0].base``, and then adds none."""
    return registry.default.register_presets(presets)
