"""Reading a JSON request body through a marshmallow schema.

Whatever a client sends — no body, broken JSON, a list instead of an object, wrong types,
unknown fields — ends as a 400 or 422 ``DomainError`` naming each bad field, never as a 500.
"""

from __future__ import annotations

import json

from flask import request
from marshmallow import Schema, ValidationError

from core.errors import DomainError, Invalid


def parse_body(schema: Schema) -> dict:
    """The request's JSON object, loaded by ``schema``."""
    try:
        payload = json.loads(request.get_data())
    except (ValueError, RecursionError) as exc:  # broken JSON or bad UTF-8; absurd nesting
        raise DomainError("请求内容不是合法的 JSON，请检查格式。", code="bad_json") from exc
    if not isinstance(payload, dict):
        raise DomainError('请求内容应为一个 JSON 对象，如 {"name": …}。', code="bad_json")
    try:
        return schema.load(payload)
    except ValidationError as exc:
        raise Invalid(
            "提交的内容有误，请按字段提示修改。", fields=flatten_messages(exc.messages)
        ) from exc


def flatten_messages(messages: dict, prefix: str = "") -> dict[str, str]:
    """marshmallow's nested messages as ``{"field": "原因", "list.0": "原因"}``.

    The same flat shape the operations use in ``DomainError.fields``, so a client reads
    every 422 the same way.
    """
    flat: dict[str, str] = {}
    for key, value in messages.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten_messages(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = "；".join(str(item) for item in value)
        else:
            flat[name] = str(value)
    return flat
