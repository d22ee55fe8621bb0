"""What the procurement items share: legal bases, the guide unit, fields and steps.

Kept as data, like the items, so a county reading the source sees the words its clerks see.
The award fields carry the same keys in every step that records an award (询价、直接发包、
定额平台、招标), so the ledger and the rules read one shape whichever tier a case took.
"""

from __future__ import annotations

ORGANIC_LAW = "《中华人民共和国村民委员会组织法》第二十四条"
TENDERING_LAW = "《中华人民共和国招标投标法》"
TENDERING_REGULATIONS = "《中华人民共和国招标投标法实施条例》"
FINANCE_RULES = "《农村集体经济组织财务制度》（财农〔2021〕121号）"
INTEGRITY_RULES = "《农村基层干部廉洁履行职责若干规定（试行）》"
CIVIL_CODE_CONTRACTS = "《中华人民共和国民法典》第三编 合同"
QUALITY_REGULATIONS = "《建设工程质量管理条例》第十六条"
SETTLEMENT_RULES = "《建设工程价款结算暂行办法》（财建〔2004〕369号）"
CAPITAL_FINANCE_RULES = "《基本建设财务规则》（财政部令第81号）"

GUIDE_UNIT = "县农业农村局（农村经营管理站）、县公共资源交易中心"
WORKS_GUIDE_UNIT = "县住房和城乡建设局、县农业农村局（农村经营管理站）"


def text(key: str, label: str, max_length: int = 200, **extra) -> dict:
    return {"key": key, "type": "text", "label": label, "max_length": max_length, **extra}


def money(key: str, label: str, **extra) -> dict:
    """A required amount in yuan, at least one fen."""
    return {"key": key, "type": "money", "label": label, "required": True, "min": "0.01", **extra}


def attachment(key: str, label: str, required: bool = True) -> dict:
    return {"key": key, "type": "attachment", "label": label, "required": required}


def date(key: str, label: str, **extra) -> dict:
    return {"key": key, "type": "date", "label": label, "required": True, **extra}


def case_reference(label: str = "中标（成交）办件编号") -> dict:
    """The code of the earlier case a follow-up case belongs to (合同、验收、结算 follow an
    award), so a supervisor can read the project's whole story."""
    return text(
        "award_case", label, 40, help="填写确定施工单位或供应商的办件编号，如 TOWN-2026-000012。"
    )


def award_fields(party: str = "供应商", price: str = "成交金额（元）") -> list[dict]:
    """Who won and for how much. The legal person's ID number is what the kin rule checks
    against the cadres' relatives register; it is never published."""
    return [
        {"key": "award_heading", "type": "section", "label": f"确定的{party}"},
        text("supplier_name", f"{party}名称", 100, required=True, public=True),
        text(
            "supplier_credit_code",
            "统一社会信用代码",
            18,
            help="个体工匠、农民施工队等没有信用代码的可不填。",
        ),
        {
            "key": "supplier_legal_person",
            "type": "person",
            "label": "法定代表人（经营者、负责人）",
            "required": True,
            "require_id_number": True,
        },
        {"key": "supplier_phone", "type": "phone", "label": "联系电话"},
        money("award_amount", price, public=True),
    ]


def two_committees(next_step: str | None, **extra) -> dict:
    """The two committees study the plan; below the supervision threshold the supervision
    committee is told (告知), above it the committee reviews in the next step."""
    return {
        "key": "committees",
        "name": "村“两委”会议研究",
        "kind": "meeting",
        "role": "village_secretary",
        "majority": "1/2",
        "time_limit": {"days": 10, "working": True},
        "fields": [
            {
                "key": "supervisors_informed",
                "type": "boolean",
                "label": "已告知村务监督委员会",
                "required": True,
            },
            attachment("committees_minutes", "会议记录"),
        ],
        "next": next_step,
        **extra,
    }


def supervision_review(first: str, next_step: str, **extra) -> dict:
    """The supervision committee reviews the plan; never the person who proposed it."""
    return {
        "key": "supervise",
        "name": "村务监督委员会审核",
        "kind": "approval",
        "role": "village_supervisor",
        "time_limit": {"days": 5, "working": True},
        "distinct_from": [first],
        "return_to": first,
        "next": next_step,
        **extra,
    }


def deliberate(next_step: str) -> dict:
    """四议两公开 for a major matter (≥ the local major-matter threshold)."""
    return {
        "key": "deliberate",
        "kind": "include",
        "include": "four_deliberations",
        "next": next_step,
    }


def notice(key: str, name: str, next_step: str | None, days: int = 5) -> dict:
    return {
        "key": key,
        "name": name,
        "kind": "notice",
        "role": "village_director",
        "notice_days": days,
        "next": next_step,
    }
