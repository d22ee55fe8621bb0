"""The default list items of 阳光村务 (DOMAIN §3.5), in definition format 1.

Every posting is reviewed by the supervision committee (村务监督委员会) before it goes up,
and goes up in a notice step keyed ``post``: when that notice starts, the publicity register
records the posting (``register.py``). Deadlines between postings are local settings read by
the ``missing_publicity`` and ``query_unanswered`` rules, not step time limits.
"""

from __future__ import annotations

ORGANIC_LAW = "《中华人民共和国村民委员会组织法》"
OPINIONS_2004 = "《关于健全和完善村务公开和民主管理制度的意见》（中办发〔2004〕17号）"
GUIDE = "县民政局、县农业农村局、乡镇纪委"
FILE_KINDS = ["pdf", "image", "document", "spreadsheet"]
#: the register's category of each item's postings, where the form does not ask
CATEGORY = {
    "transparency.finance_periodic": "财务",
    "transparency.query_answer": "村务",
}


def _days(days: int, working: bool = True) -> dict:
    return {"days": days, "working": working}


def _field(key: str, kind: str, label: str, *, required: bool = True, public: bool = True, **extra):
    return {
        "key": key,
        "type": kind,
        "label": label,
        "required": required,
        "public": public,
        **extra,
    }


def _choice(key: str, label: str, labels: list[str], *, public: bool = True) -> dict:
    options = [{"value": text, "label": text} for text in labels]
    return _field(key, "choice", label, public=public, options=options)


def _file(key: str, label: str) -> dict:
    return _field(key, "attachment", label, required=False, public=False, accept=FILE_KINDS)


def _review(distinct_from: str, name: str = "村务监督委员会审核") -> dict:
    return {
        "key": "review",
        "name": name,
        "kind": "approval",
        "role": "village_supervisor",
        "time_limit": _days(3),
        "distinct_from": [distinct_from],
        "return_to": distinct_from,
        "next": "post",
    }


def _post(days: int, name: str = "公开栏张贴公开") -> dict:
    return {
        "key": "post",
        "name": name,
        "kind": "notice",
        "role": "village_director",
        "notice_days": days,
        "next": None,
    }


AFFAIRS_PERIODIC = {
    "format": 1,
    "key": "transparency.affairs_periodic",
    "name": "党务村务定期公开",
    "domain": "transparency",
    "basis": [f"{ORGANIC_LAW}第三十条", OPINIONS_2004],
    "responsible_role": "village_director",
    "description": "村务、党务一般事项至少每季度公开一次，于每季度第一个月的本地规定日期（默认20日）前"
    "张贴；公开前由村务监督委员会审核。",
    "publicity": "在村务公开栏张贴不少于15天，同时在村民微信群或“网上清单”公开。",
    "guide_unit": GUIDE,
    "materials": ["公开内容清单", "村务监督委员会审核意见", "张贴照片"],
    "steps": [
        {
            "key": "prepare",
            "name": "整理公开内容",
            "kind": "task",
            "role": "village_director",
            "time_limit": _days(5),
            "fields": [
                _choice("category", "公开类别", ["村务", "党务"]),
                _field("period", "text", "公开期间（如2026年第四季度）", max_length=40),
                _field("title", "text", "公开事项"),
                _field("content", "textarea", "公开内容"),
                _file("content_file", "公开材料"),
            ],
            "next": "review",
        },
        _review("prepare"),
        _post(15),
    ],
}

FINANCE_PERIODIC = {
    "format": 1,
    "key": "transparency.finance_periodic",
    "name": "财务收支公开（民主理财）",
    "domain": "transparency",
    "basis": [
        f"{ORGANIC_LAW}第三十条、第三十二条",
        "《农村集体经济组织财务公开规定》（农经发〔2011〕13号）",
    ],
    "responsible_role": "village_accountant",
    "description": "财务收支至少每季度公开一次，往来较多的每月公开；每月前10日由村务监督委员会"
    "（民主理财小组）逐笔审核上期收支，审核后于本地规定日期（默认15日）前张贴。",
    "publicity": "收入、支出、结余和债权债务在村务公开栏张贴不少于15天。",
    "guide_unit": "县农业农村局、乡镇农经站（三资中心）",
    "materials": ["收支明细表", "民主理财审核记录", "张贴照片"],
    "steps": [
        {
            "key": "prepare",
            "name": "编制收支公开表",
            "kind": "task",
            "role": "village_accountant",
            "time_limit": _days(5),
            "fields": [
                _choice("cycle", "公开周期", ["月度", "季度"]),
                _field("period", "text", "公开期间（如2026年10月）", max_length=40),
                _field("income", "money", "本期收入（元）"),
                _field("expense", "money", "本期支出（元）"),
                _field("balance", "money", "期末结余（元）"),
                _field("debts", "money", "债务余额（元）", required=False),
                _file("statement", "收支明细表"),
            ],
            "next": "review",
        },
        {
            "key": "review",
            "name": "民主理财审核",
            "kind": "meeting",
            "role": "village_supervisor",
            "time_limit": _days(10),
            "quorum": "2/3",
            "majority": "1/2",
            "fields": [
                _field(
                    "questions", "textarea", "审核发现的问题及处理", required=False, public=False
                ),
            ],
            "next": "post",
        },
        _post(15),
    ],
}

MAJOR_IMMEDIATE = {
    "format": 1,
    "key": "transparency.major_immediate",
    "name": "重大事项即时公开",
    "domain": "transparency",
    "basis": [f"{ORGANIC_LAW}第三十条", OPINIONS_2004],
    "responsible_role": "village_director",
    "description": "涉及村民利益的重大事项随时公开；金额达到重大事项标准的事项、工期较长的项目分阶段"
    "即时公开，公开前由村务监督委员会审核。",
    "publicity": "事项发生后2个工作日内在村务公开栏张贴，不少于7天。",
    "guide_unit": GUIDE,
    "materials": ["公开内容", "村务监督委员会审核意见", "张贴照片"],
    "steps": [
        {
            "key": "prepare",
            "name": "整理公开内容",
            "kind": "task",
            "role": "village_director",
            "time_limit": _days(2),
            "fields": [
                _choice("category", "公开类别", ["村务", "财务", "党务"]),
                _field("title", "text", "公开事项"),
                _field("happened_on", "date", "事项发生日期"),
                _field("amount", "money", "涉及金额（元）", required=False),
                _field("content", "textarea", "公开内容"),
                _field("case_code", "text", "相关办件编号", required=False, max_length=40),
                _file("content_file", "公开材料"),
            ],
            "next": "review",
        },
        {**_review("prepare"), "time_limit": _days(1)},
        _post(7),
    ],
}

QUERY_ANSWER = {
    "format": 1,
    "key": "transparency.query_answer",
    "name": "村民质询答复",
    "domain": "transparency",
    "basis": [f"{ORGANIC_LAW}第三十一条、第三十二条", OPINIONS_2004],
    "responsible_role": "village_director",
    "description": "村民对公开内容有疑问的，可向村民委员会或村务监督委员会质询；村民委员会在本地规定时限"
    "（默认10天）内答复，答复经村务监督委员会审核；涉及多数村民的，答复在公开栏公开。",
    "publicity": "涉及多数村民利益的答复在村务公开栏公开不少于7天；质询人信息不公开。",
    "guide_unit": GUIDE,
    "materials": ["质询登记", "答复意见"],
    "steps": [
        {
            "key": "receive",
            "name": "登记质询",
            "kind": "task",
            "role": "village_committee",
            "time_limit": _days(1),
            "fields": [
                _field("received_on", "date", "收到日期", public=False),
                _choice("channel", "质询方式", ["当面", "电话", "书面", "网上"], public=False),
                _field("asker", "text", "质询人", public=False, max_length=50),
                _field("contact", "phone", "联系电话", required=False, public=False),
                _field("subject", "text", "质询事项"),
                _field("question", "textarea", "质询内容", public=False),
            ],
            "next": "answer",
        },
        {
            "key": "answer",
            "name": "答复质询",
            "kind": "task",
            "role": "village_director",
            "fields": [
                _field("answered_on", "date", "答复日期", public=False),
                _field("reply", "textarea", "答复内容"),
                _field("publish", "boolean", "涉及多数村民，需要公开答复", public=False),
            ],
            "next": "check",
        },
        {
            "key": "check",
            "name": "村务监督委员会审核答复",
            "kind": "approval",
            "role": "village_supervisor",
            "time_limit": _days(3),
            "distinct_from": ["answer"],
            "return_to": "answer",
            "branches": [{"when": {"==": [{"var": "publish"}, True]}, "goto": "post"}],
            "next": None,
        },
        _post(7, "答复公开"),
    ],
}

ITEMS = [AFFAIRS_PERIODIC, FINANCE_PERIODIC, MAJOR_IMMEDIATE, QUERY_ANSWER]
