"""村级重大决策事项 — major decisions, by the 四议两公开 procedure: a built-in domain plugin.

Items: a major matter by 四议两公开, village rules, project approval, borrowing, 一事一议
fund-raising (``items.py``). Ledger: the register of resolutions, written whenever a
resolving meeting is completed (``register.py``). Rules: ``tier_bypass`` and
``fundraising_over_cap`` (``rules.py``).
"""

from core import hookimpl

from . import items, rules

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {
        "key": "decisions",
        "name": "村级重大决策事项",
        "description": "村级重大事项按“四议两公开”程序决策：党组织提议、两委会议商议、党员大会审议、村民（代表）会议决议，决议和实施结果公开。",
        "icon": "decision",
    }


@hookimpl
def qingdan_items():
    return items.ITEMS


@hookimpl
def qingdan_settings():
    return [
        {
            "key": rules.THRESHOLD,
            "label": "重大事项金额标准",
            "type": "money",
            "default": 50000,
            "help": "单笔金额达到此数的事项须按“四议两公开”决策；村集体项目立项以此分档。",
        },
        {
            "key": rules.CASH_CAP,
            "label": "一事一议每户筹资上限（元/年）",
            "type": "money",
            "default": 60,
            "help": "按本省筹资限额标准设置（各省多为每人每年15至20元，按户折算）。",
        },
        {
            "key": rules.LABOUR_CAP,
            "label": "一事一议每户筹劳上限（个工日/年）",
            "type": "integer",
            "default": 20,
            "help": "按本省筹劳限额标准设置（各省多为每个劳动力每年不超过10个工日，按户折算）。",
        },
    ]


@hookimpl
def qingdan_rules():
    return rules.RULES


@hookimpl
def qingdan_responsibilities():
    return [
        {
            "role": "village_secretary",
            "text": "对村级重大事项提出动议，召集村“两委”会议和党员大会，按“四议两公开”程序组织决策。",
        },
        {
            "role": "village_director",
            "text": "召集村民会议或村民代表会议表决重大事项，组织实施决议，及时公开决议和实施结果。",
        },
        {
            "role": "village_committee",
            "text": "事先征求党员、村民代表和村民意见，拟定重大事项方案和决议草案。",
        },
        {
            "role": "village_supervisor",
            "text": "全程监督“四议两公开”各环节，列席会议，对未经程序决策的事项提出纠正意见。",
        },
        {
            "role": "village_accountant",
            "text": "对举债、筹资筹劳等事项如实登记债务和收支，不得支付未经决议的款项。",
        },
        {
            "role": "township_admin",
            "text": "审核村规民约备案、村级举债和一事一议筹资筹劳方案，指导村级重大事项决策。",
        },
    ]


@hookimpl
def qingdan_prohibitions():
    return [
        {
            "text": "不得以“两委”会议、少数人或个人意见代替村民（代表）会议决定重大事项，不得化整为零规避“四议两公开”。",
            "rule": rules.TIER_BYPASS["key"],
        },
        {
            "text": "不得未经村民（代表）会议决议和乡镇审核擅自举债，不得以村集体资产为他人提供担保。",
            "rule": None,
        },
        {
            "text": "不得超过限额标准向村民筹资筹劳，不得以一事一议名义搞摊派。",
            "rule": rules.FUNDRAISING_OVER_CAP["key"],
        },
        {
            "text": "不得违反法律法规制定村规民约，不得侵犯村民的人身权利、民主权利和合法财产权利。",
            "rule": None,
        },
        {"text": "不得不执行、擅自改变或拖延执行村民（代表）会议的决议。", "rule": None},
    ]


@hookimpl
def qingdan_step_completed(case, step_run):
    from . import register

    register.record(case, step_run)


@hookimpl
def qingdan_public_panels(tenant, village):
    from . import panel

    return [panel.recent_resolutions(tenant, village)]


@hookimpl
def qingdan_blueprints():
    from .views import bp

    return [bp]
