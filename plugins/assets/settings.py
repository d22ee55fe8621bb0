"""The local figures of collective assets (DOMAIN §3.6 and §5): when a lease is a major matter,
and when the contract register warns. Defaults are the published figures; a county or
township changes them on its settings page and items and rules follow at once.
"""

from __future__ import annotations

from decimal import Decimal

MAJOR_THRESHOLD = "assets.major_threshold"
LEASE_EXPIRY_DAYS = "assets.lease_expiry_days"
RENT_OVERDUE_DAYS = "assets.rent_overdue_days"

SETTINGS = [
    {
        "key": MAJOR_THRESHOLD,
        "label": "须按“四议两公开”决策的金额（元）",
        "type": "money",
        "default": 50000,
        "help": "发包、出租合同总金额（年租金×年限）或处置资产的账面价值达到此金额的，"
        "按“四议两公开”程序决策；低于的由村“两委”研究、村民代表会议表决。",
    },
    {
        "key": LEASE_EXPIRY_DAYS,
        "label": "合同到期提前预警天数",
        "type": "days",
        "default": 30,
        "help": "承包、租赁合同在此天数内到期且未续签的，发出蓝色预警，提醒及早续签或重新发包。",
    },
    {
        "key": RENT_OVERDUE_DAYS,
        "label": "租金逾期预警天数",
        "type": "days",
        "default": 90,
        "help": "租金按合同年度预交；应交之日起超过此天数仍未交足的，发出黄色预警。",
    },
]


def var(key: str) -> dict:
    """A branch condition's reference to a setting: ``{"var": "settings.<key>"}``."""
    return {"var": f"settings.{key}"}


def money_value(tenant, key: str) -> Decimal:
    """A money setting in force for ``tenant``, exact (settings store money as numbers)."""
    from core import settings

    return Decimal(str(settings.value(tenant, key))).quantize(Decimal("0.01"))
