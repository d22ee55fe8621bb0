"""The shapes of ``/api/v1/t/<slug>/reports``: its filters, each report with its handling, one
report with its history and links, and the bodies of the actions on it."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from core.api.schemas import BASE_MESSAGES, RequestSchema, text

from .handling import LINK_KINDS, OPEN
from .models import STATUSES
from .report_models import KIND_LABELS
from .warning_schemas import WarningPersonSchema, writing

FILTER_STATUSES = (*STATUSES, OPEN)
#: what a report page offers, in the order it offers it
ACTIONS = ("assign", "answer", "link", "close", "note")


class ReportFilterSchema(Schema):
    """The query string; parameters it does not know are ignored, as a query string's are."""

    class Meta:
        unknown = EXCLUDE

    status = fields.String(
        load_default=None,
        validate=validate.OneOf(
            FILTER_STATUSES,
            error="应为 received、handling、answered、closed 或 open（待答复：已受理和办理中）",
        ),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
        metadata={"enum": list(FILTER_STATUSES), "description": "不填为全部"},
    )
    village = text(12, load_default=None, metadata={"description": "村的 12 位统计用区划代码"})
    overdue = fields.Boolean(
        load_default=False,
        error_messages={**BASE_MESSAGES, "invalid": "应为 true 或 false"},
        metadata={"description": "只列逾期未答复的"},
    )


class ReportSchema(Schema):
    """A report and where its handling stands. The phone number is masked unless the caller
    is the assigned inspector or a county inspector; null means the report is anonymous."""

    id = fields.Integer()
    tracking_code = fields.String()
    village = fields.String(attribute="village.code", metadata={"description": "村区划代码"})
    village_name = fields.String(attribute="village.name")
    text = fields.String(metadata={"description": "举报内容"})
    phone = fields.String(allow_none=True, metadata={"description": "举报人电话；匿名时为空"})
    photos = fields.Integer(metadata={"description": "照片张数"})
    status = fields.String(
        metadata={
            "enum": list(STATUSES),
            "description": "received 已受理；handling 办理中；answered 已答复；closed 已办结",
        }
    )
    status_label = fields.String()
    created_at = fields.DateTime()
    due_at = fields.DateTime(metadata={"description": "答复期限"})
    overdue = fields.Boolean(metadata={"description": "逾期未答复"})
    assigned_to = fields.Nested(WarningPersonSchema, allow_none=True)
    answer = fields.String(allow_none=True, metadata={"description": "公开答复"})
    answered_at = fields.DateTime(allow_none=True)
    answered_late = fields.Boolean()
    closed_at = fields.DateTime(allow_none=True)


class ReportLinkSchema(Schema):
    kind = fields.String(metadata={"enum": list(LINK_KINDS)})
    id = fields.Integer()
    label = fields.String()


class ReportEventSchema(Schema):
    kind = fields.String(metadata={"enum": list(KIND_LABELS)})
    kind_label = fields.String()
    actor = fields.Nested(WarningPersonSchema, allow_none=True)
    text = fields.String(allow_none=True, metadata={"description": "备注或答复；备注仅内部可见"})
    at = fields.DateTime()


class ReportDetailSchema(ReportSchema):
    """One report with its links, history and what the caller may do to it now."""

    links = fields.List(fields.Nested(ReportLinkSchema))
    events = fields.List(fields.Nested(ReportEventSchema))
    actions = fields.List(
        fields.String(metadata={"enum": list(ACTIONS)}),
        metadata={"description": "调用者现在可以执行的操作"},
    )


class ReportAssignSchema(RequestSchema):
    to_user = text(64, required=True, metadata={"description": "承办人的用户名"})


class ReportTextSchema(RequestSchema):
    text = writing(required=True, metadata={"description": "备注或答复内容"})


class ReportLinkRequestSchema(RequestSchema):
    kind = fields.String(
        required=True,
        validate=validate.OneOf(list(LINK_KINDS), error="应为 case、warning 或 order"),
        error_messages={**BASE_MESSAGES, "invalid": "应为文本"},
        metadata={"enum": list(LINK_KINDS)},
    )
    ref = text(
        40, required=True, metadata={"description": "办件编号或编号数字；预警、督查令的编号"}
    )


class ReportCloseSchema(RequestSchema):
    """Closing takes no fields: ``{}``."""
