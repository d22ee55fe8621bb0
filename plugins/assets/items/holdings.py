"""What the village holds: registering a resource or asset (登记), and disposing of one or
writing it off (处置、核销). DOMAIN §3.6: a disposal the villagers' (representatives') meeting
did not approve is void, so every disposal path passes such a meeting.
"""

from __future__ import annotations

from plugins.assets.items.common import (
    CIVIL_CODE,
    FINANCE_RULES,
    GUIDE_UNIT,
    INTEGRITY_RULES,
    ORGANIC_LAW,
    PROPERTY_REFORM,
    THREE_ASSETS_OPINION,
    asset_fields,
    attachment,
    committees,
    date,
    deliberate,
    money,
    notice,
    representatives,
    text,
    township_approval,
)
from plugins.assets.settings import MAJOR_THRESHOLD, var

REGISTRATION = {
    "format": 1,
    "key": "assets.registration",
    "name": "集体资源资产登记",
    "domain": "assets",
    "basis": [PROPERTY_REFORM, THREE_ASSETS_OPINION, FINANCE_RULES],
    "responsible_role": "village_director",
    "guide_unit": GUIDE_UNIT,
    "description": "新购建、受赠、上级划拨或清产核资查实的集体资源和资产，由报账员申报，"
    "村务监督委员会核实，乡镇三资管理中心编号登记入账，并向村民公示。",
    "publicity": "资源资产名称、类别、面积、位置和价值在村务公开栏公示5天，并随财务公开定期公布。",
    "materials": ["权属证明（不动产权证、林权证等）或购置凭证", "受赠、划拨文件（如有）"],
    "steps": [
        {
            "key": "declare",
            "name": "登记申报",
            "kind": "task",
            "role": "village_accountant",
            "fields": [
                *asset_fields(),
                text("category", "分类（如耕地、林地、办公用房、设备）", 50, public=True),
                money("book_value", "价值（元）", public=True),
                date("acquired_on", "取得日期", public=True),
                {
                    "key": "source",
                    "type": "choice",
                    "label": "取得方式",
                    "required": True,
                    "public": True,
                    "options": [
                        {"value": "built", "label": "自建、购置"},
                        {"value": "donated", "label": "受赠"},
                        {"value": "allocated", "label": "上级划拨"},
                        {"value": "verified", "label": "清产核资查实"},
                    ],
                },
                attachment("evidence", "权属证明或购置凭证"),
            ],
            "next": "verify",
        },
        {
            "key": "verify",
            "name": "村务监督委员会核实",
            "kind": "approval",
            "role": "village_supervisor",
            "time_limit": {"days": 5, "working": True},
            "distinct_from": ["declare"],
            "return_to": "declare",
            "next": "confirm",
        },
        {
            "key": "confirm",
            "name": "乡镇三资管理中心登记入账",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": 5, "working": True},
            "fields": [
                text("asset_no", "资产编号", 50, required=True),
                date("registered_on", "登记日期"),
            ],
            "next": "publish",
        },
        notice("publish", "资产登记公示", None),
    ],
}

DISPOSAL = {
    "format": 1,
    "key": "assets.disposal",
    "name": "集体资产处置和核销",
    "domain": "assets",
    "basis": [CIVIL_CODE, ORGANIC_LAW, THREE_ASSETS_OPINION, FINANCE_RULES, INTEGRITY_RULES],
    "responsible_role": "village_director",
    "guide_unit": GUIDE_UNIT,
    "description": "集体资产拍卖、转让、报废或坏账核销：村“两委”提出处置方案，"
    "经村民会议或村民代表会议表决同意（账面价值达到重大事项金额的按“四议两公开”决策），"
    "乡镇审核后实施，报账员核销入账。未经村民（代表）会议同意的处置无效；"
    "不得以集体资产为他人提供担保或出借。",
    "publicity": "处置方案、表决结果和处置结果（方式、价款、受让方）在村务公开栏公示5天。",
    "materials": ["处置方案", "资产评估或鉴定报告", "村民（代表）会议记录", "处置凭证"],
    "steps": [
        {
            "key": "plan",
            "name": "提出处置（核销）方案",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                text("asset_name", "资产名称", 100, required=True, public=True),
                {
                    "key": "method",
                    "type": "choice",
                    "label": "处置方式",
                    "required": True,
                    "public": True,
                    "options": [
                        {"value": "auction", "label": "公开拍卖"},
                        {"value": "transfer", "label": "协议转让"},
                        {"value": "scrap", "label": "报废"},
                        {"value": "write_off", "label": "核销（坏账、损失）"},
                    ],
                },
                money("amount", "账面价值（元）", public=True),
                {"key": "appraised_value", "type": "money", "label": "评估价值（元）"},
                {
                    "key": "reason",
                    "type": "textarea",
                    "label": "处置理由",
                    "required": True,
                    "public": True,
                },
                attachment("appraisal_file", "资产评估或鉴定报告", required=False),
            ],
            "branches": [
                {"when": {">=": [{"var": "amount"}, var(MAJOR_THRESHOLD)]}, "goto": "deliberate"}
            ],
            "next": "committees",
        },
        committees("representatives"),
        representatives(
            "村民会议或村民代表会议表决", "township_review", majority="1/2", of="present"
        ),
        deliberate("township_review"),
        township_approval("township_review", "乡镇审核", "plan", "execute"),
        {
            "key": "execute",
            "name": "实施处置",
            "kind": "task",
            "role": "village_director",
            "fields": [
                date("disposed_on", "处置日期", public=True),
                # a person's name is masked on public pages; so is a company's, harmlessly
                {"key": "buyer", "type": "person", "label": "受让方", "public": True},
                {"key": "proceeds", "type": "money", "label": "处置收入（元）", "public": True},
                attachment("disposal_file", "处置凭证（拍卖成交确认书、转让协议、报废鉴定等）"),
            ],
            "next": "write_off",
        },
        {
            "key": "write_off",
            "name": "账务核销",
            "kind": "task",
            "role": "village_accountant",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                date("written_off_on", "核销日期"),
                text("voucher_no", "记账凭证号", 30, required=True),
            ],
            "next": "publish",
        },
        notice("publish", "处置结果公示", None),
    ],
}
