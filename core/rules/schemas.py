"""The shapes of ``/api/v1/t/<slug>/warnings``: its filters and each warning."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from core.api.schemas import BASE_MESSAGES, text

from .models import CLOSED, OPEN, SEVERITIES


def _choice(choices, error: str) -> fields.String:
    return fields.String(
        load_default=None,
        validate=validate.OneOf(choices, error=error),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
    )


class WarningFilterSchema(Schema):
    """The query string; parameters it does not know are ignored, as a query string's are."""

    class Meta:
        unknown = EXCLUDE

    status = _choice((OPEN, CLOSED), "应为 open（未解除）或 closed（已解除）")
    severity = _choice(SEVERITIES, "应为 blue、yellow 或 red")
    rule = text(100, load_default=None, metadata={"description": "规则标识，如 overdue_step"})
    village = text(12, load_default=None, metadata={"description": "村的 12 位统计用区划代码"})


class CaseReferenceSchema(Schema):
    id = fields.Integer()
    code = fields.String(metadata={"description": "办件编号"})


class WarningSchema(Schema):
    id = fields.Integer()
    rule = fields.String(metadata={"description": "规则标识"})
    rule_name = fields.String(metadata={"description": "规则的中文名称"})
    severity = fields.String(metadata={"enum": list(SEVERITIES), "description": "蓝、黄、红三色"})
    status = fields.String(metadata={"description": "open：未解除；closed：已解除"})
    subject = fields.String(metadata={"description": "预警针对的对象，如 case:12:step:review"})
    case = fields.Nested(CaseReferenceSchema, allow_none=True)
    village = fields.String(allow_none=True, metadata={"description": "村的区划代码"})
    message = fields.String(metadata={"description": "预警说明：哪个办件、哪个环节、差多少"})
    opened_at = fields.DateTime()
    closed_at = fields.DateTime(allow_none=True)
    closed_reason = fields.String(allow_none=True)
