"""The local figures of village finance (DOMAIN §3.3, all *(local)*): spending tiers, cash
limits and the reimbursement calendar. Defaults are the published figures; a county or
township changes them on its settings page and items and rules follow at once.
"""

SETTINGS = [
    {
        "key": "finance.supervision_threshold",
        "label": "开支须经联席会议审批的金额（元）",
        "type": "money",
        "default": 5000,
        "help": "达到此金额的开支，除村“两委”外还须村民小组长和村务监督委员会参加联席会议审批"
        "（洪江：5000元）。",
    },
    {
        "key": "finance.major_threshold",
        "label": "开支须按“四议两公开”决策的金额（元）",
        "type": "money",
        "default": 50000,
        "help": "达到此金额的开支属重大事项，按“四议两公开”程序决策（洪江：5万元）。",
    },
    {
        "key": "finance.leader_sign_threshold",
        "label": "资金支付须乡镇分管领导审签的金额（元）",
        "type": "money",
        "default": 50000,
        "help": "“三签一章”之外另须乡镇领导审签的支付金额（城固做法；未见统一标准，"
        "默认与重大事项金额一致）。",
    },
    {
        "key": "finance.cash_payment_limit",
        "label": "现金支付限额（元）",
        "type": "money",
        "default": 1000,
        "help": "单笔达到此金额的支付应通过银行转账，以现金支付的产生黄色预警。",
    },
    {
        "key": "finance.cash_on_hand_limit",
        "label": "库存现金限额（元）",
        "type": "money",
        "default": 5000,
        "help": "月末库存现金超过此金额的产生黄色预警。",
    },
    {
        "key": "finance.reimbursement_day",
        "label": "每月报账截止日",
        "type": "integer",
        "default": 20,
        "help": "村报账员应在每月此日前将上月票据报镇代理服务中心，逾期报账产生黄色预警。",
    },
    {
        "key": "finance.bill_age_months",
        "label": "票据报账期限（月）",
        "type": "integer",
        "default": 2,
        "help": "票据开具后超过此月数才报账入账的，产生黄色预警。",
    },
]
