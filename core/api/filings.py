"""``/api/v1/t/<slug>/items`` for the form builder: create and save a township's local item
draft, and move it through filing (备案): submit, withdraw, approve, return, publish.

Who may act is checked before the key and the body are read, so a caller who may not act
gets the same 403 for any key. A key that is not a valid item key answers 404 like a missing
item, before it reaches the database.
"""

from __future__ import annotations

from flask import jsonify, url_for

from core import db
from core.auth.access import resolve_tenant
from core.catalog import operations as catalog
from core.catalog import present
from core.catalog.schemas import ItemSchema
from core.errors import NotFound
from formbuilder.definitions.schemas import ITEM_KEY
from formbuilder.filing import operations as filing_ops
from formbuilder.filing.permissions import require_filer, require_reviewer
from formbuilder.filing.schemas import FilingReturnSchema, FilingSchema, ItemDefinitionBodySchema

from .auth import current_api_user
from .body import parse_body
from .openapi import documented

STATE_ERRORS = (403, 409)


@documented(
    "新建乡镇特色事项草稿（乡镇管理员）",
    body=ItemDefinitionBodySchema,
    response=ItemSchema,
    status=201,
    errors=(403,),
)
def create_item(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    require_filer(user, tenant)
    definition = parse_body(ItemDefinitionBodySchema())
    sess = db.session()
    item = filing_ops.create_local_item(sess, tenant, definition, user)
    sess.commit()
    location = url_for("api.get_item", slug=tenant.slug, key=item.key)
    return _item(tenant, item), 201, {"Location": location}


@documented(
    "保存乡镇特色事项的草稿（审核期间不能修改）",
    body=ItemDefinitionBodySchema,
    response=ItemSchema,
    errors=STATE_ERRORS,
)
def save_item(slug: str, key: str):
    user = current_api_user()
    tenant, item = _local(slug, key, require_filer)
    definition = parse_body(ItemDefinitionBodySchema())
    sess = db.session()
    catalog.save_draft(sess, item, definition, actor_id=user.id)
    sess.commit()
    return _item(tenant, item)


@documented("提交草稿到县（区）备案", response=FilingSchema, errors=STATE_ERRORS)
def submit(slug: str, key: str):
    return _transition(slug, key, require_filer, filing_ops.submit)


@documented("撤回尚未审核的备案", response=FilingSchema, errors=STATE_ERRORS)
def withdraw(slug: str, key: str):
    return _transition(slug, key, require_filer, filing_ops.withdraw)


@documented("通过备案（上级县（区）管理员）", response=FilingSchema, errors=STATE_ERRORS)
def approve(slug: str, key: str):
    return _transition(slug, key, require_reviewer, filing_ops.approve)


@documented(
    "退回备案并写明意见（上级县（区）管理员）",
    body=FilingReturnSchema,
    response=FilingSchema,
    errors=STATE_ERRORS,
)
def return_draft(slug: str, key: str):
    user = current_api_user()
    tenant, item = _local(slug, key, require_reviewer)
    body = parse_body(FilingReturnSchema())
    sess = db.session()
    filing = filing_ops.return_draft(sess, tenant, item, user, body["comment"])
    sess.commit()
    return jsonify(FilingSchema().dump(filing))


@documented(
    "发布已通过备案的草稿，各村可按新版本发起办件", response=FilingSchema, errors=STATE_ERRORS
)
def publish(slug: str, key: str):
    def act(sess, tenant, item, user):
        filing_ops.publish(sess, tenant, item, user)
        return filing_ops.filings_of(sess, item)[0]

    return _transition(slug, key, require_filer, act)


def _transition(slug: str, key: str, permission, action):
    user = current_api_user()
    tenant, item = _local(slug, key, permission)
    sess = db.session()
    filing = action(sess, tenant, item, user)
    sess.commit()
    return jsonify(FilingSchema().dump(filing))


def _local(slug: str, key: str, permission):
    """The tenant and its local item ``key``, once ``permission`` allows the caller."""
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    permission(user, tenant)  # first: a refused caller learns nothing of the key
    if not ITEM_KEY.regex.match(key):
        raise NotFound("找不到该事项。")
    return tenant, filing_ops.local_item(db.session(), tenant, key)


def _item(tenant, item):
    version = item.draft or item.published
    body = {
        "key": item.key,
        "name": version.name,
        "domain": item.domain,
        "origin": item.origin,
        "version": version.number,
        "definition": catalog.definition_of(version),
        "steps": present.steps_of(version, tenant),
        "versions": item.versions,
    }
    return jsonify(ItemSchema().dump(body))
