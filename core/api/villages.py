"""``/api/v1/t/<slug>/villages``: a tenant's villages (村/社区).

Reads go through the ORM session after :func:`resolve_tenant` has narrowed its scope, so a
village of another tenant is filtered out by the query itself and answers 404 exactly like a
missing one. A county sees the villages of all its townships.
"""

from __future__ import annotations

from flask import jsonify, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core import db
from core.auth.access import require_admin, resolve_tenant
from core.errors import NotFound
from tenants import operations
from tenants.models import Village

from .auth import current_api_user
from .body import parse_body
from .openapi import documented
from .schemas import VillageCreateSchema, VillageSchema

#: the largest id the route accepts: ids are 32-bit integers, and a larger number must be
#: a plain 404 rather than an overflow in the database driver
MAX_ID = 2**31 - 1


@documented("单位的村（社区），按区划代码排序", response=VillageSchema(many=True))
def list_villages(slug: str):
    resolve_tenant(current_api_user(), slug)
    villages = db.session().scalars(
        select(Village).options(joinedload(Village.tenant)).order_by(Village.code)
    )
    return jsonify(VillageSchema(many=True).dump(villages))


@documented(
    "新建村（社区）（乡镇或所属县的管理员）",
    body=VillageCreateSchema,
    response=VillageSchema,
    status=201,
    errors=(403,),
)
def create_village(slug: str):
    user = current_api_user()
    tenant = resolve_tenant(user, slug)
    require_admin(user, tenant)
    data = parse_body(VillageCreateSchema())
    sess = db.session()
    village = operations.create_village(sess, tenant, data["code"], data["name"])
    sess.commit()
    location = url_for("api.get_village", slug=tenant.slug, village_id=village.id)
    return jsonify(VillageSchema().dump(village)), 201, {"Location": location}


@documented("一个村（社区）", response=VillageSchema)
def get_village(slug: str, village_id: int):
    resolve_tenant(current_api_user(), slug)
    village = db.session().scalar(
        select(Village).where(Village.id == village_id).options(joinedload(Village.tenant))
    )
    if village is None:
        raise NotFound("找不到该村（社区），或您无权查看。")
    return jsonify(VillageSchema().dump(village))
