"""Pieces the finance items share: the legal bases, the guide unit, and common fields.

Kept as data, like the items themselves, so a county reading the source sees the same words
its clerks see on the forms.
"""

#: 农村集体经济组织财务制度 (财政部 农业农村部 2021) — the rulebook for village books
FINANCE_RULES = "《农村集体经济组织财务制度》（财农〔2021〕121号）"
#: 村会计委托代理 (村账镇代理) — the township agency keeps the village's books
AGENCY_RULES = "《农业部关于进一步加强村级会计委托代理服务工作的指导意见》（农经发〔2013〕6号）"
ACCOUNTING_RULES = "《村集体经济组织会计制度》（财会〔2004〕12号）"
CASH_RULES = "《现金管理暂行条例》"
ORGANIC_LAW = "《中华人民共和国村民委员会组织法》"
INTEGRITY_RULES = "《农村基层干部廉洁履行职责若干规定（试行）》"

GUIDE_UNIT = "县农业农村局（农村经营管理站）、县财政局"

PAYMENT_METHODS = [
    {"value": "transfer", "label": "转账"},
    {"value": "cash", "label": "现金"},
]


def money(key: str, label: str, **extra) -> dict:
    """A required amount in yuan, at least one fen."""
    return {"key": key, "type": "money", "label": label, "required": True, "min": "0.01", **extra}


def method(key: str = "method", label: str = "支付方式") -> dict:
    return {
        "key": key,
        "type": "choice",
        "label": label,
        "required": True,
        "options": PAYMENT_METHODS,
        "help": "现金支付达到规定限额的，应通过银行转账支付。",
    }


def attachment(key: str, label: str, required: bool = True) -> dict:
    return {"key": key, "type": "attachment", "label": label, "required": required}


def year_month() -> list[dict]:
    """The accounting month a monthly case is about (会计期间)."""
    return [
        {"key": "year", "type": "integer", "label": "年度", "required": True, "min": 2000,
         "max": 2100, "public": True},
        {"key": "month", "type": "integer", "label": "月份", "required": True, "min": 1,
         "max": 12, "public": True},
    ]  # fmt: skip


def supervision_review(key: str, first: str) -> dict:
    """The supervision committee reviews, signs and stamps (监委会审核签章); never the
    person whose matter it is."""
    return {
        "key": key,
        "name": "村务监督委员会审核签章",
        "kind": "approval",
        "role": "village_supervisor",
        "time_limit": {"days": 3, "working": True},
        "fields": [
            {"key": "supervision_stamped", "type": "boolean", "label": "已签字并加盖村务监督委员会印章",
             "required": True},
        ],
        "distinct_from": [first],
        "return_to": first,
    }  # fmt: skip


def countersign(key: str) -> dict:
    """联审联签: the party secretary and the committee director sign, two distinct people."""
    return {
        "key": key,
        "name": "村党组织书记、村委会主任联审联签",
        "kind": "countersign",
        "roles": ["village_secretary", "village_director"],
        "time_limit": {"days": 3, "working": True},
    }


def township_check(key: str, first: str, name: str = "镇农村集体“三资”代理服务中心审核") -> dict:
    """The township agency (经管站 / 三资中心) checks the voucher before it is booked."""
    return {
        "key": key,
        "name": name,
        "kind": "approval",
        "role": "township_admin",
        "time_limit": {"days": 5, "working": True},
        "distinct_from": [first],
        "return_to": first,
    }
