"""Pieces the personnel items share: legal bases, the guide unit, and common fields."""

ORGANIC_LAW = "《中华人民共和国村民委员会组织法》"
PARTY_RULES = "《中国共产党农村基层组织工作条例》"
SUPERVISION_OPINION = "《关于建立健全村务监督委员会的指导意见》（中办发〔2017〕74号）"
ACCOUNTING_AVOIDANCE = "《会计基础工作规范》第十六条（会计人员回避）"
INTEGRITY_RULES = "《农村基层干部廉洁履行职责若干规定（试行）》"

GUIDE_UNIT = "县委组织部、县民政局"

#: posts whose holders handle money or books: chosen by the villagers' (representatives')
#: meeting, and never a close relative of a committee member
FINANCE_POSTS = ["accountant", "cashier", "bookkeeper"]

HIRED_POSTS = [
    {"value": "accountant", "label": "会计"},
    {"value": "cashier", "label": "出纳"},
    {"value": "bookkeeper", "label": "报账员"},
    {"value": "clerk", "label": "文书"},
    {"value": "other", "label": "其他工作人员"},
]


def appointee(label: str) -> dict:
    """The person appointed: name and ID number; public pages show the masked name only."""
    return {
        "key": "appointee",
        "type": "person",
        "label": label,
        "required": True,
        "require_id_number": True,
        "public": True,
    }


def post(label: str = "岗位") -> dict:
    return {
        "key": "post",
        "type": "choice",
        "label": label,
        "required": True,
        "options": HIRED_POSTS,
        "public": True,
    }


def minutes() -> dict:
    return {"key": "minutes", "type": "attachment", "label": "会议记录（含签到表或照片）",
            "required": True}  # fmt: skip


def filing(key: str, distinct_from: list[str], return_to: str) -> dict:
    """报乡镇备案: the township checks and files the result; not the person who ran it."""
    return {
        "key": key,
        "name": "报乡镇备案",
        "kind": "approval",
        "role": "township_admin",
        "time_limit": {"days": 5, "working": True},
        "distinct_from": distinct_from,
        "return_to": return_to,
    }


IS_FINANCE_POST = {"in": [{"var": "post"}, FINANCE_POSTS]}
