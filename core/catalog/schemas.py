"""marshmallow schemas of catalog items, for the API and its OpenAPI document."""

from __future__ import annotations

from marshmallow import Schema, fields


class VersionSchema(Schema):
    number = fields.Int(metadata={"description": "版本号"})
    status = fields.Str(metadata={"description": "draft（草稿）或 published（已发布）"})
    published_at = fields.DateTime(allow_none=True)
    digest = fields.Str(metadata={"description": "定义文本的 SHA-256"})


class ItemSummarySchema(Schema):
    key = fields.Str(metadata={"description": "事项标识"})
    name = fields.Str(metadata={"description": "事项名称"})
    domain = fields.Str(metadata={"description": "领域（插件标识或 local）"})
    origin = fields.Str(metadata={"description": "plugin / county / township"})
    version = fields.Int(metadata={"description": "现行版本号"})


class ItemSchema(ItemSummarySchema):
    definition = fields.Dict(metadata={"description": "事项定义（定义格式第 1 版）"})
    steps = fields.List(fields.Dict(), metadata={"description": "展开后的办理环节"})
    versions = fields.List(fields.Nested(VersionSchema))
