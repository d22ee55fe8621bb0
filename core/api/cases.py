"""``/api/v1/t/<slug>/cases``: start cases, read them, and act on their steps."""

from __future__ import annotations

from flask import jsonify, request, url_for
from sqlalchemy import select

from core import db, plugins
from core.auth.access import is_admin_of, resolve_tenant
from core.auth.models import User
from core.errors import Invalid
from core.workflow import cases, engine
from core.workflow.present import case_json
from core.workflow.schemas import (
    CaseSchema,
    CaseStartSchema,
    ReasonSchema,
    ReturnSchema,
    StepCompleteSchema,
    TransferSchema,
)
from core.workflow.transactions import case_change, once
from tenants.operations import village_by_code

from .auth import current_api_user
from .body import parse_body
from .openapi import documented

MAX_ID = 2**31 - 1


@documented(
    "发起办件（可同时完成第一个环节）",
    body=CaseStartSchema,
    response=CaseSchema,
    status=201,
    errors=(403, 409, 422),
)
def start_case(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    body = parse_body(CaseStartSchema())
    sess = db.session()
    village = village_by_code(sess, tenant, body["village"])
    with case_change(sess):
        case = cases.start_case(
            sess,
            plugins.host(),
            tenant,
            village,
            body["item"],
            user,
            title=body["title"],
            data=body["data"],
            on_behalf_of=body["on_behalf_of"],
        )
    location = url_for("api.get_case", slug=tenant.slug, case_id=case.id)
    return _case(cases.case_by_id(sess, case.id)), 201, {"Location": location}


@documented("一个办件：状态、当前环节、各环节办理情况和数据", response=CaseSchema)
def get_case(slug: str, case_id: int):
    resolve_tenant(current_api_user(), slug)
    return _case(cases.case_by_id(db.session(), case_id))


@documented(
    "办理当前环节（会议、会签、审批、公示按其规则检查）；可带 Idempotency-Key 请求头",
    body=StepCompleteSchema,
    response=CaseSchema,
    errors=(403, 409, 422),
)
def complete_step(slug: str, case_id: int, step_key: str):
    user = current_api_user()
    resolve_tenant(user, slug)
    body = parse_body(StepCompleteSchema())
    sess = db.session()
    case = cases.case_by_id(sess, case_id)
    with case_change(sess):
        once(
            sess,
            case.tenant_id,
            request.headers.get("Idempotency-Key"),
            case.id,
            lambda: engine.complete_step(
                sess, case, step_key, user, body["data"], on_behalf_of=body["on_behalf_of"]
            ),
        )
    return _case(cases.case_by_id(sess, case_id))


@documented("退回到已办理过的环节", body=ReturnSchema, response=CaseSchema, errors=(403, 409, 422))
def return_case(slug: str, case_id: int):
    user = current_api_user()
    resolve_tenant(user, slug)
    body = parse_body(ReturnSchema())
    sess = db.session()
    case = cases.case_by_id(sess, case_id)
    with case_change(sess):
        engine.return_case(sess, case, body["to_step"], user, body["reason"])
    return _case(cases.case_by_id(sess, case_id))


@documented(
    "撤销办件（发起人或乡镇管理员）", body=ReasonSchema, response=CaseSchema, errors=(403, 409, 422)
)
def withdraw_case(slug: str, case_id: int):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    body = parse_body(ReasonSchema())
    sess = db.session()
    case = cases.case_by_id(sess, case_id)
    with case_change(sess):
        engine.withdraw_case(sess, case, user, body["reason"], is_admin=is_admin_of(user, tenant))
    return _case(cases.case_by_id(sess, case_id))


@documented(
    "转办当前环节给同一角色的其他人",
    body=TransferSchema,
    response=CaseSchema,
    errors=(403, 409, 422),
)
def transfer_step(slug: str, case_id: int, step_key: str):
    user = current_api_user()
    resolve_tenant(user, slug)
    body = parse_body(TransferSchema())
    sess = db.session()
    case = cases.case_by_id(sess, case_id)
    with db.system_scope(sess):
        to_user = sess.scalar(select(User).where(User.username == body["to_user"]))
    if to_user is None:
        raise Invalid("找不到接办人。", fields={"to_user": "未知用户"})
    with case_change(sess):
        engine.transfer_step(sess, case, step_key, user, to_user)
    return _case(cases.case_by_id(sess, case_id))


def _case(case):
    return jsonify(CaseSchema().dump(case_json(db.session(), case)))
