"""What the asset items share: legal bases, the guide unit, fields and steps.

The asset fields carry the same keys in every item (``asset_name``, ``asset_kind``, …), so the
ledger finds the asset a case is about by one name whichever item the case runs.
"""

from __future__ import annotations

CIVIL_CODE = "《中华人民共和国民法典》第二百六十一条"
ORGANIC_LAW = "《中华人民共和国村民委员会组织法》第二十四条"
LAND_CONTRACT_LAW = "《中华人民共和国农村土地承包法》第五十二条"
THREE_ASSETS_OPINION = (
    "《农业部关于进一步加强农村集体资金资产资源管理指导的意见》（农经发〔2009〕4号）"
)
FINANCE_RULES = "《农村集体经济组织财务制度》（财农〔2021〕121号）"
PROPERTY_REFORM = "《中共中央 国务院关于稳步推进农村集体产权制度改革的意见》"
INTEGRITY_RULES = "《农村基层干部廉洁履行职责若干规定（试行）》"

GUIDE_UNIT = "县农业农村局（农村经营管理站）"

KINDS = [
    {"value": "resource", "label": "资源（土地、林地、水面、荒地等）"},
    {"value": "asset", "label": "资产（房屋、厂房、设施、设备等）"},
]
AREA_UNITS = [{"value": "mu", "label": "亩"}, {"value": "sqm", "label": "平方米"}]


def text(key: str, label: str, max_length: int = 200, **extra) -> dict:
    return {"key": key, "type": "text", "label": label, "max_length": max_length, **extra}


def money(key: str, label: str, **extra) -> dict:
    """A required amount in yuan, at least one fen."""
    return {"key": key, "type": "money", "label": label, "required": True, "min": "0.01", **extra}


def attachment(key: str, label: str, required: bool = True) -> dict:
    return {"key": key, "type": "attachment", "label": label, "required": required}


def date(key: str, label: str, **extra) -> dict:
    return {"key": key, "type": "date", "label": label, "required": True, **extra}


def asset_fields() -> list[dict]:
    """Which resource or asset: its name (unique in the village's register), kind, size and
    place, all public — the village's property is the villagers'."""
    return [
        text("asset_name", "资源（资产）名称", 100, required=True, public=True),
        {
            "key": "asset_kind",
            "type": "choice",
            "label": "类别",
            "required": True,
            "public": True,
            "options": KINDS,
        },
        {"key": "area", "type": "decimal", "label": "面积", "min": 0, "public": True},
        {
            "key": "area_unit",
            "type": "choice",
            "label": "面积单位",
            "options": AREA_UNITS,
            "required_when": {"!!": [{"var": "area"}]},
        },
        text("location", "坐落位置（四至）", 200, required=True, public=True),
    ]


def lessee_fields(role: str = "竞得人") -> list[dict]:
    """Who takes the lease: named (masked on public pages) with an ID number, never public."""
    return [
        {
            "key": "lessee",
            "type": "person",
            "label": f"{role}（承包方、承租方）",
            "required": True,
            "require_id_number": True,
            "public": True,
        },
        {"key": "lessee_phone", "type": "phone", "label": "联系电话"},
    ]


def contract_term() -> list[dict]:
    return [
        text("contract_no", "合同编号", 50, required=True),
        date("starts_on", "合同起始日期", public=True),
        date("ends_on", "合同终止日期", public=True),
        {
            "key": "payment_terms",
            "type": "textarea",
            "label": "租金支付方式",
            "help": "租金按合同年度预交；另有约定的写明。",
        },
        attachment("contract_file", "合同文本"),
    ]


def committees(next_step: str) -> dict:
    return {
        "key": "committees",
        "name": "村“两委”会议研究",
        "kind": "meeting",
        "role": "village_secretary",
        "majority": "1/2",
        "time_limit": {"days": 10, "working": True},
        "fields": [attachment("committees_minutes", "会议记录")],
        "next": next_step,
    }


def representatives(name: str, next_step: str, majority: str, of: str) -> dict:
    """The villagers' or representatives' meeting; ≥ 2/3 present in any case."""
    return {
        "key": "representatives",
        "name": name,
        "kind": "meeting",
        "role": "village_director",
        "quorum": "2/3",
        "majority": majority,
        "majority_of": of,
        "fields": [attachment("meeting_minutes", "会议记录和签到表")],
        "next": next_step,
    }


def deliberate(next_step: str) -> dict:
    """四议两公开 for a major matter (≥ the local major-matter threshold)."""
    return {
        "key": "deliberate",
        "kind": "include",
        "include": "four_deliberations",
        "next": next_step,
    }


def township_approval(key: str, name: str, first: str, next_step: str, **extra) -> dict:
    return {
        "key": key,
        "name": name,
        "kind": "approval",
        "role": "township_admin",
        "time_limit": {"days": 5, "working": True},
        "distinct_from": [first],
        "return_to": first,
        "next": next_step,
        **extra,
    }


def register(next_step: str) -> dict:
    """The township's trading centre registers the contract (合同登记备案): the moment the
    ledger takes it in."""
    return {
        "key": "register",
        "name": "合同登记备案",
        "kind": "task",
        "role": "township_admin",
        "time_limit": {"days": 5, "working": True},
        "fields": [
            text("register_no", "登记编号", 50, required=True),
            date("registered_on", "登记日期"),
        ],
        "next": next_step,
    }


def notice(key: str, name: str, next_step: str | None, days: int = 5, role="village_director"):
    return {
        "key": key,
        "name": name,
        "kind": "notice",
        "role": role,
        "notice_days": days,
        "next": next_step,
    }
