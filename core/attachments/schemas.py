"""The reference an upload answers with, for the form's hidden input and API clients."""

from __future__ import annotations

from marshmallow import Schema, fields


class AttachmentReferenceSchema(Schema):
    """``{"id","token","name","content_type","size"}``; the ``attachment`` field type stores
    the first and the last three."""

    id = fields.String(metadata={"description": "附件编号（字符串）"})
    token = fields.String(metadata={"description": "下载地址中使用的随机令牌"})
    name = fields.String(attribute="filename", metadata={"description": "文件名"})
    content_type = fields.String(metadata={"description": "按文件内容识别的类型"})
    size = fields.Integer(metadata={"description": "字节数"})
