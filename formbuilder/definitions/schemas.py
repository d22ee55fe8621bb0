"""The shape of an item definition (format 1, DESIGN §6) as marshmallow 4 schemas.

These check types, required keys, unknown keys and single values, with Chinese messages; what
depends on several keys (a key on the wrong kind, references between steps, the flow graph)
is checked in ``process``. A step schema accepts every kind's keys: ``process`` says which
belong to which kind, which reads better than marshmallow's "unknown field".
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, validate
from marshmallow import fields as mf

from formbuilder.definitions.blocks import BLOCKS
from formbuilder.definitions.kinds import KINDS, MAJORITY_BASES
from formbuilder.definitions.quorum import FRACTION_HINT, parse_fraction

KEY = validate.Regexp(
    r"[a-z][a-z0-9_]{0,49}\Z", error="只能用小写英文字母、数字和下划线，以字母开头，最多50个字符。"
)
#: A step, or a step inside an included block (``deliberate.review``).
STEP_REFERENCE = validate.Regexp(
    r"[a-z][a-z0-9_]{0,49}(\.[a-z][a-z0-9_]{0,49})?\Z", error="不是有效的环节代码。"
)
ITEM_KEY = validate.Regexp(
    r"[a-z][a-z0-9_]{0,49}(\.[a-z][a-z0-9_]{0,49}){0,3}\Z",
    error="只能用小写英文字母、数字、下划线和点，如“local.street_lights”。",
)

_COMMON = {
    "required": "缺少此项。",
    "null": "此项不能为空。",
    "validator_failed": "填写不正确。",
}


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("不能为空白。")


def _fraction(value: str) -> None:
    if parse_fraction(value) is None:
        raise ValidationError(FRACTION_HINT)


class _Flag(mf.Boolean):
    """true or false only: ``1`` or ``"yes"`` in a definition is a mistake, not a yes."""

    def _deserialize(self, value: Any, attr, data, **kwargs) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def text(max_length: int = 100, **kw) -> mf.String:
    return mf.String(
        validate=[validate.Length(max=max_length, error="不能超过{max}个字符。"), _not_blank],
        error_messages={**_COMMON, "invalid": "应为文字。"},
        **kw,
    )


def code(validator: validate.Validator, **kw) -> mf.String:
    return mf.String(validate=validator, error_messages={**_COMMON, "invalid": "应为文字。"}, **kw)


def integer(low: int, high: int, **kw) -> mf.Integer:
    return mf.Integer(
        strict=True,
        validate=validate.Range(min=low, max=high, error="应为{min}到{max}之间的整数。"),
        error_messages={**_COMMON, "invalid": "应为整数。", "too_large": "数字太大。"},
        **kw,
    )


def listing(inner: mf.Field, min_length: int = 0, **kw) -> mf.List:
    return mf.List(
        inner,
        validate=validate.Length(min=min_length, error="至少需要{min}项。"),
        error_messages={**_COMMON, "invalid": "应为列表。"},
        **kw,
    )


def nested(schema: type[Schema], **kw) -> mf.Nested:
    return mf.Nested(schema, error_messages={**_COMMON, "type": "应为对象。"}, **kw)


class DefinitionSchema(Schema):
    """Chinese messages for the schema's own faults; unknown keys raise (marshmallow's
    default), each reported at its own path."""

    error_messages = {"unknown": "无法识别的项目，请检查名称是否写错。", "type": "应为对象。"}


class TimeLimitSchema(DefinitionSchema):
    days = integer(1, 365, required=True)
    #: working days by the official calendar unless the definition says calendar days
    working = _Flag(
        load_default=True, error_messages={**_COMMON, "invalid": "应为 true 或 false。"}
    )


class BranchSchema(DefinitionSchema):
    when = mf.Raw(required=True, error_messages=_COMMON)
    goto = code(KEY, required=True)


class StepSchema(DefinitionSchema):
    key = code(KEY, required=True)
    name = text(allow_none=True)  # only an include may leave it out
    kind = code(
        validate.OneOf(KINDS, error="环节类型应为以下之一：" + "、".join(KINDS) + "。"),
        required=True,
    )
    role = code(KEY, allow_none=True)  # only a countersign may leave it out
    roles = listing(code(KEY))
    include = code(
        validate.OneOf(
            BLOCKS,
            error="没有这个流程模块；可用的有："
            + "、".join(f"{key}（{block['name']}）" for key, block in BLOCKS.items())
            + "。",
        )
    )
    fields = listing(mf.Raw())
    time_limit = nested(TimeLimitSchema, allow_none=True)
    quorum = code(_fraction, allow_none=True)
    majority = code(_fraction)
    majority_of = code(
        validate.OneOf(MAJORITY_BASES, error="应为 present（到会人数）或 expected（应到人数）。")
    )
    notice_days = integer(1, 365)
    distinct_from = listing(code(STEP_REFERENCE))
    return_to = code(STEP_REFERENCE, allow_none=True)
    branches = listing(nested(BranchSchema))
    next = code(KEY, allow_none=True)


class ItemSchema(DefinitionSchema):
    format = mf.Integer(
        strict=True,
        required=True,
        validate=validate.Equal(1, error="不支持的定义格式版本，目前只支持 1。"),
        error_messages={**_COMMON, "invalid": "应为整数 1。"},
    )
    key = code(ITEM_KEY, required=True)
    name = text(required=True)
    domain = code(KEY, required=True)
    basis = listing(text(200), min_length=1, required=True)
    responsible_role = code(KEY, required=True)
    description = text(2000, allow_none=True)
    #: what is made public and when (公开公示)
    publicity = text(2000, allow_none=True)
    #: the county department that guides this item (业务指导单位)
    guide_unit = text(allow_none=True)
    #: what a villager must bring (所需材料)
    materials = listing(text(200))
    steps = listing(nested(StepSchema), min_length=1, required=True)


def error_paths(messages: Any, prefix: str = "") -> dict[str, str]:
    """marshmallow's nested messages as ``{"steps[2].time_limit.days": "…"}``."""
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return {prefix or "_schema": "".join(messages)}
    if not isinstance(messages, dict):
        return {prefix or "_schema": str(messages)}
    paths: dict[str, str] = {}
    for name, inner in messages.items():
        if name == "_schema":
            here = prefix or "_schema"
        elif isinstance(name, int):
            here = f"{prefix}[{name}]"
        else:
            here = f"{prefix}.{name}" if prefix else name
        paths.update(error_paths(inner, here))
    return paths
