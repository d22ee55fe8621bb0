"""A warning as the rule engine knows it; supervision's API extends it with the handling
(``core.supervision.warning_schemas``)."""

from __future__ import annotations

from marshmallow import Schema, fields

from .models import SEVERITIES


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
