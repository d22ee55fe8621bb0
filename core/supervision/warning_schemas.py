"""The shapes of ``/api/v1/t/<slug>/warnings``: its filters, each warning with its handling,
one warning with its history, and the bodies of the actions on it."""

from __future__ import annotations

import unicodedata

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from core.api.schemas import BASE_MESSAGES, RequestSchema, text
from core.rules import schemas as rule_schemas
from core.rules.models import SEVERITIES, STATUSES

from .warning_models import KIND_LABELS
from .warnings import ACTIVE, AWAITING_REVIEW, MAX_TEXT

FILTER_STATUSES = (*STATUSES, ACTIVE, AWAITING_REVIEW)
#: what a warning page offers, in the order it offers it
ACTIONS = ("acknowledge", "assign", "comment", "resolve", "dismiss", "review")
#: the longest age filter, in days: ten years
MAX_AGE = 3650


def _writable(value: str) -> None:
    """Line breaks and tabs are fine in a comment; other control characters and lone
    surrogates cannot be stored."""
    if any(unicodedata.category(char) in ("Cc", "Cs") and char not in "\n\r\t" for char in value):
        raise ValidationError("不能包含控制字符")


def writing(*, required: bool = False, **kwargs) -> fields.String:
    """A person's text (a comment, a reason): several lines, at most :data:`MAX_TEXT`."""
    return fields.String(
        required=required,
        validate=[validate.Length(max=MAX_TEXT, error="最多 {max} 个字符"), _writable],
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
        **kwargs,
    )


class WarningFilterSchema(Schema):
    """The query string; parameters it does not know are ignored, as a query string's are."""

    class Meta:
        unknown = EXCLUDE

    status = fields.String(
        load_default=None,
        validate=validate.OneOf(
            FILTER_STATUSES,
            error="应为 open、acknowledged、resolved、dismissed、closed、active（待处理和处理中）"
            "或 review（待复核的排除）",
        ),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
        metadata={"enum": list(FILTER_STATUSES)},
    )
    severity = fields.String(
        load_default=None,
        validate=validate.OneOf(SEVERITIES, error="应为 blue、yellow 或 red"),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
    )
    rule = text(100, load_default=None, metadata={"description": "规则标识，如 overdue_step"})
    village = text(12, load_default=None, metadata={"description": "村的 12 位统计用区划代码"})
    domain = text(64, load_default=None, metadata={"description": "领域标识，如 procurement"})
    age = fields.Integer(
        load_default=None,
        strict=False,
        validate=validate.Range(min=1, max=MAX_AGE, error="应为 1 到 {max} 之间的天数"),
        error_messages={**BASE_MESSAGES, "invalid": "应为整数天数"},
        metadata={"description": "至少已开启的天数"},
    )


class WarningPersonSchema(Schema):
    id = fields.Integer()
    username = fields.String()
    name = fields.String(attribute="label", metadata={"description": "姓名或用户名"})


class WarningSchema(rule_schemas.WarningSchema):
    """A warning and where its handling stands."""

    status = fields.String(
        metadata={
            "enum": list(STATUSES),
            "description": "open 待处理；acknowledged 处理中；resolved 已处理；"
            "dismissed 已排除；closed 系统已解除",
        }
    )
    status_label = fields.String(metadata={"description": "状态的中文名称"})
    assigned_to = fields.Nested(
        WarningPersonSchema, allow_none=True, metadata={"description": "承办人"}
    )
    escalated_at = fields.DateTime(
        allow_none=True, metadata={"description": "逾期未处理、由黄色升级为红色的时间"}
    )
    decided_by = fields.Nested(
        WarningPersonSchema, allow_none=True, metadata={"description": "处理或排除的人"}
    )
    decided_at = fields.DateTime(allow_none=True)
    decision_reason = fields.String(allow_none=True, metadata={"description": "处理结果或排除理由"})
    review_level = fields.String(
        allow_none=True,
        metadata={
            "enum": ["township", "county", None],
            "description": "排除决定待哪一级复核：township 乡镇，county 县；无待复核时为空",
        },
    )


class WarningEventSchema(Schema):
    kind = fields.String(metadata={"enum": list(KIND_LABELS)})
    kind_label = fields.String()
    actor = fields.Nested(
        WarningPersonSchema, allow_none=True, metadata={"description": "空为系统"}
    )
    text = fields.String(allow_none=True)
    at = fields.DateTime()


class WarningDetailSchema(WarningSchema):
    """One warning with its history and what the caller may do to it now."""

    events = fields.List(fields.Nested(WarningEventSchema))
    actions = fields.List(
        fields.String(metadata={"enum": list(ACTIONS)}),
        metadata={"description": "调用者现在可以执行的操作"},
    )


class WarningAssignSchema(RequestSchema):
    to_user = text(64, required=True, metadata={"description": "承办人的用户名"})


class WarningCommentSchema(RequestSchema):
    text = writing(required=True)


class WarningReasonSchema(RequestSchema):
    reason = writing(required=True, metadata={"description": "处理结果或排除理由"})


class WarningReviewSchema(RequestSchema):
    decision = fields.String(
        required=True,
        validate=validate.OneOf(
            ("uphold", "reopen"), error="应为 uphold（维持）或 reopen（重新打开）"
        ),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
    )
    comment = writing(load_default=None, metadata={"description": "复核意见；重新打开时必填"})
