"""``GET /api/v1/t/<slug>/warnings``: a tenant's warnings (违规预警), filtered.

Wired in ``core/api/blueprint.py``. A township sees its own warnings, a county those of
itself and its townships; another tenant's slug answers 404 like a missing one.
"""

from __future__ import annotations

from flask import jsonify, request
from marshmallow import ValidationError

from core import db
from core.api.auth import current_api_user
from core.api.body import flatten_messages
from core.api.openapi import documented
from core.auth.access import resolve_tenant, subtree_ids
from core.errors import Invalid

from .models import Warning
from .operations import warnings_of
from .registry import rule_names
from .schemas import WarningFilterSchema, WarningSchema


@documented(
    "违规预警列表，最新的在前；可按 status（open/closed）、severity（blue/yellow/red）、"
    "rule（规则标识）、village（村区划代码）筛选",
    response=WarningSchema(many=True),
    errors=(422,),
)
def list_warnings(slug: str):
    tenant = resolve_tenant(current_api_user(), slug)
    try:
        filters = WarningFilterSchema().load(request.args.to_dict())
    except ValidationError as exc:
        raise Invalid("筛选条件有误。", fields=flatten_messages(exc.messages)) from exc
    found = warnings_of(db.session(), subtree_ids(tenant), **filters)
    names = rule_names()
    return jsonify(WarningSchema(many=True).dump([_shown(w, names) for w in found]))


def _shown(warning: Warning, names: dict[str, str]) -> dict:
    return {
        "id": warning.id,
        "rule": warning.rule,
        "rule_name": names.get(warning.rule, warning.rule),
        "severity": warning.severity,
        "status": warning.status,
        "subject": warning.subject,
        "case": {"id": warning.case.id, "code": warning.case.code} if warning.case else None,
        "village": warning.village.code if warning.village else None,
        "message": warning.message,
        "opened_at": warning.opened_at,
        "closed_at": warning.closed_at,
        "closed_reason": warning.closed_reason,
    }
