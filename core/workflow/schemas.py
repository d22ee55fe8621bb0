"""marshmallow schemas of cases: request bodies and the case as JSON (DESIGN §6)."""

from __future__ import annotations

from marshmallow import Schema, fields

from core.api.schemas import BASE_MESSAGES, RequestSchema, text


def _object(**kwargs) -> fields.Dict:
    return fields.Dict(error_messages={**BASE_MESSAGES, "invalid": "应为 JSON 对象"}, **kwargs)


class OnBehalfSchema(RequestSchema):
    """代办: the villager a clerk files for."""

    name = text(50, required=True)
    id_number = text(18, load_default=None)


class CaseStartSchema(RequestSchema):
    item = text(100, required=True, metadata={"description": "事项标识"})
    village = text(12, required=True, metadata={"description": "村代码（12 位）"})
    title = text(200, load_default="")
    data = _object(load_default=dict, metadata={"description": "第一个环节的填写内容（可选）"})
    on_behalf_of = fields.Nested(OnBehalfSchema, load_default=None)


class StepCompleteSchema(RequestSchema):
    data = _object(load_default=dict, metadata={"description": "本环节的填写内容"})
    on_behalf_of = fields.Nested(OnBehalfSchema, load_default=None)


class ReasonSchema(RequestSchema):
    reason = text(500, required=True)


class ReturnSchema(ReasonSchema):
    to_step = text(120, required=True, metadata={"description": "退回到的环节标识"})


class TransferSchema(RequestSchema):
    to_user = text(64, required=True, metadata={"description": "接办人的用户名"})


class StepRunSchema(Schema):
    key = fields.Str(attribute="step_key")
    name = fields.Str()
    status = fields.Str()
    actor = fields.Str(allow_none=True)
    due_at = fields.DateTime(allow_none=True)
    completed_at = fields.DateTime(allow_none=True)


class CaseSchema(Schema):
    id = fields.Int()
    code = fields.Str()
    title = fields.Str()
    status = fields.Str()
    item = fields.Str()
    version = fields.Int()
    village = fields.Str()
    active_steps = fields.List(fields.Str())
    steps = fields.List(fields.Nested(StepRunSchema))
    data = fields.Dict()
    lock_version = fields.Int(metadata={"description": "乐观锁版本号"})
