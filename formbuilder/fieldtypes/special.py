"""Fields that are not plain answers: ``attachment``, ``signature``, ``computed``, ``section``."""

from __future__ import annotations

import json
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from wtforms.fields.core import UnboundField

from formbuilder import conditions
from formbuilder.conditions.js import to_string
from formbuilder.fieldtypes import options
from formbuilder.fieldtypes.base import FieldError, FieldType, blank
from formbuilder.fieldtypes.choices import BooleanType
from formbuilder.fieldtypes.numbers import DecimalType, IntegerType, MoneyType
from formbuilder.fieldtypes.text import TextType
from formbuilder.fieldtypes.wtf import (
    AttachmentField,
    ComputedField,
    SectionField,
    SignatureField,
    field_kwargs,
)

MB = 1024 * 1024
#: kinds of file a definition may accept -> (Chinese name, content types). SVG and HTML are
#: left out on purpose: served back to a browser they could run script.
KINDS: dict[str, tuple[str, frozenset[str]]] = {
    kind: (name, frozenset(types.split()))
    for kind, name, types in (
        (
            "image",
            "图片",
            "image/jpeg image/png image/gif image/webp image/heic image/heif image/bmp",
        ),
        ("pdf", "PDF", "application/pdf"),
        (
            "document",
            "Word 文档",
            "application/msword application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "spreadsheet",
            "Excel 表格",
            "application/vnd.ms-excel application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    )
}
_REFERENCE = ("id", "name", "content_type", "size")


class AttachmentType(FieldType):
    """A file or photo, stored as a reference ``{"id","name","content_type","size"}`` that
    the upload service hands out; the file itself is not part of the form's data."""

    key = "attachment"
    label = "附件（文件或照片）"
    required_message = "请上传文件"
    #: megabytes, unless the definition's ``max_size`` (also in MB) says otherwise
    default_max_size = 20
    value_schema = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "content_type": {"type": "string"},
            "size": {"type": "integer", "minimum": 0},
        },
        "required": list(_REFERENCE),
    }

    def option_fields(self) -> dict:
        return {
            "accept": options.listing(options.one_of({k: KINDS[k][0] for k in sorted(KINDS)})),
            "max_size": options.integer(1, 100),
        }

    def check_settings(self, definition: dict) -> dict[str, str]:
        return {"accept": "至少选择一种文件类型"} if definition.get("accept") == [] else {}

    def clean(self, value: Any, definition: dict) -> dict:
        if not isinstance(value, dict) or set(value) != set(_REFERENCE):
            raise FieldError("附件信息不完整，请重新上传")
        ident, name, content_type, size = (value[part] for part in _REFERENCE)
        if not (isinstance(ident, str) and 0 < len(ident) <= 100 and isinstance(name, str)):
            raise FieldError("附件信息不完整，请重新上传")
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise FieldError("附件信息不完整，请重新上传")
        kinds = definition.get("accept", sorted(KINDS))
        kind = content_type.split(";")[0].strip().lower() if isinstance(content_type, str) else ""
        if not any(kind in KINDS[k][1] for k in kinds):
            raise FieldError("只能上传" + "或".join(KINDS[k][0] for k in kinds))
        limit = definition.get("max_size", self.default_max_size)
        if size > limit * MB:
            raise FieldError(f"文件不能超过 {limit} MB")
        return {"id": ident, "name": name[:255], "content_type": kind, "size": size}

    def display(self, value: Any, definition: dict) -> str:
        return value["name"] if value else ""

    def to_wtforms(self, definition: dict) -> UnboundField:
        kinds = definition.get("accept", sorted(KINDS))
        accept = ",".join(sorted(t for k in kinds for t in KINDS[k][1]))
        return AttachmentField(**field_kwargs(definition, accept=accept))


class SignatureType(FieldType):
    """A role's acknowledgement (e.g. the supervision committee signs off): the person ticks
    "confirmed"; who and when are recorded by the process engine, not by the form."""

    key = "signature"
    label = "签字确认"
    required_message = "请勾选确认"
    value_schema = {
        "type": "object",
        "properties": {"confirmed": {"const": True}},
        "required": ["confirmed"],
    }

    def option_fields(self) -> dict:
        return {"role": options.key(required=True)}

    def is_empty(self, value: Any) -> bool:
        return blank(value) or (isinstance(value, dict) and value.get("confirmed") is False)

    def clean(self, value: Any, definition: dict) -> dict:
        if value != {"confirmed": True}:
            raise FieldError("签字确认的内容格式不对")
        return {"confirmed": True}

    def display(self, value: Any, definition: dict) -> str:
        return "已确认" if value else ""

    def to_wtforms(self, definition: dict) -> UnboundField:
        return SignatureField(**field_kwargs(definition, **{"data-role": definition["role"]}))


#: what a formula's result is read as
RESULTS: dict[str, FieldType] = {
    t.key: t for t in (MoneyType(), DecimalType(), IntegerType(), TextType(), BooleanType())
}


class ComputedType(FieldType):
    """A value worked out from other fields by a JSONLogic ``formula`` — a total, a
    difference — on the server; the browser shows the same result as you type."""

    key = "computed"
    label = "自动计算"
    takes_input = False

    def option_fields(self) -> dict:
        return {
            "formula": options.Logic(required=True),
            "result_type": options.one_of({k: t.label for k, t in sorted(RESULTS.items())}),
            "places": options.integer(0, 6),
        }

    def result(self, definition: dict) -> FieldType:
        return RESULTS[definition.get("result_type", "decimal")]

    def compute(self, definition: dict, data: dict) -> Any:
        """The formula's result as its ``result_type``, rounded half up to its places; None
        when it is not a number (a division by zero, an empty input)."""
        kind = self.result(definition)
        if isinstance(kind, BooleanType):
            return conditions.truthy(definition["formula"], data)
        value = conditions.evaluate(definition["formula"], data)
        if isinstance(kind, TextType):
            return None if value is None else to_string(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if isinstance(value, float) and not math.isfinite(value):
            return None
        places = 0 if isinstance(kind, IntegerType) else kind.places(definition)
        exact = options.as_decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        return int(exact) if isinstance(kind, IntegerType) else exact

    def clean(self, value: Any, definition: dict) -> Any:
        """A stored result read back; a submission never supplies one."""
        return self.result(definition).clean(value, definition)

    def dump(self, value: Any, definition: dict) -> Any:
        return self.result(definition).dump(value, definition)

    def display(self, value: Any, definition: dict) -> str:
        return self.result(definition).display(value, definition)

    def to_wtforms(self, definition: dict) -> UnboundField:
        formula = json.dumps(definition["formula"])
        return ComputedField(**field_kwargs(definition, readonly=True, **{"data-formula": formula}))


class SectionType(FieldType):
    """A heading that groups the fields after it; it holds no value."""

    key = "section"
    label = "分节标题"
    is_layout = True
    takes_input = False

    def clean(self, value: Any, definition: dict) -> None:
        """A heading has nothing to keep, whatever is sent."""
        return None

    def display(self, value: Any, definition: dict) -> str:
        return definition["label"]

    def to_wtforms(self, definition: dict) -> UnboundField:
        return SectionField(**field_kwargs(definition))
