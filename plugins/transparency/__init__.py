"""阳光村务 — village affairs publicity (党务、村务、财务公开): a built-in domain plugin.

Items: periodic village-affairs and party-affairs publicity, finance publicity after the
democratic finance review, immediate publicity of major matters, answering villagers'
queries (``items.py``). Ledger: the publicity register, written when a posting goes up
(``register.py``). Rules: ``missing_publicity`` and ``query_unanswered`` (``rules.py``).
Panel: the latest posting of each category on the villager page (``panel.py``).
"""

from core import hookimpl

from . import items, rules

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {
        "key": "transparency",
        "name": "阳光村务",
        "description": "党务、村务、财务定期公开和即时公开，民主理财，村民质询答复。",
        "icon": "transparency",
    }


@hookimpl
def qingdan_items():
    return items.ITEMS


@hookimpl
def qingdan_settings():
    return [
        {
            "key": rules.AFFAIRS_DAY,
            "label": "村务定期公开截止日（每季度第一个月）",
            "type": "integer",
            "default": 20,
            "help": "村务、党务每季度公开一次，须在该季度第一个月的这一天之前张贴。",
        },
        {
            "key": rules.FINANCE_DAY,
            "label": "财务公开截止日",
            "type": "integer",
            "default": 15,
            "help": "民主理财审核后，财务收支须在公开周期第一个月的这一天之前张贴。",
        },
        {
            "key": rules.FINANCE_CYCLE,
            "label": "财务公开周期（月）",
            "type": "integer",
            "default": 1,
            "help": "1 为每月公开（集体财务往来较多的村），3 为每季度公开。",
        },
        {
            "key": rules.MAX_GAP,
            "label": "财务公开最长间隔（月）",
            "type": "integer",
            "default": 3,
            "help": "超过这么多个月没有财务公开，发出红色预警。",
        },
        {
            "key": rules.ANSWER_DAYS,
            "label": "村民质询答复时限（天）",
            "type": "days",
            "default": 10,
            "help": "自收到质询之日起计算；超过时限黄色预警，超过两倍时限红色预警。",
        },
    ]


@hookimpl
def qingdan_rules():
    return rules.RULES


@hookimpl
def qingdan_responsibilities():
    return [
        {
            "role": "village_director",
            "text": "按期组织党务、村务、财务公开，重大事项随时公开，在规定时限内答复村民质询。",
        },
        {
            "role": "village_secretary",
            "text": "领导村务公开工作，按季度公开党务，督促村委会如实公开。",
        },
        {
            "role": "village_accountant",
            "text": "按月（季）编制财务收支公开表，提交民主理财审核，做到账表相符。",
        },
        {
            "role": "village_supervisor",
            "text": "公开前审核公开内容，每月组织民主理财逐笔审核收支，受理并督办村民质询。",
        },
        {"role": "village_committee", "text": "登记村民质询和意见，及时转交办理并反馈。"},
        {
            "role": "township_admin",
            "text": "检查各村公开情况，督促未按时公开或公开不实的村限期整改。",
        },
    ]


@hookimpl
def qingdan_prohibitions():
    return [
        {
            "text": "不得不公开、迟公开、选择性公开或搞假公开，财务收支不得超过3个月不公开。",
            "rule": rules.MISSING_PUBLICITY["key"],
        },
        {
            "text": "不得未经村务监督委员会审核即张贴公开内容，不得擅自删改审核后的公开内容。",
            "rule": None,
        },
        {
            "text": "不得对村民质询拖延不答复、敷衍答复或打击报复质询人。",
            "rule": rules.QUERY_UNANSWERED["key"],
        },
        {"text": "不得在公开内容中泄露村民身份证号码、住址、电话等个人信息。", "rule": None},
    ]


@hookimpl
def qingdan_step_completed(case, step_run):
    from . import register

    register.record(case, step_run)


@hookimpl
def qingdan_public_panels(tenant, village):
    from . import panel

    return [panel.latest_postings(tenant, village)]


@hookimpl
def qingdan_blueprints():
    from .views import bp

    return [bp]
