"""``/api/v1/tenants``: the tenants a caller may see, new tenants, and plugin activation."""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core import db, plugins
from core.auth.access import require_county_admin, resolve_tenant, visible_tenant_ids
from core.errors import Forbidden
from tenants import operations
from tenants.models import Tenant

from .auth import current_api_user
from .body import parse_body
from .openapi import documented
from .schemas import PluginSelectionSchema, PluginStateSchema, TenantCreateSchema, TenantSchema


@documented("我能查看的单位：县（区）管理员看到本县及其乡镇", response=TenantSchema(many=True))
def list_tenants():
    ids = visible_tenant_ids(current_api_user())
    tenants = db.session().scalars(
        select(Tenant)
        .where(Tenant.id.in_(ids))
        .options(joinedload(Tenant.parent))
        .order_by(Tenant.slug)
    )
    return jsonify(TenantSchema(many=True).dump(tenants))


@documented(
    "新建县（区，平台管理员）或乡镇（街道，所属县的管理员）",
    body=TenantCreateSchema,
    response=TenantSchema,
    status=201,
    errors=(403, 404),
)
def create_tenant():
    data = parse_body(TenantCreateSchema())
    user = current_api_user()
    parent = resolve_tenant(user, data["parent"]) if data["parent"] else None
    if data["kind"] == "township":
        require_county_admin(user, parent)
    elif not user.superuser:
        raise Forbidden("只有平台管理员可以新建县（区）。")
    sess = db.session()
    tenant = operations.create_tenant(sess, data["slug"], data["name"], data["kind"], parent)
    sess.commit()
    return jsonify(TenantSchema().dump(tenant)), 201


@documented("单位的插件及其启用状态与来源", response=PluginStateSchema(many=True))
def plugin_states(slug: str):
    tenant = resolve_tenant(current_api_user(), slug)
    states = operations.plugin_states(db.session(), plugins.host(), tenant)
    return jsonify(PluginStateSchema(many=True).dump(states))


@documented(
    "设定单位启用的插件（县（区）管理员）",
    body=PluginSelectionSchema,
    response=PluginStateSchema(many=True),
    errors=(403,),
)
def set_plugins(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    require_county_admin(user, tenant)
    data = parse_body(PluginSelectionSchema())
    sess = db.session()
    states = operations.set_enabled_plugins(sess, plugins.host(), tenant, data["enabled"])
    sess.commit()
    return jsonify(PluginStateSchema(many=True).dump(states))


@documented(
    "乡镇（街道）恢复沿用县（区）的插件设置（县（区）管理员）",
    response=PluginStateSchema(many=True),
    errors=(403, 422),
)
def inherit_plugins(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    require_county_admin(user, tenant)
    sess = db.session()
    states = operations.inherit_plugins(sess, plugins.host(), tenant)
    sess.commit()
    return jsonify(PluginStateSchema(many=True).dump(states))
