"""``/api/v1/t/<slug>/reports``: the villagers' reports in the caller's reach, one report with
its history and links, and the inspectors' actions on it, one URL each.

Wired in ``core/api/blueprint.py``. Reach is :func:`handling.reach_of`: a village supervisor
lists their own village's reports only, and another village's report answers 404 exactly as
a missing one does.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import jsonify, request
from marshmallow import Schema, ValidationError

from core import db
from core.api.auth import current_api_user
from core.api.body import flatten_messages, parse_body
from core.api.openapi import documented
from core.auth.access import resolve_tenant
from core.auth.models import User
from core.errors import Forbidden, Invalid

from . import handling as ops
from . import report_access as access
from .models import Complaint
from .report_schemas import (
    ReportAssignSchema,
    ReportCloseSchema,
    ReportDetailSchema,
    ReportFilterSchema,
    ReportLinkRequestSchema,
    ReportSchema,
    ReportTextSchema,
)

MAX_ID = ops.MAX_ID
ACTION_ERRORS = (403, 409)


@documented(
    "村民举报列表（仅限调用者监督范围内的），答复期限最近的在前；可按 status、village（村区划"
    "代码）、overdue（逾期未答复）筛选",
    response=ReportSchema(many=True),
    errors=(403, 422),
)
def list_reports(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    try:
        filters = ReportFilterSchema().load(request.args.to_dict())
    except ValidationError as exc:
        raise Invalid("筛选条件有误。", fields=flatten_messages(exc.messages)) from exc
    reach = access.reach_of(user, tenant)
    if not reach:
        raise Forbidden("只有纪检监察人员和村务监督委员会可以查看村民举报。")
    found = ops.queue(db.session(), reach, **filters)
    return jsonify(ReportSchema(many=True).dump([shown(c, user) for c in found]))


@documented(
    "一件举报：办理情况、关联、办理记录和调用者现在可以执行的操作", response=ReportDetailSchema
)
def get_report(slug: str, report_id: int):
    user = current_api_user()
    sess = db.session()
    found = ops.report_in_reach(sess, access.reach_of(user, resolve_tenant(user, slug)), report_id)
    return _detail(sess, found, user)


@documented(
    "指派举报给能办理它的纪检监察人员",
    body=ReportAssignSchema,
    response=ReportDetailSchema,
    errors=ACTION_ERRORS,
)
def assign_report(slug: str, report_id: int):
    return _act(
        slug, report_id, ReportAssignSchema, lambda s, c, u, b: ops.assign(s, c, u, b["to_user"])
    )


@documented(
    "内部备注（不对外公开）",
    body=ReportTextSchema,
    response=ReportDetailSchema,
    errors=ACTION_ERRORS,
)
def note_report(slug: str, report_id: int):
    return _act(
        slug,
        report_id,
        ReportTextSchema,
        lambda s, c, u, b: ops.note(s, c, u, b["text"]),
        may=lambda user, complaint: bool(access.levels_over(user, complaint)),
    )


@documented(
    "公开答复（举报人凭跟踪码可见，附答复日期）",
    body=ReportTextSchema,
    response=ReportDetailSchema,
    errors=ACTION_ERRORS,
)
def answer_report(slug: str, report_id: int):
    return _act(
        slug, report_id, ReportTextSchema, lambda s, c, u, b: ops.answer(s, c, u, b["text"])
    )


@documented(
    "关联本乡镇的办件、预警或督查令",
    body=ReportLinkRequestSchema,
    response=ReportDetailSchema,
    errors=ACTION_ERRORS,
)
def link_report(slug: str, report_id: int):
    return _act(
        slug,
        report_id,
        ReportLinkRequestSchema,
        lambda s, c, u, b: ops.link(s, c, u, b["kind"], b["ref"]),
    )


@documented(
    "办结已答复的举报", body=ReportCloseSchema, response=ReportDetailSchema, errors=ACTION_ERRORS
)
def close_report(slug: str, report_id: int):
    return _act(slug, report_id, ReportCloseSchema, lambda s, c, u, b: ops.close(s, c, u))


def shown(complaint: Complaint, user: User) -> dict:
    """A report as :class:`ReportSchema` dumps it, the phone as ``user`` may read it."""
    return {
        "id": complaint.id,
        "tracking_code": complaint.tracking_code,
        "village": complaint.village,
        "text": complaint.text,
        "phone": access.reporter_phone(user, complaint),
        "photos": len(complaint.photo_ids or []),
        "status": complaint.status,
        "status_label": complaint.status_label,
        "created_at": complaint.created_at,
        "due_at": complaint.due_at,
        "overdue": ops.is_overdue(complaint),
        "assigned_to": complaint.assigned_to,
        "answer": complaint.answer,
        "answered_at": complaint.answered_at,
        "answered_late": ops.answered_late(complaint),
        "closed_at": complaint.closed_at,
    }


def _act(
    slug: str, report_id: int, body: type[Schema], action: Callable, may: Callable = access.handles
):
    """Find the report in the caller's reach, read the body, act, and answer the report.

    Whoever ``may`` not take the action at all (the village committee for all but notes, the
    platform operator) is refused before the body is read, as the pages refuse them."""
    user = current_api_user()
    sess = db.session()
    found = ops.report_in_reach(sess, access.reach_of(user, resolve_tenant(user, slug)), report_id)
    if not may(user, found):
        raise Forbidden("只有乡镇或县（区）纪检监察人员可以办理举报。")
    action(sess, found, user, parse_body(body()))
    sess.commit()
    return _detail(sess, found, user)


def _detail(sess, complaint: Complaint, user: User):
    events = ops.history(sess, complaint)
    found = {
        **shown(complaint, user),
        "links": ops.links(events),
        "events": events,
        "actions": sorted(ops.allowed_actions(user, complaint)),
    }
    return jsonify(ReportDetailSchema().dump(found))
