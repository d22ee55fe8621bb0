"""Spending: reimbursement with countersigning (报账 联审联签) and payment approval (资金支付).

Reimbursement follows DOMAIN §3.3: the handler signs with the purpose, the spending is
approved at the tier its amount reaches (two committees; + group leaders and the supervision
committee; 四议两公开), the supervision committee reviews and stamps, the secretary and the
director countersign, the township agency checks, and the voucher is booked. The tier
thresholds are the township's settings, read by the branch conditions.
"""

from plugins.finance.items.common import (
    ACCOUNTING_RULES,
    AGENCY_RULES,
    CASH_RULES,
    FINANCE_RULES,
    GUIDE_UNIT,
    ORGANIC_LAW,
    attachment,
    countersign,
    method,
    money,
    supervision_review,
    township_check,
)

MAJOR = {">=": [{"var": "amount"}, {"var": "settings.finance.major_threshold"}]}
MIDDLE = {">=": [{"var": "amount"}, {"var": "settings.finance.supervision_threshold"}]}

CATEGORIES = [
    {"value": "office", "label": "办公费"},
    {"value": "utilities", "label": "水电费"},
    {"value": "works", "label": "工程款"},
    {"value": "labour", "label": "劳务费"},
    {"value": "allowance", "label": "误工补贴"},
    {"value": "public_welfare", "label": "公益事业支出"},
    {"value": "other", "label": "其他"},
]

MEETING_MINUTES = attachment("minutes", "会议记录（含签到表或照片）")

REIMBURSEMENT = {
    "format": 1,
    "key": "finance.reimbursement",
    "name": "村级财务报账（联审联签）",
    "domain": "finance",
    "basis": [
        f"{ORGANIC_LAW}第二十四条、第三十二条",
        FINANCE_RULES,
        ACCOUNTING_RULES,
        AGENCY_RULES,
        CASH_RULES,
    ],
    "responsible_role": "village_accountant",
    "description": (
        "村级各项开支由经办人凭合法有效的原始票据注明用途并签字，按开支金额分档审批："
        "5000元以下由村“两委”会议审批；5000元至5万元由村“两委”、村民小组长和村务监督委员会"
        "联席会议审批；5万元以上按“四议两公开”程序决定（金额标准以本乡镇设置为准）。"
        "审批后经村务监督委员会审核签章，村党组织书记、村委会主任联签，报镇代理服务中心审核入账。"
        "不得以白条入账，不得坐支现金。"
    ),
    "publicity": "每笔开支的用途、金额、审批情况随月度财务公开在村务公开栏公布；"
    "5万元以上开支的决议和实施结果按“四议两公开”程序公开。",
    "guide_unit": GUIDE_UNIT,
    "materials": [
        "合法有效的原始票据（发票、收据、工资表等）",
        "开支审批单或会议记录",
        "工程、采购类开支附合同、验收单",
    ],
    "steps": [
        {
            "key": "apply",
            "name": "经办人填写报账单并签字",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": 5, "working": True},
            "fields": [
                {"key": "purpose", "type": "text", "label": "开支事由（用途）", "required": True,
                 "public": True},
                {"key": "category", "type": "choice", "label": "开支类别", "required": True,
                 "options": CATEGORIES, "public": True},
                money("amount", "报账金额（元）", public=True),
                {"key": "payee", "type": "text", "label": "收款单位或个人", "required": True},
                method(),
                {"key": "bill_date", "type": "date", "label": "票据开具日期（最早一张）",
                 "required": True,
                 "help": "超过规定期限（默认2个月）的票据报账会产生预警。"},
                attachment("bills", "原始票据（发票、收据等）"),
                {"key": "handler_name", "type": "text", "label": "经办人姓名", "required": True,
                 "max_length": 50},
                {"key": "handler_signed", "type": "signature", "label": "经办人签字",
                 "role": "village_committee", "required": True},
            ],
            "branches": [
                {"when": MAJOR, "goto": "deliberate"},
                {"when": MIDDLE, "goto": "joint_meeting"},
            ],
            "next": "committees",
        },
        {
            "key": "committees",
            "name": "村“两委”会议审批",
            "kind": "meeting",
            "role": "village_secretary",
            "quorum": "2/3",
            "majority": "1/2",
            "fields": [MEETING_MINUTES],
            "next": "supervise",
        },
        {
            "key": "joint_meeting",
            "name": "村“两委”、村民小组长、村务监督委员会联席会议审批",
            "kind": "meeting",
            "role": "village_secretary",
            "quorum": "2/3",
            "majority": "1/2",
            "fields": [MEETING_MINUTES],
            "next": "supervise",
        },
        {
            "key": "deliberate",
            "kind": "include",
            "include": "four_deliberations",
            "next": "supervise",
        },
        {**supervision_review("supervise", "apply"), "next": "sign"},
        {**countersign("sign"), "next": "township_check"},
        {**township_check("township_check", "apply"), "next": "book"},
        {
            "key": "book",
            "name": "审核入账",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": 3, "working": True},
            "fields": [
                {"key": "voucher_no", "type": "text", "label": "记账凭证号", "required": True,
                 "max_length": 30},
                {"key": "booked_on", "type": "date", "label": "入账日期", "required": True},
            ],
            "next": None,
        },
    ],
}  # fmt: skip

LEADER = {">=": [{"var": "amount"}, {"var": "settings.finance.leader_sign_threshold"}]}

PAYMENT = {
    "format": 1,
    "key": "finance.payment",
    "name": "村级资金支付审批",
    "domain": "finance",
    "basis": [FINANCE_RULES, AGENCY_RULES, CASH_RULES, f"{ORGANIC_LAW}第三十二条"],
    "responsible_role": "village_accountant",
    "description": (
        "村集体资金由镇代理服务中心统一管理，支付工程款、劳务费、补贴等款项时，由村报账员"
        "凭合同、决议或结算单提出支付申请，经村务监督委员会审核、村党组织书记和村委会主任"
        "联签、镇代理服务中心审核后支付；达到规定金额的，另须乡镇分管领导审签（“三签一章”"
        "加领导审签）。原则上通过银行转账支付，不得坐支，不得以现金大额支付。"
    ),
    "publicity": "支付事项的用途、金额、收款单位随月度财务公开公布。",
    "guide_unit": GUIDE_UNIT,
    "materials": [
        "合同、村“两委”或村民代表会议决议、工程结算单等支付依据",
        "收款单位或个人的银行账户信息",
    ],
    "steps": [
        {
            "key": "apply",
            "name": "报账员提出支付申请",
            "kind": "task",
            "role": "village_accountant",
            "time_limit": {"days": 3, "working": True},
            "fields": [
                {"key": "purpose", "type": "text", "label": "支付事由", "required": True,
                 "public": True},
                money("amount", "支付金额（元）", public=True),
                {"key": "payee", "type": "text", "label": "收款单位或个人", "required": True},
                {"key": "payee_account", "type": "text", "label": "收款账号及开户行",
                 "max_length": 100},
                method(),
                {"key": "basis_kind", "type": "choice", "label": "支付依据", "required": True,
                 "options": [
                     {"value": "contract", "label": "合同"},
                     {"value": "resolution", "label": "会议决议"},
                     {"value": "settlement", "label": "结算审计报告"},
                     {"value": "roster", "label": "发放花名册"},
                 ]},
                {"key": "basis_case", "type": "text", "label": "审批办件编号（如有）",
                 "max_length": 40},
                attachment("basis_file", "支付依据材料"),
                {"key": "handler_name", "type": "text", "label": "经办人姓名", "required": True,
                 "max_length": 50},
            ],
            "next": "supervise",
        },
        {**supervision_review("supervise", "apply"), "next": "sign"},
        {**countersign("sign"), "next": "township_check"},
        {
            **township_check("township_check", "apply"),
            "branches": [{"when": LEADER, "goto": "leader_sign"}],
            "next": "pay",
        },
        {
            "key": "leader_sign",
            "name": "乡镇分管领导审签",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": {"days": 3, "working": True},
            "distinct_from": ["apply", "township_check"],
            "return_to": "apply",
            "next": "pay",
        },
        {
            "key": "pay",
            "name": "镇代理服务中心支付并记账",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": 3, "working": True},
            "fields": [
                {"key": "voucher_no", "type": "text", "label": "记账凭证号", "required": True,
                 "max_length": 30},
                {"key": "paid_on", "type": "date", "label": "支付日期", "required": True},
                {"key": "bank_serial", "type": "text", "label": "银行流水号", "max_length": 50},
            ],
            "next": None,
        },
    ],
}  # fmt: skip
