"""``/api/v1/t/<slug>/warnings``: the warnings in the caller's reach, one warning with its
history, and the supervisors' actions on it, one URL each.

Wired in ``core/api/blueprint.py``. Reach is :func:`warnings.reach_of`: a village supervisor
lists and acts on their village's warnings only, and another village's warning answers 404
exactly as a missing one does.
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
from core.rules.models import Warning
from core.rules.registry import rule_names

from . import warnings as ops
from .warning_schemas import (
    WarningAssignSchema,
    WarningCommentSchema,
    WarningDetailSchema,
    WarningFilterSchema,
    WarningReasonSchema,
    WarningReviewSchema,
    WarningSchema,
)

MAX_ID = 2**31 - 1
ACTION_ERRORS = (403, 409)


@documented(
    "违规预警列表（仅限调用者监督范围内的），最新的在前；可按 status、severity（blue/yellow/red）、"
    "rule（规则标识）、village（村区划代码）、domain（领域）、age（至少开启天数）筛选",
    response=WarningSchema(many=True),
    errors=(403, 422),
)
def list_warnings(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    try:
        filters = WarningFilterSchema().load(request.args.to_dict())
    except ValidationError as exc:
        raise Invalid("筛选条件有误。", fields=flatten_messages(exc.messages)) from exc
    found = ops.inbox(db.session(), _reach(user, tenant), **filters)
    names = rule_names()
    return jsonify(WarningSchema(many=True).dump([shown(w, names) for w in found]))


@documented("一条预警：处理情况、处理记录和调用者现在可以执行的操作", response=WarningDetailSchema)
def get_warning(slug: str, warning_id: int):
    user = current_api_user()
    sess = db.session()
    warning = ops.warning_in_reach(sess, ops.reach_of(user, resolve_tenant(user, slug)), warning_id)
    return _detail(sess, warning, user)


@documented("签收预警（待处理 → 处理中）", response=WarningDetailSchema, errors=ACTION_ERRORS)
def acknowledge_warning(slug: str, warning_id: int):
    return _act(slug, warning_id, None, lambda sess, w, user, _body: ops.acknowledge(sess, w, user))


@documented(
    "指派预警给能办理它的监督人员",
    body=WarningAssignSchema,
    response=WarningDetailSchema,
    errors=ACTION_ERRORS,
)
def assign_warning(slug: str, warning_id: int):
    return _act(
        slug,
        warning_id,
        WarningAssignSchema,
        lambda sess, w, user, b: ops.assign(sess, w, user, b["to_user"]),
    )


@documented(
    "备注预警", body=WarningCommentSchema, response=WarningDetailSchema, errors=ACTION_ERRORS
)
def comment_warning(slug: str, warning_id: int):
    return _act(
        slug,
        warning_id,
        WarningCommentSchema,
        lambda sess, w, user, b: ops.comment(sess, w, user, b["text"]),
    )


@documented(
    "预警处理完毕（须写明处理结果）",
    body=WarningReasonSchema,
    response=WarningDetailSchema,
    errors=ACTION_ERRORS,
)
def resolve_warning(slug: str, warning_id: int):
    return _act(
        slug,
        warning_id,
        WarningReasonSchema,
        lambda sess, w, user, b: ops.resolve(sess, w, user, b["reason"]),
    )


@documented(
    "排除预警（须写明理由；由上一级复核）",
    body=WarningReasonSchema,
    response=WarningDetailSchema,
    errors=ACTION_ERRORS,
)
def dismiss_warning(slug: str, warning_id: int):
    return _act(
        slug,
        warning_id,
        WarningReasonSchema,
        lambda sess, w, user, b: ops.dismiss(sess, w, user, b["reason"]),
    )


@documented(
    "复核排除决定：uphold 维持，reopen 重新打开（须写明理由）",
    body=WarningReviewSchema,
    response=WarningDetailSchema,
    errors=ACTION_ERRORS,
)
def review_warning(slug: str, warning_id: int):
    return _act(
        slug,
        warning_id,
        WarningReviewSchema,
        lambda sess, w, user, b: ops.review(sess, w, user, b["decision"], b["comment"]),
    )


def shown(warning: Warning, names: dict[str, str]) -> dict:
    """A warning as :class:`WarningSchema` dumps it."""
    return {
        "id": warning.id,
        "rule": warning.rule,
        "rule_name": names.get(warning.rule, warning.rule),
        "severity": warning.severity,
        "status": warning.status,
        "status_label": warning.status_label,
        "subject": warning.subject,
        "case": {"id": warning.case.id, "code": warning.case.code} if warning.case else None,
        "village": warning.village.code if warning.village else None,
        "message": warning.message,
        "opened_at": warning.opened_at,
        "closed_at": warning.closed_at,
        "closed_reason": warning.closed_reason,
        "assigned_to": warning.assigned_to,
        "escalated_at": warning.escalated_at,
        "decided_by": warning.decided_by,
        "decided_at": warning.decided_at,
        "decision_reason": warning.decision_reason,
        "review_level": warning.review_level,
    }


def _reach(user: User, tenant) -> ops.Reach:
    """The caller's reach for the list; one warning outside it is simply not found."""
    reach = ops.reach_of(user, tenant)
    if not reach:
        raise Forbidden("只有村务监督委员会、纪检监察人员和管理员可以查看预警。")
    return reach


def _act(slug: str, warning_id: int, body: type[Schema] | None, action: Callable):
    """Find the warning in the caller's reach, read the body, act, and answer the warning.

    Someone who may see the warning but act on it at no level (an admin) is refused before
    the body is read, as the pages refuse them."""
    user = current_api_user()
    sess = db.session()
    warning = ops.warning_in_reach(sess, ops.reach_of(user, resolve_tenant(user, slug)), warning_id)
    if not ops.levels_over(user, warning):
        raise Forbidden("只有村务监督委员会和纪检监察人员可以办理预警。")
    action(sess, warning, user, parse_body(body()) if body else {})
    sess.commit()
    return _detail(sess, warning, user)


def _detail(sess, warning: Warning, user: User):
    found = {
        **shown(warning, rule_names()),
        "events": ops.history(sess, warning),
        "actions": sorted(ops.allowed_actions(user, warning)),
    }
    return jsonify(WarningDetailSchema().dump(found))
