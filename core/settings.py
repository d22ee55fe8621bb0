"""Local figures (本地规定): the thresholds, days and limits a plugin declares and a county or
township may change (DOMAIN: "thresholds, notice days, time limits are tenant settings").

A value in force is the township's own, else its county's, else the plugin's default. They
are kept in ``Tenant.settings["values"]`` by dotted key.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from core.errors import Invalid
from core.plugins import tenant_hook
from core.supervision.rating_settings import SETTINGS as RATING_SETTINGS
from core.supervision.report_settings import SETTINGS as REPORT_SETTINGS
from tenants.models import Tenant

VALUES = "values"
TYPES = {"money": "金额（元）", "integer": "整数", "days": "天数"}
#: the figures core itself declares, whatever plugins are enabled
CORE = (
    {
        "key": "supervision.escalate_after_days",
        "label": "黄色预警升级为红色的期限（工作日）",
        "type": "days",
        "default": 5,
        "help": "黄色预警开启后超过此工作日数仍未处理或排除的，巡检时升级为红色预警。",
    },
)

CORE += RATING_SETTINGS  # the village ratings' points (core.supervision.ratings)
CORE += REPORT_SETTINGS  # the reports' answer deadline (core.supervision.handling)


def declared(tenant: Tenant) -> list[dict]:
    """Core's settings, then those the plugins enabled for ``tenant`` declare, in plugin order."""
    plugins = tenant_hook(tenant, "qingdan_settings")()
    return [*CORE, *(entry for batch in plugins for entry in batch or ())]


def values(tenant: Tenant) -> dict[str, float | int]:
    """Every declared setting's value in force for ``tenant``, by dotted key."""
    county = (tenant.parent.settings if tenant.parent else {}) or {}
    own = (tenant.settings or {}).get(VALUES, {})
    inherited = county.get(VALUES, {})
    return {
        d["key"]: own.get(d["key"], inherited.get(d["key"], d["default"])) for d in declared(tenant)
    }


def nested(flat: dict[str, object]) -> dict:
    """``{"procurement.quote_threshold": 2000}`` as ``{"procurement": {"quote_threshold": 2000}}``,
    the shape JSONLogic's ``{"var": "settings.procurement.quote_threshold"}`` reads."""
    tree: dict = {}
    for key, value in flat.items():
        node = tree
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return tree


def value(tenant: Tenant, key: str):
    found = values(tenant)
    if key not in found:
        raise KeyError(f"setting {key!r} is not declared by a plugin enabled for {tenant.slug}")
    return found[key]


def save_values(sess: Session, tenant: Tenant, changes: dict[str, str]) -> dict:
    """Set ``tenant``'s own values; an empty value goes back to the county's or the default."""
    known = {d["key"]: d for d in declared(tenant)}
    own = dict((tenant.settings or {}).get(VALUES, {}))
    errors = {}
    for key, raw in changes.items():
        if key not in known:
            errors[key] = "没有这项设置。"
            continue
        text = (raw or "").strip()
        if not text:
            own.pop(key, None)
            continue
        try:
            own[key] = _parse(known[key]["type"], text)
        except ValueError as exc:
            errors[key] = str(exc)
    if errors:
        raise Invalid("设置有误，请按提示修改。", fields=errors)
    tenant.settings = {**(tenant.settings or {}), VALUES: own}
    sess.flush()
    return own


def _parse(kind: str, text: str) -> float | int:
    if kind == "money":
        try:
            amount = Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise ValueError("请填写金额，如 50000 或 2000.50。") from None
        if amount < 0 or amount.as_tuple().exponent < -2:
            raise ValueError("金额不能为负数，最多两位小数。")
        return float(amount)
    if not text.isdigit():
        raise ValueError("请填写非负整数。")
    number = int(text)
    if kind == "days" and not 1 <= number <= 365:
        raise ValueError("天数应在 1 到 365 之间。")
    return number
