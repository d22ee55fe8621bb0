"""The books: the monthly township-managed accounts cycle (村账镇代理), borrowing (借款和举债)
and the monthly finance disclosure (财务公开).

The monthly cycle is where the township agency receives a village's income and its month-end
cash count; the deadline (the 20th) and the oldest bill accepted (2 months) are the
township's settings, which the ``late_reimbursement`` rule reads.
"""

from plugins.finance.items.common import (
    ACCOUNTING_RULES,
    AGENCY_RULES,
    CASH_RULES,
    FINANCE_RULES,
    GUIDE_UNIT,
    INTEGRITY_RULES,
    ORGANIC_LAW,
    attachment,
    countersign,
    method,
    money,
    supervision_review,
    township_check,
    year_month,
)

MONTHLY_ACCOUNTS = {
    "format": 1,
    "key": "finance.monthly_accounts",
    "name": "村账镇代理月度报账",
    "domain": "finance",
    "basis": [AGENCY_RULES, FINANCE_RULES, ACCOUNTING_RULES, CASH_RULES],
    "responsible_role": "village_accountant",
    "description": (
        "村集体资金、账务由镇农村集体“三资”代理服务中心代理，村报账员每月将上月收入票据、"
        "已审批的支出凭证和月末库存现金情况报镇代理服务中心审核记账（默认每月20日前报账，"
        "票据原则上不超过2个月，以本乡镇设置为准）。收入应及时足额入账，不得坐支，"
        "库存现金不得超过限额，不得设立“小金库”。"
    ),
    "publicity": "月度收支情况经民主理财后随财务公开在村务公开栏公布。",
    "guide_unit": GUIDE_UNIT,
    "materials": ["收入票据存根和银行回单", "已审批的支出凭证", "库存现金盘点表", "银行对账单"],
    "steps": [
        {
            "key": "collect",
            "name": "报账员整理票据报账",
            "kind": "task",
            "role": "village_accountant",
            "fields": [
                *year_month(),
                {"key": "incomes", "type": "table", "label": "本月收入明细", "min_rows": 0,
                 "max_rows": 200,
                 "columns": [
                     {"key": "received_on", "type": "date", "label": "收款日期", "required": True},
                     {"key": "source", "type": "text", "label": "收入来源", "required": True},
                     {"key": "payer", "type": "text", "label": "交款单位或个人",
                      "required": True},
                     money("amount", "金额（元）"),
                     method("method", "收款方式"),
                 ]},
                {"key": "expense_vouchers", "type": "integer", "label": "已审批支出凭证（张）",
                 "required": True, "min": 0},
                {"key": "cash_on_hand", "type": "money", "label": "月末库存现金（元）",
                 "required": True, "min": "0", "public": True},
                {"key": "bank_balance", "type": "money", "label": "月末银行存款余额（元）",
                 "required": True, "min": "0", "public": True},
                attachment("cash_count", "库存现金盘点表"),
            ],
            "next": "supervise",
        },
        {**supervision_review("supervise", "collect"), "name": "村务监督委员会（民主理财小组）审核",
         "next": "sign"},
        {**countersign("sign"), "next": "township_check"},
        {**township_check("township_check", "collect"), "next": "book"},
        {
            "key": "book",
            "name": "代理记账并对账",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": 5, "working": True},
            "fields": [
                {"key": "voucher_no", "type": "text", "label": "收入记账凭证号（前缀）",
                 "required": True, "max_length": 24,
                 "help": "各笔收入按顺序编为“前缀-1”“前缀-2”……"},
                {"key": "booked_on", "type": "date", "label": "记账日期", "required": True},
                {"key": "reconciled", "type": "boolean", "label": "账款、账实核对相符",
                 "required": True},
            ],
            "next": None,
        },
    ],
}  # fmt: skip

LENDERS = [
    {"value": "bank", "label": "银行或农村信用社"},
    {"value": "collective", "label": "其他集体经济组织"},
    {"value": "enterprise", "label": "企业"},
    {"value": "individual", "label": "个人"},
]

BORROWING = {
    "format": 1,
    "key": "finance.borrowing",
    "name": "村级借款和举债",
    "domain": "finance",
    "basis": [f"{ORGANIC_LAW}第二十四条", FINANCE_RULES, INTEGRITY_RULES],
    "responsible_role": "village_director",
    "description": (
        "村集体借款、举债属于重大事项，必须按“四议两公开”程序决策，经村务监督委员会审核、"
        "乡镇审核后方可签订借款合同。严禁举债搞非生产性建设，不得以集体资产为他人提供担保，"
        "不得将集体资金出借给个人或外单位。"
    ),
    "publicity": "借款决议、借款合同主要内容和还款计划在村务公开栏公开，随财务公开公布债务余额。",
    "guide_unit": GUIDE_UNIT,
    "materials": ["借款（举债）方案", "还款来源说明", "出借方资质或身份证明"],
    "steps": [
        {
            "key": "apply",
            "name": "村委会提出借款（举债）方案",
            "kind": "task",
            "role": "village_director",
            "fields": [
                {"key": "lender_kind", "type": "choice", "label": "出借方类别", "required": True,
                 "options": LENDERS, "public": True},
                {"key": "lender", "type": "text", "label": "出借方名称", "required": True},
                money("amount", "借款金额（元）", public=True),
                {"key": "purpose", "type": "textarea", "label": "借款用途", "required": True,
                 "public": True},
                {"key": "term_months", "type": "integer", "label": "借款期限（月）",
                 "required": True, "min": 1, "max": 360, "public": True},
                {"key": "annual_rate", "type": "decimal", "label": "年利率（%）", "required": True,
                 "min": 0, "max": 24, "places": 2, "public": True},
                {"key": "repayment_source", "type": "textarea", "label": "还款来源",
                 "required": True, "public": True},
                {"key": "no_guarantee", "type": "boolean", "label": "不以集体资产为他人提供担保",
                 "required": True},
            ],
            "next": "deliberate",
        },
        {"key": "deliberate", "kind": "include", "include": "four_deliberations",
         "next": "supervise"},
        {**supervision_review("supervise", "apply"), "next": "township_check"},
        {**township_check("township_check", "apply", "乡镇审核"), "next": "contract"},
        {
            "key": "contract",
            "name": "签订借款合同",
            "kind": "task",
            "role": "village_director",
            "fields": [
                {"key": "contract_date", "type": "date", "label": "合同签订日期",
                 "required": True, "public": True},
                {"key": "due_date", "type": "date", "label": "约定还款日期", "required": True,
                 "public": True},
                attachment("contract_file", "借款合同"),
            ],
            "next": "publish",
        },
        {
            "key": "publish",
            "name": "借款合同和还款计划公开",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 7,
            "next": None,
        },
    ],
}  # fmt: skip

DISCLOSURE = {
    "format": 1,
    "key": "finance.disclosure",
    "name": "村级财务公开（按月）",
    "domain": "finance",
    "basis": [f"{ORGANIC_LAW}第三十条", "《农村集体经济组织财务公开规定》（农经发〔2011〕13号）",
              FINANCE_RULES],
    "responsible_role": "village_director",
    "description": (
        "村级财务每月公开一次：每月上旬由民主理财小组（村务监督委员会）审核收支，"
        "15日前在村务公开栏公布收入、支出、结余和债权债务情况；村民对公开内容有疑问的，"
        "村委会应在10日内答复。"
    ),
    "publicity": "每月15日前在村务公开栏和“网上清单”公布，公示期不少于10天。",
    "guide_unit": GUIDE_UNIT,
    "materials": ["月度收支明细表", "资产负债情况表"],
    "steps": [
        {
            "key": "prepare",
            "name": "编制财务公开表",
            "kind": "task",
            "role": "village_accountant",
            "time_limit": {"days": 10, "working": False},
            "fields": [
                *year_month(),
                {"key": "income_total", "type": "money", "label": "本月收入（元）",
                 "required": True, "min": "0", "public": True},
                {"key": "spending_total", "type": "money", "label": "本月支出（元）",
                 "required": True, "min": "0", "public": True},
                {"key": "balance", "type": "money", "label": "月末结余（元）", "required": True,
                 "public": True},
                {"key": "debts", "type": "money", "label": "债务余额（元）", "required": True,
                 "min": "0", "public": True},
                {"key": "major_items", "type": "table", "label": "主要收支项目", "min_rows": 0,
                 "max_rows": 50, "public": True,
                 "columns": [
                     {"key": "item", "type": "text", "label": "项目", "required": True},
                     money("amount", "金额（元）"),
                 ]},
                attachment("sheet", "财务公开表"),
            ],
            "next": "review",
        },
        {
            "key": "review",
            "name": "民主理财小组（村务监督委员会）审核",
            "kind": "approval",
            "role": "village_supervisor",
            "time_limit": {"days": 3, "working": True},
            "distinct_from": ["prepare"],
            "return_to": "prepare",
            "next": "post",
        },
        {
            "key": "post",
            "name": "在村务公开栏公布",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 10,
            "next": "answer",
        },
        {
            "key": "answer",
            "name": "答复村民质询并归档",
            "kind": "task",
            "role": "village_director",
            "time_limit": {"days": 10, "working": False},
            "fields": [
                {"key": "queries", "type": "table", "label": "村民质询及答复", "min_rows": 0,
                 "max_rows": 100,
                 "columns": [
                     {"key": "question", "type": "text", "label": "质询内容", "required": True},
                     {"key": "reply", "type": "text", "label": "答复情况", "required": True},
                 ]},
                {"key": "archived", "type": "boolean", "label": "公开资料已拍照存档",
                 "required": True},
            ],
            "next": None,
        },
    ],
}  # fmt: skip
