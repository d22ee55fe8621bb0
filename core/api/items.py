"""``/api/v1/t/<slug>/items``: the list in force, one item, and its flowchart."""

from __future__ import annotations

from flask import Response, jsonify, request

from core import db, plugins
from core.auth.access import resolve_tenant
from core.catalog import operations as ops
from core.catalog import present
from core.catalog.schemas import ItemSchema, ItemSummarySchema

from .auth import current_api_user
from .openapi import documented


@documented("本单位现行的小微权力清单（可按领域筛选）", response=ItemSummarySchema(many=True))
def list_items(slug: str):
    tenant = resolve_tenant(current_api_user(), slug)
    sess = db.session()
    domain = request.args.get("domain")
    entries = [
        _summary(item, version)
        for item, version in ops.items_in_force(sess, plugins.host(), tenant)
        if not domain or item.domain == domain
    ]
    sess.commit()  # plugin defaults may have been synced
    return jsonify(ItemSummarySchema(many=True).dump(entries))


@documented("一个事项及其办理流程", response=ItemSchema)
def get_item(slug: str, key: str):
    tenant = resolve_tenant(current_api_user(), slug)
    item = ops.visible_item(db.session(), plugins.host(), tenant, key)
    version = _requested_version(item)
    body = {
        **_summary(item, version),
        "definition": ops.definition_of(version),
        "steps": present.steps_of(version, tenant),
        "versions": item.versions,
    }
    return jsonify(ItemSchema().dump(body))


@documented("事项流程图（SVG）")
def get_flowchart(slug: str, key: str):
    tenant = resolve_tenant(current_api_user(), slug)
    sess = db.session()
    item = ops.visible_item(sess, plugins.host(), tenant, key)
    svg = present.flowchart(sess, _requested_version(item), tenant)
    return Response(svg, mimetype="image/svg+xml")


def _requested_version(item):
    number = request.args.get("version", type=int)
    return ops.version(item, number) if number else (item.published or item.draft)


def _summary(item, version) -> dict:
    return {
        "key": item.key,
        "name": version.name,
        "domain": item.domain,
        "origin": item.origin,
        "version": version.number,
    }
