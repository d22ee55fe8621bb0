"""API schemas generated from field definitions (marshmallow).

``load`` judges a submission with ``clean_submission`` — the same function the page form uses
— and raises ``ValidationError`` with flat paths (``{"quotes[0].price": ["请填写此项"]}``);
``dump`` writes cleaned data as JSON (money as ``"50000.00"``), the form a case stores.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, post_load

from formbuilder.fieldtypes import clean_submission
from formbuilder.fieldtypes.submission import field_type


class SubmissionSchema(Schema):
    """Base of generated schemas. Unknown keys are refused (marshmallow's default)."""

    error_messages = {"unknown": "没有这个字段", "type": "提交的内容应为一个 JSON 对象"}
    #: the field definitions the schema was built from, as ``load_fields`` returned them
    definitions: list[dict] = []

    @post_load
    def _clean(self, data: dict, **_kwargs: Any) -> dict:
        cleaned, faults = clean_submission(self.definitions, data)
        if faults:
            raise ValidationError({path: [message] for path, message in faults.items()})
        return cleaned


def build_schema(fields: list[dict]) -> SubmissionSchema:
    """A schema instance for the loaded field definitions ``fields``.

    Attributes are numbered (``field_0`` …) and keys set as ``data_key``, so no field key can
    shadow a method of ``Schema`` such as ``load``. Headings are left out; computed fields are
    accepted and ignored on load, and dumped.
    """
    declared: dict[str, Any] = {
        f"field_{index}": field_type(d).to_marshmallow(d)
        for index, d in enumerate(fields)
        if not field_type(d).is_layout
    }
    return type("GeneratedSchema", (SubmissionSchema,), {**declared, "definitions": fields})()
