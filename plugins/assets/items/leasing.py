"""Leasing and contracting out (发包、出租) by open bidding, and renewing a contract (续签).

DOMAIN §3.6: a plan (name, area, location, use, term, reserve price) → the two committees
agree → ≥ 2/3 of the representatives agree → the township trading centre checks the plan and
the bidders, publishes, runs open bidding → a standard contract reviewed by a township leader
→ registered. A lease whose total value reaches the major-matter threshold goes through
四议两公开 instead of the committees and the representatives' vote.
"""

from __future__ import annotations

from plugins.assets.items.common import (
    CIVIL_CODE,
    GUIDE_UNIT,
    INTEGRITY_RULES,
    LAND_CONTRACT_LAW,
    ORGANIC_LAW,
    THREE_ASSETS_OPINION,
    asset_fields,
    attachment,
    committees,
    contract_term,
    date,
    deliberate,
    lessee_fields,
    money,
    notice,
    register,
    representatives,
    text,
    township_approval,
)
from plugins.assets.settings import MAJOR_THRESHOLD, var

MAJOR = {">=": [{"var": "amount"}, var(MAJOR_THRESHOLD)]}


def _total(rent: str) -> dict:
    """What the lease is worth over its term, the figure that makes it a major matter."""
    return {
        "key": "amount",
        "type": "computed",
        "label": "合同总金额（元）",
        "formula": {"*": [{"var": rent}, {"var": "term_years"}]},
        "result_type": "money",
        "public": True,
    }


TERM_YEARS = {
    "key": "term_years",
    "type": "integer",
    "label": "期限（年）",
    "required": True,
    "min": 1,
    "max": 30,
    "public": True,
}

#: ≥ 2/3 of the representatives agree (农村土地承包法 第五十二条). The engine counts a
#: majority as "more than" its share, one vote stricter than "at least" where the number
#: of representatives divides by three.
TWO_THIRDS = {"majority": "2/3", "of": "expected"}

LEASE = {
    "format": 1,
    "key": "assets.lease",
    "name": "集体资源发包和资产出租（公开竞价）",
    "domain": "assets",
    "basis": [CIVIL_CODE, LAND_CONTRACT_LAW, ORGANIC_LAW, THREE_ASSETS_OPINION, INTEGRITY_RULES],
    "responsible_role": "village_director",
    "guide_unit": GUIDE_UNIT,
    "description": "村集体的土地、林地、水面等资源发包和房屋、设施等资产出租：村“两委”拟定方案，"
    "经三分之二以上村民代表同意（合同总金额达到重大事项金额的按“四议两公开”决策），"
    "报乡镇农村产权交易中心审核方案和竞买人资格、发布公告、组织公开竞价，"
    "签订规范合同并经乡镇领导审核后登记备案。",
    "publicity": "发包（出租）方案和表决结果、竞价公告（7天）、成交结果（竞得人姓名脱敏、"
    "成交价、期限）在村务公开栏和交易中心公示。",
    "materials": ["发包（出租）方案", "村民代表会议记录和签到表", "竞买人身份证明", "合同文本"],
    "steps": [
        {
            "key": "plan",
            "name": "拟定发包（出租）方案",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                *asset_fields(),
                text("use", "用途", 100, required=True, public=True),
                TERM_YEARS,
                money("reserve_price", "底价（年租金，元）", public=True),
                _total("reserve_price"),
                attachment("plan_file", "发包（出租）方案"),
            ],
            "branches": [{"when": MAJOR, "goto": "deliberate"}],
            "next": "committees",
        },
        committees("representatives"),
        representatives("村民代表会议表决", "centre_review", **TWO_THIRDS),
        deliberate("centre_review"),
        township_approval(
            "centre_review",
            "乡镇农村产权交易中心审核方案和竞买人资格",
            "plan",
            "bidding_notice",
            fields=[
                {
                    "key": "bidder_terms",
                    "type": "textarea",
                    "label": "竞买人资格条件",
                    "public": True,
                }
            ],
        ),
        notice("bidding_notice", "发布竞价公告", "bidding", days=7, role="township_admin"),
        {
            "key": "bidding",
            "name": "组织公开竞价",
            "kind": "task",
            "role": "township_admin",
            "fields": [
                date("bid_on", "竞价日期", public=True),
                {
                    "key": "bidders",
                    "type": "integer",
                    "label": "竞买人数",
                    "required": True,
                    "min": 1,
                    "public": True,
                },
                *lessee_fields(),
                money("annual_rent", "成交价（年租金，元）", public=True),
                attachment("bid_record", "竞价记录"),
            ],
            "next": "contract",
        },
        {
            "key": "contract",
            "name": "签订合同",
            "kind": "task",
            "role": "village_director",
            "time_limit": {"days": 10, "working": True},
            "fields": contract_term(),
            "next": "contract_review",
        },
        township_approval("contract_review", "乡镇领导审核合同", "contract", "register"),
        register("publish"),
        notice("publish", "成交结果公示", None),
    ],
}

RENEWAL = {
    "format": 1,
    "key": "assets.renewal",
    "name": "承包（租赁）合同续签",
    "domain": "assets",
    "basis": [CIVIL_CODE, LAND_CONTRACT_LAW, THREE_ASSETS_OPINION],
    "responsible_role": "village_director",
    "guide_unit": GUIDE_UNIT,
    "description": "合同期满前，原承包（承租）方申请续签的：原合同租金须已结清，"
    "续签条件经三分之二以上村民代表同意（总金额达到重大事项金额的按“四议两公开”决策）、"
    "乡镇审核后签订新合同，经乡镇领导审核登记。不续签或条件有争议的，按发包（出租）事项重新公开竞价。",
    "publicity": "续签条件（年租金、期限）和表决结果在村务公开栏公示5天。",
    "materials": ["原合同", "续签申请", "租金结清凭证", "新合同文本"],
    "steps": [
        {
            "key": "apply",
            "name": "提出续签方案",
            "kind": "task",
            "role": "village_director",
            "fields": [
                text("previous_contract_no", "原合同编号", 50, required=True),
                *asset_fields(),
                *lessee_fields("续签人"),
                TERM_YEARS,
                money("annual_rent", "续签年租金（元）", public=True),
                _total("annual_rent"),
                {
                    "key": "arrears_cleared",
                    "type": "boolean",
                    "label": "原合同租金已结清",
                    "required": True,
                },
                {"key": "reason", "type": "textarea", "label": "续签理由", "required": True},
            ],
            "branches": [{"when": MAJOR, "goto": "deliberate"}],
            "next": "committees",
        },
        committees("representatives"),
        representatives("村民代表会议表决", "township_review", **TWO_THIRDS),
        deliberate("township_review"),
        township_approval("township_review", "乡镇审核续签方案", "apply", "contract"),
        {
            "key": "contract",
            "name": "签订续签合同",
            "kind": "task",
            "role": "village_director",
            "time_limit": {"days": 10, "working": True},
            "fields": contract_term(),
            "next": "contract_review",
        },
        township_approval("contract_review", "乡镇领导审核合同", "contract", "register"),
        register("publish"),
        notice("publish", "续签结果公示", None),
    ],
}
