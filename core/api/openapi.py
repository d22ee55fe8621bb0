"""``GET /api/v1/openapi.json``: the OpenAPI 3 document, built from the routes themselves.

Every rule under ``/api/v1`` in the app's URL map becomes a path, so a new route — a
plugin's included — cannot be missing from the document. Its view's :func:`documented`
metadata names the marshmallow schemas of its body and response — the same classes that
parse and dump — so the document cannot drift from the code. The same metadata says which
operations need no token, for the authentication hook and the document alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, current_app, jsonify
from marshmallow import Schema

from . import URL_PREFIX
from .schemas import ErrorSchema

#: ``<converter(args):name>`` in a werkzeug rule
RULE_ARGUMENT = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
SECURITY_SCHEME = "bearerAuth"
ERROR_DESCRIPTIONS = {
    400: "请求内容不是合法的 JSON 对象",
    401: "身份验证未通过：令牌缺失、无效或已过期；换取令牌时为用户名或密码不正确",
    403: "无权执行此操作",
    404: "单位或对象不存在，或无权查看",
    409: "与当前状态冲突：环节不是当前环节、公示期未满、已被他人办理等",
    422: "字段校验未通过，见 error.fields",
    429: "登录失败次数过多，请稍后再试",
}


@dataclass(frozen=True)
class Operation:
    """What the OpenAPI document says about one view."""

    summary: str
    body: type[Schema] | None = None
    response: Schema | type[Schema] | None = None
    status: int = 200
    #: error statuses beyond those every operation may answer (see :func:`_responses`)
    errors: tuple[int, ...] = ()
    #: answered without a bearer token
    public: bool = False


def documented(summary: str, **details):
    """Attach an :class:`Operation` to a view: ``@documented("…", body=…, response=…)``."""

    def mark(view):
        view.api_operation = Operation(summary, **details)
        return view

    return mark


@documented("本 API 的 OpenAPI 3 文档", public=True)
def openapi_document():
    """Built once per app: the URL map does not change after start-up."""
    extensions = current_app.extensions
    if "qingdan.openapi" not in extensions:
        extensions["qingdan.openapi"] = build_document(current_app)
    return jsonify(extensions["qingdan.openapi"])


def build_document(app: Flask) -> dict:
    spec = APISpec(
        title="清单 Qingdan API",
        version="1",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": '村级小微权力清单平台的 JSON API。错误一律为 {"error": {…}}。'},
        security=[{SECURITY_SCHEME: []}],
    )
    spec.components.security_scheme(
        SECURITY_SCHEME,
        {"type": "http", "scheme": "bearer", "description": "POST /api/v1/auth/token 换取的令牌"},
    )
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith(f"{URL_PREFIX}/")]
    for rule in sorted(rules, key=lambda r: r.rule):
        view = app.view_functions[rule.endpoint]
        operation = getattr(view, "api_operation", None) or Operation(_first_line(view))
        path, parameters = _path(rule.rule)
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        spec.path(
            path=path,
            parameters=parameters,
            operations={m.lower(): _operation(operation, bool(parameters)) for m in methods},
        )
    return spec.to_dict()


def _first_line(view) -> str:
    return (view.__doc__ or view.__name__).strip().splitlines()[0]


def _path(rule: str) -> tuple[str, list[dict]]:
    """``/t/<slug>/villages/<int:village_id>`` as an OpenAPI path and its parameters."""
    parameters = [
        {
            "name": match["name"],
            "in": "path",
            "required": True,
            "schema": {"type": "integer" if match["converter"] == "int" else "string"},
        }
        for match in RULE_ARGUMENT.finditer(rule)
    ]
    return RULE_ARGUMENT.sub(lambda m: "{" + m["name"] + "}", rule), parameters


def _operation(operation: Operation, addressed: bool) -> dict:
    result: dict = {"summary": operation.summary, "responses": _responses(operation, addressed)}
    if operation.body is not None:
        result["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": operation.body}},
        }
    if operation.public:
        result["security"] = []
    return result


def _responses(operation: Operation, addressed: bool) -> dict:
    """The success answer, and the errors this operation can give.

    A body may be malformed (400) or invalid (422); a token may be missing (401); an
    addressed tenant or object may not exist for the caller (404).
    """
    success: dict = {"description": "成功"}
    if operation.response is not None:
        success["content"] = {"application/json": {"schema": operation.response}}
    statuses = set(operation.errors)
    if operation.body is not None:
        statuses |= {400, 422}
    if not operation.public:
        statuses.add(401)
    if addressed:
        statuses.add(404)
    errors = {
        str(status): {
            "description": ERROR_DESCRIPTIONS[status],
            "content": {"application/json": {"schema": ErrorSchema}},
        }
        for status in sorted(statuses)
    }
    return {str(operation.status): success, **errors}
