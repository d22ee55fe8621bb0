"""The shapes of ``/api/v1`` requests and responses, with Chinese validation messages.

Request schemas refuse unknown fields, wrong types and text that could not be stored (longer
than its column, or holding control characters, which PostgreSQL refuses), so user input never
turns into a 500. The domain rules themselves — slug format, 12-digit village codes, who may
own what — stay in the operations. The same classes generate the OpenAPI document.
"""

from __future__ import annotations

import unicodedata

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from tenants.models import KINDS

#: messages every request field shares; ``invalid`` is set per type
BASE_MESSAGES = {"required": "必填", "null": "不能为空"}
#: the longest password accepted: enough for any passphrase, short of a hashing workload
MAX_PASSWORD = 1024


def _single_line(value: str) -> None:
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError("不能包含控制字符（如换行、制表符）")


def text(max_length: int, **kwargs) -> fields.String:
    """A one-line text field of at most ``max_length`` characters (its column's size)."""
    return fields.String(
        validate=[validate.Length(max=max_length, error="最多 {max} 个字符"), _single_line],
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
        **kwargs,
    )


class RequestSchema(Schema):
    """Base of request bodies: unknown fields are refused (marshmallow's default), in Chinese."""

    error_messages = {"unknown": "未知字段", "type": "应为 JSON 对象"}


# --- authentication ------------------------------------------------------------------------


class TokenRequestSchema(RequestSchema):
    username = text(64, required=True)
    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(max=MAX_PASSWORD, error="最多 {max} 个字符"),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
    )


class TokenSchema(Schema):
    token = fields.String(metadata={"description": "在 Authorization: Bearer 头中使用"})
    expires_at = fields.DateTime(metadata={"description": "令牌失效时间（UTC）"})


# --- tenants and plugins -------------------------------------------------------------------


class TenantSchema(Schema):
    slug = fields.String()
    name = fields.String()
    kind = fields.String(metadata={"enum": list(KINDS)})
    parent = fields.String(
        attribute="parent.slug",
        allow_none=True,
        dump_default=None,
        metadata={"description": "上级县（区）的标识；县（区）为 null"},
    )


class TenantCreateSchema(RequestSchema):
    slug = text(64, required=True, metadata={"description": "小写字母、数字和连字符"})
    name = text(100, required=True)
    kind = fields.String(
        required=True,
        validate=validate.OneOf(KINDS, error="应为 county（县/区）或 township（乡镇/街道）"),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
    )
    parent = text(
        64,
        allow_none=True,
        load_default=None,
        metadata={"description": "乡镇（街道）所属县（区）的标识"},
    )

    @validates_schema
    def _township_has_parent(self, data: dict, **_kwargs) -> None:
        """Who may create a township depends on its county, so it is needed before anything."""
        if data["kind"] == "township" and not data["parent"]:
            raise ValidationError("乡镇（街道）必须指定所属县（区）", field_name="parent")


class PluginStateSchema(Schema):
    key = fields.String()
    name = fields.String()
    enabled = fields.Boolean()
    source = fields.String(
        metadata={
            "enum": ["own", "county", "default"],
            "description": "own：本单位的选择；county：沿用县（区）的选择；default：插件默认",
        }
    )
    builtin = fields.Boolean()
    status = fields.String(metadata={"enum": ["loaded", "degraded", "failed", "refused"]})


class PluginSelectionSchema(RequestSchema):
    enabled = fields.List(
        text(64),
        required=True,
        error_messages={**BASE_MESSAGES, "invalid": "应为列表"},
        metadata={"description": "启用的插件标识；未列出的插件一律停用"},
    )


# --- villages ------------------------------------------------------------------------------


class VillageSchema(Schema):
    id = fields.Integer()
    code = fields.String(metadata={"description": "12 位统计用区划代码"})
    name = fields.String()
    tenant = fields.String(attribute="tenant.slug", metadata={"description": "所属乡镇的标识"})


class VillageCreateSchema(RequestSchema):
    code = text(12, required=True, metadata={"description": "12 位统计用区划代码"})
    name = text(100, required=True)


# --- errors --------------------------------------------------------------------------------


class ErrorBodySchema(Schema):
    code = fields.String(metadata={"description": "机器可读的错误代码"})
    message = fields.String(metadata={"description": "给办事人员看的中文说明"})
    fields_ = fields.Dict(
        data_key="fields",
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "出错的字段及原因；嵌套字段写作 enabled.0"},
    )


class ErrorSchema(Schema):
    """Every 4xx answer of the API (documentation of ``DomainError.to_dict``)."""

    error = fields.Nested(ErrorBodySchema)
