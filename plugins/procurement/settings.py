"""The local figures of village procurement (DOMAIN §3.2): quotation, approval and works tiers.

Every figure here is one county's or township's rule, not a national one, so each is a tenant
setting whose default is the published figure. Branches read them as
``{"var": "settings.procurement.<name>"}`` and the rules with ``core.settings.value``.
"""

from __future__ import annotations

from decimal import Decimal

QUOTE_THRESHOLD = "procurement.quote_threshold"
MIN_QUOTES = "procurement.min_quotes"
SUPERVISION_THRESHOLD = "procurement.supervision_threshold"
MAJOR_THRESHOLD = "procurement.major_threshold"
QUOTA_PLATFORM_THRESHOLD = "procurement.quota_platform_threshold"
TOWNSHIP_TENDER_THRESHOLD = "procurement.township_tender_threshold"
COUNTY_TENDER_THRESHOLD = "procurement.county_tender_threshold"
GOODS_COUNTY_THRESHOLD = "procurement.goods_county_threshold"
SERVICES_COUNTY_THRESHOLD = "procurement.services_county_threshold"
SPLIT_WINDOW_DAYS = "procurement.split_window_days"

SETTINGS = [
    {
        "key": QUOTE_THRESHOLD,
        "label": "货物和服务须询价的金额（元）",
        "type": "money",
        "default": 2000,
        "help": "单次采购超过此金额的，须取得书面报价，最低的合格报价成交，否则记录理由。",
    },
    {
        "key": MIN_QUOTES,
        "label": "询价至少应取得的书面报价家数",
        "type": "integer",
        "default": 3,
        "help": "超过询价金额的采购，少于此家数即发出红色预警。",
    },
    {
        "key": SUPERVISION_THRESHOLD,
        "label": "须经村务监督委员会审核的金额（元）",
        "type": "money",
        "default": 10000,
        "help": "低于此金额的，村“两委”研究并告知监委会；达到的须监委会全体审核（岳阳县：1万元）。",
    },
    {
        "key": MAJOR_THRESHOLD,
        "label": "须按“四议两公开”决策的金额（元）",
        "type": "money",
        "default": 50000,
        "help": "采购或工程预算达到此金额的属重大事项，按“四议两公开”程序决策。",
    },
    {
        "key": QUOTA_PLATFORM_THRESHOLD,
        "label": "工程进入乡镇定额平台的金额（元）",
        "type": "money",
        "default": 100000,
        "help": "低于此金额的小型工程可按简易程序直接发包；达到的由乡镇定额平台从库中抽取施工单位。",
    },
    {
        "key": TOWNSHIP_TENDER_THRESHOLD,
        "label": "工程进入乡镇公共资源交易中心招标的金额（元）",
        "type": "money",
        "default": 500000,
        "help": "达到此金额的工程由乡镇公共资源交易中心组织招标。",
    },
    {
        "key": COUNTY_TENDER_THRESHOLD,
        "label": "工程进入县公共资源交易中心公开招标的金额（元）",
        "type": "money",
        "default": 4000000,
        "help": "达到此金额的工程由县公共资源交易中心公开招标。",
    },
    {
        "key": GOODS_COUNTY_THRESHOLD,
        "label": "货物采购进入县公共资源交易中心的金额（元）",
        "type": "money",
        "default": 2000000,
        "help": "达到此金额的货物采购不再由村询价，报县公共资源交易中心采购。",
    },
    {
        "key": SERVICES_COUNTY_THRESHOLD,
        "label": "服务采购进入县公共资源交易中心的金额（元）",
        "type": "money",
        "default": 1000000,
        "help": "达到此金额的服务采购不再由村询价，报县公共资源交易中心采购。",
    },
    {
        "key": SPLIT_WINDOW_DAYS,
        "label": "拆分采购的统计天数",
        "type": "days",
        "default": 30,
        "help": "同一村向同一供应商在此天数内的采购合并计算，合计越过分档金额而每笔都低于该金额的，"
        "发出拆分采购预警。",
    },
]


def var(key: str) -> dict:
    """A branch condition's reference to a setting: ``{"var": "settings.<key>"}``."""
    return {"var": f"settings.{key}"}


def money_value(tenant, key: str) -> Decimal:
    """A money setting in force for ``tenant``, exact (settings store money as numbers)."""
    from core import settings

    return Decimal(str(settings.value(tenant, key))).quantize(Decimal("0.01"))
