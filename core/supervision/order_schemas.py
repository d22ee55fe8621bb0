"""The shapes of ``/api/v1/t/<slug>/orders`` and ``/ratings``: requests refuse unknown fields,
wrong types and text that could not be stored, in Chinese; responses document each order."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from core.api.schemas import BASE_MESSAGES, RequestSchema
from core.api.schemas import text as one_line

from .order_models import COLOURS, STATUS_LABELS
from .orders import MAX_RESPONSIBLE, MAX_TEXT
from .rating_models import GRADES

MAX_ID = 2**31 - 1


def _long_text(required: bool = True, **kwargs) -> fields.String:
    return fields.String(
        required=required,
        validate=validate.Length(max=MAX_TEXT, error="最多 {max} 个字符"),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
        **kwargs,
    )


def _id(**kwargs) -> fields.Integer:
    return fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=MAX_ID, error="应为有效的编号"),
        error_messages={**BASE_MESSAGES, "invalid": "应为整数"},
        **kwargs,
    )


class PersonSchema(RequestSchema):
    user_id = _id(
        load_default=None, allow_none=True, metadata={"description": "有账号时的用户编号"}
    )
    name = one_line(50, load_default="", metadata={"description": "姓名；无账号时必填"})


class OrderIssueSchema(RequestSchema):
    village = one_line(12, required=True, metadata={"description": "村的 12 位统计用区划代码"})
    colour = fields.String(
        required=True,
        validate=validate.OneOf(COLOURS, error="应为 blue、yellow 或 red"),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
        metadata={"enum": list(COLOURS)},
    )
    failing = _long_text(metadata={"description": "存在的问题"})
    deadline = fields.Date(
        required=True,
        error_messages={**BASE_MESSAGES, "invalid": "应为日期，如 2026-12-31"},
        metadata={"description": "整改期限（含当日）"},
    )
    responsible = fields.List(
        fields.Nested(PersonSchema),
        required=True,
        validate=validate.Length(min=1, max=MAX_RESPONSIBLE, error="应有 1 到 {max} 名责任人"),
        error_messages={**BASE_MESSAGES, "invalid": "应为列表"},
    )
    warnings = fields.List(
        _id(),
        load_default=list,
        validate=validate.Length(max=100, error="最多 {max} 条"),
        error_messages={**BASE_MESSAGES, "invalid": "应为列表"},
        metadata={"description": "依据的预警编号（本村的）"},
    )


class RectificationSubmitSchema(RequestSchema):
    text = _long_text(metadata={"description": "整改情况"})
    attachments = fields.List(
        one_line(64),
        load_default=list,
        validate=validate.Length(max=20, error="最多 {max} 个附件"),
        error_messages={**BASE_MESSAGES, "invalid": "应为列表"},
        metadata={"description": "先用 POST /t/<slug>/attachments 上传所得的附件令牌"},
    )


class AcceptSchema(RequestSchema):
    comment = _long_text(required=False, load_default="", metadata={"description": "验收意见"})


class SendBackSchema(RequestSchema):
    comment = _long_text(metadata={"description": "退回理由（必填）"})


class OrderFilterSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    status = fields.String(
        load_default=None,
        validate=validate.OneOf(list(STATUS_LABELS), error="未知的状态"),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
    )
    village = one_line(12, load_default=None, metadata={"description": "村的 12 位统计用区划代码"})


class RatingFilterSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    period = fields.String(
        load_default=None,
        validate=validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error="应为年月，如 2026-12"),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
    )


class ResponsibleSchema(Schema):
    user_id = fields.Integer(allow_none=True)
    name = fields.String()


class RectificationSchema(Schema):
    id = fields.Integer()
    text = fields.String()
    attachments = fields.List(fields.String(), metadata={"description": "附件令牌"})
    submitted_at = fields.DateTime()
    verdict = fields.String(
        allow_none=True,
        metadata={"description": "accepted：验收通过；sent_back：退回；null：待验收"},
    )
    comment = fields.String(allow_none=True)
    judged_at = fields.DateTime(allow_none=True)


class OrderSchema(Schema):
    id = fields.Integer()
    township = fields.String(metadata={"description": "所属乡镇（街道）的标识"})
    village = fields.String(metadata={"description": "村的区划代码"})
    colour = fields.String(metadata={"enum": list(COLOURS)})
    failing = fields.String()
    deadline = fields.Date()
    responsible = fields.List(fields.Nested(ResponsibleSchema))
    status = fields.String(metadata={"enum": list(STATUS_LABELS)})
    overdue = fields.Boolean(metadata={"description": "是否已逾期升级"})
    warnings = fields.List(fields.Integer(), metadata={"description": "依据的预警编号"})
    issued_at = fields.DateTime()
    accepted_at = fields.DateTime(allow_none=True)
    rectifications = fields.List(fields.Nested(RectificationSchema))


class RatingSchema(Schema):
    township = fields.String()
    village = fields.String(metadata={"description": "村的区划代码"})
    village_name = fields.String()
    period = fields.String(metadata={"description": "年月，如 2026-12"})
    points = fields.Integer()
    grade = fields.String(metadata={"enum": list(GRADES)})
    details = fields.Dict(metadata={"description": "各扣分项：{项目: {count, points}}"})
    computed_at = fields.DateTime()
