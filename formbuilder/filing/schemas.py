"""API shapes of filings, and of a definition sent to create or save a local item."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate

from core.api.schemas import BASE_MESSAGES, RequestSchema

from .models import STATUSES
from .operations import MAX_COMMENT


def _part(description: str) -> fields.Raw:
    return fields.Raw(
        required=True, error_messages=BASE_MESSAGES, metadata={"description": description}
    )


class ItemDefinitionBodySchema(RequestSchema):
    """An item definition, format 1 (DESIGN §6). Only its presence is checked here: the
    definition loader checks the rest and names each fault by its path."""

    class Meta:
        unknown = INCLUDE

    format = _part("定义格式版本，目前为 1")
    key = _part("事项标识，乡镇特色事项须以 local. 开头，如 local.street_lights")
    name = _part("事项名称")
    domain = _part("领域：插件标识或 local")
    basis = _part("政策依据（文本列表）")
    responsible_role = _part("责任主体的角色标识")
    steps = _part("办理环节（列表）")


class FilingReturnSchema(RequestSchema):
    comment = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_COMMENT, error="应为 1 到 {max} 个字"),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
        metadata={"description": "退回意见：需要修改什么"},
    )


class FilingSchema(Schema):
    id = fields.Integer()
    item = fields.String(attribute="item.key", metadata={"description": "事项标识"})
    version = fields.Integer(attribute="version.number", metadata={"description": "提交的版本号"})
    status = fields.String(metadata={"enum": list(STATUSES)})
    digest = fields.String(metadata={"description": "提交时定义文本的 SHA-256"})
    comment = fields.String(allow_none=True, metadata={"description": "县级意见"})
    submitted_at = fields.DateTime(attribute="created_at")
    reviewed_at = fields.DateTime(allow_none=True)
