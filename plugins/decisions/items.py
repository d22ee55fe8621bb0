"""The default list items of 村级重大决策事项 (DOMAIN §2, §3.1), in definition format 1.

Every major matter goes through 四议两公开 (the core block ``four_deliberations``); the
villagers' meeting decides village rules and 一事一议 fund-raising itself (村民委员会组织法
arts. 22, 24, 27). A meeting step keyed ``resolve`` (or a block's ``<key>.resolve``) is a
resolution: its completion writes the register of resolutions (``register.py``).
"""

from __future__ import annotations

ORGANIC_LAW = "《中华人民共和国村民委员会组织法》"
PARTY_RULES = "《中国共产党农村基层组织工作条例》"
GUIDE = "县委组织部、县民政局、县农业农村局"

MEETING_RECORDS = "会议记录、签到表或会议照片"


def _days(days: int, working: bool = True) -> dict:
    return {"days": days, "working": working}


def _text(key: str, label: str, *, required: bool = True, public: bool = False, **extra) -> dict:
    return {
        "key": key,
        "type": "text",
        "label": label,
        "required": required,
        "public": public,
        **extra,
    }


def _long(key: str, label: str, *, required: bool = True, public: bool = False) -> dict:
    return {"key": key, "type": "textarea", "label": label, "required": required, "public": public}


def _money(key: str, label: str, *, required: bool = True, public: bool = True) -> dict:
    return {"key": key, "type": "money", "label": label, "required": required, "public": public}


def _choice(key: str, label: str, labels: list[str], *, public: bool = True) -> dict:
    return {
        "key": key,
        "type": "choice",
        "label": label,
        "required": True,
        "public": public,
        "options": [{"value": text, "label": text} for text in labels],
    }


def _file(key: str, label: str) -> dict:
    return {
        "key": key,
        "type": "attachment",
        "label": label,
        "accept": ["pdf", "image", "document", "spreadsheet"],
    }


MATTER_KINDS = [
    "村庄发展规划",
    "土地、林地承包或租赁",
    "集体资产购置或处置",
    "举债",
    "集体企业改制",
    "项目立项",
    "公益事业建设和筹资筹劳",
    "大额资金使用",
    "其他重大事项",
]

MAJOR_MATTER = {
    "format": 1,
    "key": "decisions.major_matter",
    "name": "村级重大事项决策（四议两公开）",
    "domain": "decisions",
    "basis": [
        f"{PARTY_RULES}（村级重大事项决策实行“四议两公开”）",
        f"{ORGANIC_LAW}第二十四条、第二十五条",
    ],
    "responsible_role": "village_secretary",
    "description": "涉及村集体和村民切身利益的重大事项，以及单笔金额达到本地重大事项标准（默认5万元）"
    "的支出，须经党组织提议、“两委”会议商议、党员大会审议、村民（代表）会议决议，决议和实施结果公开。",
    "publicity": "决议在村务公开栏公开不少于3天；实施结果在实施完成后及时公开。",
    "guide_unit": GUIDE,
    "materials": ["事项方案及测算", "征求意见记录", MEETING_RECORDS, "实施结果材料"],
    "steps": [
        {
            "key": "apply",
            "name": "事项动议",
            "kind": "task",
            "role": "village_committee",
            "time_limit": _days(5),
            "fields": [
                _text("matter", "决策事项", public=True),
                _choice("category", "事项类别", MATTER_KINDS),
                _money("amount", "涉及金额（元）"),
                _long("reason", "事由和依据"),
                _long("draft_resolution", "拟提交表决的方案（决议草案）", public=True),
                _long("opinions", "征求党员、村民代表和村民意见情况"),
                _file("plan_file", "方案材料"),
            ],
            "next": "deliberate",
        },
        {
            "key": "deliberate",
            "kind": "include",
            "include": "four_deliberations",
            "next": "implement",
        },
        {
            "key": "implement",
            "name": "实施情况登记归档",
            "kind": "task",
            "role": "village_director",
            "time_limit": _days(10),
            "fields": [
                {
                    "key": "implemented_on",
                    "type": "date",
                    "label": "实施完成日期",
                    "required": True,
                },
                _money("actual_amount", "实际发生金额（元）"),
                _long("outcome", "实施情况", public=True),
                _file("archive", "归档材料（会议记录、合同、验收单等）"),
            ],
            "next": None,
        },
    ],
}

VILLAGE_RULES = {
    "format": 1,
    "key": "decisions.village_rules",
    "name": "村规民约制定和修订",
    "domain": "decisions",
    "basis": [
        f"{ORGANIC_LAW}第二十二条、第二十七条",
        "《关于做好村规民约和居民公约工作的指导意见》（民发〔2018〕154号）",
    ],
    "responsible_role": "village_director",
    "description": "村规民约由村民会议制定和修改，报乡镇人民政府备案；"
    "起草后公开征求村民意见，经“两委”会议商议、党员大会审议后提交村民会议表决。",
    "publicity": "草案公开征求意见不少于7天；通过并备案后的村规民约在村务公开栏公布不少于7天，并长期保存。",
    "guide_unit": "县民政局、乡镇民政办",
    "materials": ["村规民约草案及修订说明", "征求意见汇总", MEETING_RECORDS],
    "steps": [
        {
            "key": "draft",
            "name": "起草草案",
            "kind": "task",
            "role": "village_committee",
            "time_limit": _days(15),
            "fields": [
                _choice("revision", "制定或修订", ["制定", "修订"]),
                _text("matter", "名称", public=True),
                _long("draft_resolution", "草案全文或修订条款", public=True),
                _long("reason", "起草（修订）说明"),
                _file("draft_file", "草案文本"),
            ],
            "next": "consult",
        },
        {
            "key": "consult",
            "name": "公开征求村民意见",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 7,
            "fields": [_long("opinions", "收到的意见及采纳情况", required=False)],
            "next": "discuss",
        },
        {
            "key": "discuss",
            "name": "村“两委”会议商议",
            "kind": "meeting",
            "role": "village_secretary",
            "majority": "1/2",
            "next": "review",
        },
        {
            "key": "review",
            "name": "党员大会审议",
            "kind": "meeting",
            "role": "village_secretary",
            "quorum": "2/3",
            "majority": "1/2",
            "majority_of": "expected",
            "next": "resolve",
        },
        {
            # 组织法 art. 22: more than half of the adults (or 2/3 of households) present;
            # passes with more than half of those present
            "key": "resolve",
            "name": "村民会议表决",
            "kind": "meeting",
            "role": "village_director",
            "quorum": "1/2",
            "majority": "1/2",
            "fields": [_file("minutes", "会议记录和签到表")],
            "next": "filing",
        },
        {
            "key": "filing",
            "name": "报乡镇备案",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": _days(30),
            "return_to": "draft",
            "next": "publish",
        },
        {
            "key": "publish",
            "name": "公布村规民约",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 7,
            "next": None,
        },
    ],
}

PROJECT_APPROVAL = {
    "format": 1,
    "key": "decisions.project_approval",
    "name": "村集体项目立项",
    "domain": "decisions",
    "basis": [f"{ORGANIC_LAW}第二十四条第一款第（三）项、第（五）项", PARTY_RULES],
    "responsible_role": "village_director",
    "description": "村集体经济项目、公益事业项目立项。预算达到本地重大事项标准（默认5万元）的，"
    "按“四议两公开”决策；以下的由村“两委”会议集体研究并公示。立项后报乡镇审核备案。",
    "publicity": "立项决议公开不少于3天（四议两公开）或立项结果公示不少于5天。",
    "guide_unit": "县农业农村局、乡镇农经站",
    "materials": ["项目建议书", "预算或测算表", "资金来源说明", MEETING_RECORDS],
    "steps": [
        {
            "key": "proposal",
            "name": "提出项目建议",
            "kind": "task",
            "role": "village_committee",
            "time_limit": _days(5),
            "fields": [
                _text("matter", "项目名称", public=True),
                _choice(
                    "project_type",
                    "项目类别",
                    ["道路交通", "农田水利", "人居环境", "文化体育", "集体经济", "其他"],
                ),
                _text("location", "建设地点", public=True),
                _money("amount", "项目预算（元）"),
                _text("funding", "资金来源", public=True),
                _long("draft_resolution", "项目建设方案", public=True),
                _file("budget_file", "预算或测算表"),
            ],
            "branches": [
                {
                    "when": {
                        ">=": [{"var": "amount"}, {"var": "settings.decisions.major_threshold"}]
                    },
                    "goto": "deliberate",
                }
            ],
            "next": "resolve",
        },
        {"key": "deliberate", "kind": "include", "include": "four_deliberations", "next": "filing"},
        {
            "key": "resolve",
            "name": "村“两委”会议研究",
            "kind": "meeting",
            "role": "village_secretary",
            "majority": "1/2",
            "fields": [_long("supervisor_opinion", "村务监督委员会意见")],
            "next": "announce",
        },
        {
            "key": "announce",
            "name": "立项结果公示",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 5,
            "next": "filing",
        },
        {
            "key": "filing",
            "name": "乡镇审核备案",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": _days(10),
            "distinct_from": ["proposal"],
            "return_to": "proposal",
            "next": "implement",
        },
        {
            "key": "implement",
            "name": "立项登记",
            "kind": "task",
            "role": "village_director",
            "fields": [
                _text("project_number", "项目编号", required=False),
                {
                    "key": "start_on",
                    "type": "date",
                    "label": "计划开工日期",
                    "required": True,
                    "public": True,
                },
            ],
            "next": None,
        },
    ],
}

BORROWING = {
    "format": 1,
    "key": "decisions.borrowing",
    "name": "村级举债（借款）",
    "domain": "decisions",
    "basis": [
        f"{ORGANIC_LAW}第二十四条第一款第（八）项",
        "《农村集体经济组织财务制度》（财农〔2021〕121号）",
        PARTY_RULES,
    ],
    "responsible_role": "village_director",
    "description": "村级组织借款一律按“四议两公开”决策，并报乡镇审核同意；严禁为其他单位和个人提供担保，"
    "严禁举债兴办公益事业以外的非生产性项目。",
    "publicity": "举债决议公开不少于3天；借款合同、还款计划和债务余额随财务公开。",
    "guide_unit": "县农业农村局、乡镇农经站",
    "materials": ["借款申请及用途说明", "现有债务情况", "还款计划", MEETING_RECORDS, "借款合同"],
    "steps": [
        {
            "key": "apply",
            "name": "提出借款方案",
            "kind": "task",
            "role": "village_director",
            "time_limit": _days(5),
            "fields": [
                _text("matter", "借款事项", public=True),
                _text("lender", "出借方", public=True),
                _money("amount", "借款金额（元）"),
                _text("purpose", "借款用途", public=True),
                {
                    "key": "term_months",
                    "type": "integer",
                    "label": "借款期限（月）",
                    "required": True,
                    "min": 1,
                    "max": 360,
                    "public": True,
                },
                {
                    "key": "rate",
                    "type": "decimal",
                    "label": "年利率（%）",
                    "required": True,
                    "min": 0,
                    "max": 24,
                    "public": True,
                },
                _money("existing_debt", "现有债务余额（元）"),
                _long("draft_resolution", "借款及还款方案", public=True),
            ],
            "next": "deliberate",
        },
        {
            "key": "deliberate",
            "kind": "include",
            "include": "four_deliberations",
            "next": "township",
        },
        {
            "key": "township",
            "name": "乡镇审核",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": _days(10),
            "distinct_from": ["apply"],
            "return_to": "apply",
            "next": "contract",
        },
        {
            "key": "contract",
            "name": "签订合同并登记债务",
            "kind": "task",
            "role": "village_accountant",
            "fields": [
                {"key": "signed_on", "type": "date", "label": "合同签订日期", "required": True},
                {
                    "key": "due_on",
                    "type": "date",
                    "label": "约定还款日期",
                    "required": True,
                    "public": True,
                },
                _money("contract_amount", "合同金额（元）"),
                _file("contract_file", "借款合同"),
            ],
            "next": None,
        },
    ],
}

FUNDRAISING = {
    "format": 1,
    "key": "decisions.fundraising",
    "name": "一事一议筹资筹劳",
    "domain": "decisions",
    "basis": [
        "《村民一事一议筹资筹劳管理办法》（国办发〔2007〕4号）",
        f"{ORGANIC_LAW}第二十四条第一款第（三）项",
    ],
    "responsible_role": "village_director",
    "description": "兴办村内道路、小型水利、环境卫生等公益事业，由村民会议按“一事一议”讨论决定筹资筹劳，"
    "实行上限控制：每户筹资、筹劳不得超过本地限额标准；五保户、低保户等可减免；方案报乡镇审核。",
    "publicity": "方案提前公告不少于7天；筹资筹劳名单和金额公示不少于7天；使用情况和结果公开不少于7天。",
    "guide_unit": "县农业农村局（农民负担监督管理部门）、乡镇农经站",
    "materials": ["筹资筹劳方案", "受益户名单", "减免名单", MEETING_RECORDS, "收款收据存根"],
    "steps": [
        {
            "key": "plan",
            "name": "拟定筹资筹劳方案",
            "kind": "task",
            "role": "village_committee",
            "time_limit": _days(10),
            "fields": [
                _text("matter", "议事项目", public=True),
                _money("amount", "项目总投资（元）"),
                {
                    "key": "households",
                    "type": "integer",
                    "label": "受益户数",
                    "required": True,
                    "min": 1,
                    "public": True,
                },
                _money("household_cash", "每户筹资额（元）"),
                {
                    "key": "household_labour",
                    "type": "integer",
                    "label": "每户筹劳（个工日）",
                    "required": True,
                    "min": 0,
                    "public": True,
                },
                _money("subsidy", "申请财政奖补（元）", required=False),
                _long(
                    "exemptions", "减免对象及理由（五保户、低保户等）", required=False, public=True
                ),
                _long("draft_resolution", "筹资筹劳方案", public=True),
            ],
            "next": "announce",
        },
        {
            "key": "announce",
            "name": "方案提前公告",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 7,
            "next": "resolve",
        },
        {
            # the villagers' meeting: more than half of the households' representatives
            # present; the plan passes with more than half of those present
            "key": "resolve",
            "name": "村民会议表决",
            "kind": "meeting",
            "role": "village_director",
            "quorum": "1/2",
            "majority": "1/2",
            "fields": [_file("minutes", "会议记录和签字表")],
            "next": "township",
        },
        {
            "key": "township",
            "name": "乡镇审核",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": _days(15),
            "distinct_from": ["plan"],
            "return_to": "plan",
            "next": "roster",
        },
        {
            "key": "roster",
            "name": "筹资筹劳名单公示",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 7,
            "fields": [_file("roster_file", "筹资筹劳名单")],
            "next": "settle",
        },
        {
            "key": "settle",
            "name": "登记筹集和使用情况",
            "kind": "task",
            "role": "village_accountant",
            "fields": [
                _money("raised_cash", "实际筹资（元）"),
                {
                    "key": "raised_labour",
                    "type": "integer",
                    "label": "实际筹劳（个工日）",
                    "required": True,
                    "min": 0,
                    "public": True,
                },
                _long("outcome", "使用情况和建设结果", public=True),
            ],
            "next": "results",
        },
        {
            "key": "results",
            "name": "使用情况和结果公开",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 7,
            "next": None,
        },
    ],
}

ITEMS = [MAJOR_MATTER, VILLAGE_RULES, PROJECT_APPROVAL, BORROWING, FUNDRAISING]
