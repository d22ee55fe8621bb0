"""Buying: goods and services by quotation (询价采购) and small works by tier (小型工程).

Both start with a plan, go to the two committees (or through 四议两公开 from the major-matter
threshold), to the supervision committee above its threshold, and end with the award made
public. Small works then branch by amount into the four tiers of DOMAIN §3.2; large goods and
services purchases leave the village for the county trading centre.
"""

from __future__ import annotations

from plugins.procurement.items.common import (
    FINANCE_RULES,
    GUIDE_UNIT,
    INTEGRITY_RULES,
    ORGANIC_LAW,
    TENDERING_LAW,
    TENDERING_REGULATIONS,
    WORKS_GUIDE_UNIT,
    attachment,
    award_fields,
    date,
    deliberate,
    money,
    notice,
    supervision_review,
    text,
    two_committees,
)
from plugins.procurement.settings import (
    COUNTY_TENDER_THRESHOLD,
    GOODS_COUNTY_THRESHOLD,
    MAJOR_THRESHOLD,
    QUOTA_PLATFORM_THRESHOLD,
    SERVICES_COUNTY_THRESHOLD,
    SUPERVISION_THRESHOLD,
    TOWNSHIP_TENDER_THRESHOLD,
    var,
)

CATEGORIES = [{"value": "goods", "label": "货物"}, {"value": "services", "label": "服务"}]


def at_least(setting: str) -> dict:
    return {">=": [{"var": "amount"}, var(setting)]}


def _county_purchase() -> dict:
    """Goods or services large enough that the county trading centre buys them."""
    return {
        "or": [
            {"and": [{"==": [{"var": "category"}, "goods"]}, at_least(GOODS_COUNTY_THRESHOLD)]},
            {
                "and": [
                    {"==": [{"var": "category"}, "services"]},
                    at_least(SERVICES_COUNTY_THRESHOLD),
                ]
            },
        ]
    }


QUOTES = {
    "key": "quotes",
    "type": "table",
    "label": "书面报价",
    "required": True,
    "public": True,
    "min_rows": 1,
    "max_rows": 20,
    "help": "超过询价金额的，至少取得规定家数的书面报价；每家供应商一行。",
    "columns": [
        text("supplier", "报价供应商", 100, required=True),
        money("price", "报价（元）"),
        {"key": "compliant", "type": "boolean", "label": "符合采购要求"},
        text("note", "说明", 200),
    ],
}

QUOTATION = {
    "format": 1,
    "key": "procurement.quotation",
    "name": "货物和服务询价采购",
    "domain": "procurement",
    "basis": [ORGANIC_LAW, FINANCE_RULES, INTEGRITY_RULES],
    "responsible_role": "village_director",
    "guide_unit": GUIDE_UNIT,
    "description": "村集体采购货物和服务：超过询价金额的取得至少三家书面报价，最低的合格报价成交，"
    "不选最低价的须写明理由；达到监委会审核金额的经村务监督委员会审核，达到重大事项金额的按"
    "“四议两公开”决策；货物、服务金额达到县级标准的报县公共资源交易中心采购。",
    "publicity": "成交结果（采购内容、报价情况、成交供应商和金额）在村务公开栏公示5天；"
    "验收结果随财务公开一并公布。",
    "materials": ["采购计划或采购审批单", "供应商书面报价单", "验收单", "付款凭证"],
    "steps": [
        {
            "key": "plan",
            "name": "提出采购计划",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                text("subject", "采购内容", 200, required=True, public=True),
                {
                    "key": "category",
                    "type": "choice",
                    "label": "采购类别",
                    "required": True,
                    "public": True,
                    "options": CATEGORIES,
                },
                money("amount", "预算金额（元）", public=True),
                {"key": "purpose", "type": "textarea", "label": "用途和理由", "required": True},
                text("funding", "资金来源", 100),
                attachment("plan_file", "采购计划或采购审批单", required=False),
            ],
            "branches": [{"when": at_least(MAJOR_THRESHOLD), "goto": "deliberate"}],
            "next": "committees",
        },
        two_committees(
            "quote",
            branches=[{"when": at_least(SUPERVISION_THRESHOLD), "goto": "supervise"}],
        ),
        deliberate("supervise"),
        supervision_review(
            "plan", "quote", branches=[{"when": _county_purchase(), "goto": "county_centre"}]
        ),
        {
            "key": "quote",
            "name": "询价比价",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                QUOTES,
                *award_fields(),
                {
                    "key": "award_reason",
                    "type": "textarea",
                    "label": "未选最低合格报价的理由",
                    "help": "成交供应商不是最低的合格报价时必须填写。",
                },
                attachment("quote_sheets", "书面报价单"),
            ],
            "next": "award_notice",
        },
        {
            "key": "county_centre",
            "name": "报县公共资源交易中心采购",
            "kind": "task",
            "role": "village_director",
            "fields": [
                text("centre_ref", "交易项目编号", 50, required=True),
                *award_fields(),
                attachment("centre_result", "成交结果通知书"),
            ],
            "next": "award_notice",
        },
        notice("award_notice", "成交结果公示", "accept"),
        {
            "key": "accept",
            "name": "验收",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                date("accepted_on", "验收日期", public=True),
                text("acceptors", "验收人员", 200, required=True),
                {"key": "acceptance_note", "type": "textarea", "label": "验收情况"},
                attachment("acceptance_form", "验收单（验收人员签字）"),
            ],
            "next": None,
        },
    ],
}


def _tender(key: str, name: str) -> dict:
    return {
        "key": key,
        "name": name,
        "kind": "task",
        "role": "township_admin",
        "fields": [
            text("tender_ref", "招标项目编号", 50, required=True),
            date("opened_on", "开标日期"),
            {
                "key": "bidders",
                "type": "integer",
                "label": "投标单位数",
                "required": True,
                "min": 1,
            },
            *award_fields("中标单位", "中标价（元）"),
            attachment("award_letter", "中标通知书"),
        ],
        "next": "award_notice",
    }


WORKS = {
    "format": 1,
    "key": "procurement.small_works",
    "name": "村级小型工程项目发包",
    "domain": "procurement",
    "basis": [ORGANIC_LAW, TENDERING_LAW, TENDERING_REGULATIONS, INTEGRITY_RULES],
    "responsible_role": "village_director",
    "guide_unit": WORKS_GUIDE_UNIT,
    "description": "村级小型工程按预算金额分档发包：10万元以下按简易程序直接发包，"
    "10万至50万元由乡镇定额平台抽取施工单位，50万至400万元由乡镇公共资源交易中心招标，"
    "400万元以上由县公共资源交易中心公开招标（金额按本地规定）。5万元以上的按“四议两公开”决策。"
    "确定施工单位后签订合同、竣工验收、审价结算分别按相应事项办理。",
    "publicity": "项目立项、发包方式和中标（成交）结果在村务公开栏公示5天；"
    "达到重大事项金额的，决议和实施结果另按“四议两公开”公开。",
    "materials": ["项目预算或设计文件", "两委会议记录", "比选或招标文件", "中标（成交）通知书"],
    "steps": [
        {
            "key": "plan",
            "name": "项目立项申请",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                text("subject", "项目名称", 200, required=True, public=True),
                text("location", "建设地点", 200, required=True, public=True),
                {
                    "key": "scope",
                    "type": "textarea",
                    "label": "建设内容和规模",
                    "required": True,
                    "public": True,
                },
                money("amount", "预算金额（元）", public=True),
                text("funding", "资金来源", 100),
                attachment("budget_file", "项目预算或设计文件"),
            ],
            "branches": [{"when": at_least(MAJOR_THRESHOLD), "goto": "deliberate"}],
            "next": "committees",
        },
        two_committees("supervise"),
        deliberate("supervise"),
        supervision_review(
            "plan",
            "direct_award",
            branches=[
                {"when": at_least(COUNTY_TENDER_THRESHOLD), "goto": "county_tender"},
                {"when": at_least(TOWNSHIP_TENDER_THRESHOLD), "goto": "township_tender"},
                {"when": at_least(QUOTA_PLATFORM_THRESHOLD), "goto": "quota_platform"},
            ],
        ),
        {
            "key": "direct_award",
            "name": "简易程序确定施工单位",
            "kind": "task",
            "role": "village_director",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                {
                    "key": "selection",
                    "type": "textarea",
                    "label": "比选情况",
                    "required": True,
                    "help": "邀请了哪些有资质的施工单位或本地工匠、各自报价、现场比选经过。",
                },
                *award_fields("施工单位", "合同价（元）"),
                attachment("selection_record", "比选记录"),
            ],
            "next": "award_notice",
        },
        {
            "key": "quota_platform",
            "name": "乡镇定额平台抽取施工单位",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                text("draw_ref", "抽取记录编号", 50, required=True),
                date("drawn_on", "抽取日期"),
                *award_fields("施工单位", "合同价（元）"),
                attachment("draw_record", "抽取记录"),
            ],
            "next": "award_notice",
        },
        _tender("township_tender", "乡镇公共资源交易中心招标"),
        _tender("county_tender", "县公共资源交易中心公开招标"),
        notice("award_notice", "中标（成交）结果公示", None),
    ],
}
