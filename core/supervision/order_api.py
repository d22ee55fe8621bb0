"""``/api/v1/t/<slug>/orders`` and ``/ratings``: supervision orders and village ratings.

Wired in ``core/api/blueprint.py``. The same operations as the pages: an order of a village
the caller may not reach answers 404 exactly like a missing one.
"""

from __future__ import annotations

from flask import jsonify, request, url_for
from marshmallow import Schema, ValidationError
from sqlalchemy import select

from core import db
from core.api.auth import current_api_user
from core.api.body import flatten_messages, parse_body
from core.api.openapi import documented
from core.attachments.models import Attachment
from core.auth.access import resolve_tenant, subtree_ids
from core.db import utcnow
from core.errors import Invalid
from tenants.models import Tenant, Village
from tenants.operations import village_by_code

from . import orders as ops
from .order_access import reached_villages
from .order_models import SupervisionOrder
from .order_schemas import (
    AcceptSchema,
    OrderFilterSchema,
    OrderIssueSchema,
    OrderSchema,
    RatingFilterSchema,
    RatingSchema,
    RectificationSubmitSchema,
    SendBackSchema,
)
from .ratings import Month, ratings_of


def _filters(schema: Schema) -> dict:
    try:
        return schema.load(request.args.to_dict())
    except ValidationError as exc:
        raise Invalid("筛选条件有误。", fields=flatten_messages(exc.messages)) from exc


@documented(
    "督查令列表，最新的在前；可按 status、village（村区划代码）筛选。村级人员只看到本村的",
    response=OrderSchema(many=True),
    errors=(422,),
)
def list_orders(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    filters = _filters(OrderFilterSchema())
    sess = db.session()
    village_id = None
    if filters["village"]:
        village_id = sess.scalar(
            select(Village.id).where(
                Village.tenant_id.in_(subtree_ids(tenant)), Village.code == filters["village"]
            )
        )
        village_id = village_id or 0  # an unknown village has no orders
    found = ops.orders_of(
        sess, user, subtree_ids(tenant), tenant, status=filters["status"], village_id=village_id
    )
    return jsonify(OrderSchema(many=True).dump([_shown(sess, o) for o in found]))


@documented(
    "下发督查令（乡镇或县纪委监察人员），可依据本村的一条或多条预警",
    body=OrderIssueSchema,
    response=OrderSchema,
    status=201,
    errors=(403,),
)
def issue_order(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    ops.require_issuer(user, tenant)  # who may, before what they sent
    body = parse_body(OrderIssueSchema())
    sess = db.session()
    for person in body["responsible"]:
        if person["user_id"] is None and not person["name"].strip():
            raise Invalid("无账号的责任人请填写姓名。", fields={"responsible": "缺少姓名"})
    village = village_by_code(sess, tenant, body["village"])
    order = ops.issue(
        sess,
        tenant,
        user,
        village=village,
        colour=body["colour"],
        failing=body["failing"],
        deadline=body["deadline"],
        responsible=body["responsible"],
        warning_ids=body["warnings"],
    )
    sess.commit()
    location = url_for("api.get_order", slug=tenant.slug, order_id=order.id)
    return jsonify(OrderSchema().dump(_shown(sess, order))), 201, {"Location": location}


@documented("一份督查令：内容、状态和各次整改", response=OrderSchema)
def get_order(slug: str, order_id: int):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    sess = db.session()
    return jsonify(OrderSchema().dump(_shown(sess, ops.order_for(sess, user, tenant, order_id))))


@documented(
    "提交整改情况（本村党组织书记或村委会主任）",
    body=RectificationSubmitSchema,
    response=OrderSchema,
    errors=(403, 409),
)
def submit_rectification(slug: str, order_id: int):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    sess = db.session()
    order = ops.order_for(sess, user, tenant, order_id)
    ops.require_rectifier(user, order)
    body = parse_body(RectificationSubmitSchema())
    ops.submit(sess, tenant, user, order, text=body["text"], attachment_tokens=body["attachments"])
    sess.commit()
    return jsonify(OrderSchema().dump(_shown(sess, order)))


@documented(
    "验收通过整改（纪委监察人员）", body=AcceptSchema, response=OrderSchema, errors=(403, 409)
)
def accept_order(slug: str, order_id: int):
    return _judge(slug, order_id, AcceptSchema(), ops.accept)


@documented(
    "退回整改，须写明理由（纪委监察人员）",
    body=SendBackSchema,
    response=OrderSchema,
    errors=(403, 409),
)
def send_back_order(slug: str, order_id: int):
    return _judge(slug, order_id, SendBackSchema(), ops.send_back)


@documented(
    "村级政治生态评级，差的在前；period 为年月（默认本月）。村级人员只看到本村的",
    response=RatingSchema(many=True),
    errors=(422,),
)
def list_ratings(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    period = _filters(RatingFilterSchema())["period"] or Month.of(tenant, utcnow()).key
    sess = db.session()
    slugs = dict(
        sess.execute(select(Tenant.id, Tenant.slug).where(Tenant.id.in_(subtree_ids(tenant)))).all()
    )
    rows = ratings_of(sess, subtree_ids(tenant), period, reached_villages(user, tenant))
    return jsonify(
        RatingSchema(many=True).dump(
            [
                {
                    "township": slugs[r.tenant_id],
                    "village": r.village.code,
                    "village_name": r.village.name,
                    "period": r.period,
                    "points": r.points,
                    "grade": r.grade,
                    "details": r.details,
                    "computed_at": r.computed_at,
                }
                for r in rows
            ]
        )
    )


def _judge(slug: str, order_id: int, schema: Schema, action):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    sess = db.session()
    order = ops.order_for(sess, user, tenant, order_id)
    ops.require_judge(user, tenant)
    body = parse_body(schema)
    action(sess, tenant, user, order, body["comment"])
    sess.commit()
    return jsonify(OrderSchema().dump(_shown(sess, order)))


def _shown(sess, order: SupervisionOrder) -> dict:
    tokens = dict(
        sess.execute(
            select(Attachment.id, Attachment.token).where(
                Attachment.id.in_([i for r in order.rectifications for i in r.attachment_ids])
            )
        ).all()
    )
    township = sess.scalar(select(Tenant.slug).where(Tenant.id == order.tenant_id))
    return {
        "id": order.id,
        "township": township,
        "village": order.village.code,
        "colour": order.colour,
        "failing": order.failing,
        "deadline": order.deadline,
        "responsible": order.responsible,
        "status": order.status,
        "overdue": order.overdue_at is not None,
        "warnings": [link.warning_id for link in order.links],
        "issued_at": order.issued_at,
        "accepted_at": order.accepted_at,
        "rectifications": [
            {
                "id": r.id,
                "text": r.text,
                "attachments": [tokens[i] for i in r.attachment_ids if i in tokens],
                "submitted_at": r.submitted_at,
                "verdict": r.verdict,
                "comment": r.comment,
                "judged_at": r.judged_at,
            }
            for r in order.rectifications
        ],
    }
