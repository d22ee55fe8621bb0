"""Hiring and dismissing village staff (村级工作人员选聘、解聘), DOMAIN §3.4.

Hiring: post and criteria by the two committees → 四议两公开 where the pay comes from
collective funds or the post handles money (accountant, cashier, bookkeeper are chosen by the
villagers' meeting) → recruitment notice ≥ 5 days → eligibility and kinship check → written
test / interview → background check → candidate posted 5 working days → agreement → filed
with the township → result published.

The engine counts notice days as calendar days; the candidate's 5 working days are posted
for 7 calendar days, which covers them in any week without a public holiday.
"""

from plugins.personnel.items.common import (
    ACCOUNTING_AVOIDANCE,
    GUIDE_UNIT,
    INTEGRITY_RULES,
    IS_FINANCE_POST,
    ORGANIC_LAW,
    PARTY_RULES,
    appointee,
    filing,
    minutes,
    post,
)

HIRING = {
    "format": 1,
    "key": "personnel.hiring",
    "name": "村级工作人员选聘（会计、出纳、报账员等）",
    "domain": "personnel",
    "basis": [f"{ORGANIC_LAW}第二十四条", PARTY_RULES, ACCOUNTING_AVOIDANCE, INTEGRITY_RULES],
    "responsible_role": "village_secretary",
    "description": (
        "村会计、出纳、报账员、文书等工作人员由村“两委”提出岗位和条件，报酬从村集体收益中列支"
        "或属管钱管账岗位的，按“四议两公开”程序由村民（代表）会议决定；公开招聘，经资格审查、"
        "亲属回避审查、笔试面试和组织考察，拟聘人选公示5个工作日后签订聘用协议，报乡镇备案。"
        "村“两委”成员的近亲属不得担任本村会计、出纳、报账员。"
    ),
    "publicity": "招聘公告公示不少于5天；拟聘人选公示5个工作日；聘用结果在村务公开栏公布。",
    "guide_unit": GUIDE_UNIT,
    "materials": ["报名表", "居民身份证", "学历证明及会计等专业资格证书", "无违法犯罪记录承诺书"],
    "steps": [
        {
            "key": "criteria",
            "name": "村“两委”会议确定岗位和任职条件",
            "kind": "meeting",
            "role": "village_secretary",
            "quorum": "2/3",
            "majority": "1/2",
            "fields": [
                post(),
                {"key": "positions", "type": "integer", "label": "招聘人数", "required": True,
                 "min": 1, "max": 10, "public": True},
                {"key": "criteria", "type": "textarea", "label": "任职条件", "required": True,
                 "public": True},
                {"key": "pay_from_collective", "type": "boolean",
                 "label": "报酬从村集体经济收益中列支", "required": True},
                {"key": "pay_standard", "type": "text", "label": "报酬标准", "public": True},
                minutes(),
            ],
            "branches": [
                {"when": {"or": [{"==": [{"var": "pay_from_collective"}, True]},
                                 IS_FINANCE_POST]},
                 "goto": "deliberate"},
            ],
            "next": "announcement",
        },
        {"key": "deliberate", "kind": "include", "include": "four_deliberations",
         "next": "announcement"},
        {
            "key": "announcement",
            "name": "拟定招聘公告",
            "kind": "task",
            "role": "village_director",
            "fields": [
                {"key": "apply_until", "type": "date", "label": "报名截止日期", "required": True,
                 "public": True},
                {"key": "apply_place", "type": "text", "label": "报名地点", "required": True,
                 "public": True},
            ],
            "next": "recruit",
        },
        {
            "key": "recruit",
            "name": "发布招聘公告",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 5,
            "next": "eligibility",
        },
        {
            "key": "eligibility",
            "name": "资格审查和亲属回避审查",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": 5, "working": True},
            "fields": [
                {"key": "applicants", "type": "table", "label": "报名人员审查表", "min_rows": 1,
                 "max_rows": 100, "required": True,
                 "columns": [
                     {"key": "name", "type": "text", "label": "姓名", "required": True,
                      "max_length": 50},
                     {"key": "id_number", "type": "id_number", "label": "身份证号",
                      "required": True},
                     {"key": "qualified", "type": "boolean", "label": "符合任职条件",
                      "required": True},
                     {"key": "kin_of_cadre", "type": "boolean",
                      "label": "系村“两委”成员近亲属", "required": True},
                 ]},
            ],
            "next": "exam",
        },
        {
            "key": "exam",
            "name": "笔试、面试",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                {"key": "exam_method", "type": "choice", "label": "考试方式", "required": True,
                 "options": [{"value": "written_interview", "label": "笔试和面试"},
                             {"value": "interview", "label": "面试"}]},
                {"key": "scores", "type": "attachment", "label": "成绩汇总表", "required": True},
                appointee("拟聘人选"),
            ],
            "next": "background",
        },
        {
            "key": "background",
            "name": "组织考察",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": {"days": 5, "working": True},
            "fields": [
                {"key": "assessment", "type": "textarea", "label": "考察意见", "required": True},
            ],
            "distinct_from": ["exam"],
            "return_to": "exam",
            "next": "candidate_notice",
        },
        {
            "key": "candidate_notice",
            "name": "拟聘人选公示（5个工作日）",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 7,
            "next": "agreement",
        },
        {
            "key": "agreement",
            "name": "签订聘用协议",
            "kind": "task",
            "role": "village_director",
            "fields": [
                {"key": "starts_on", "type": "date", "label": "聘期开始", "required": True,
                 "public": True},
                {"key": "ends_on", "type": "date", "label": "聘期结束", "public": True},
                {"key": "agreement_file", "type": "attachment", "label": "聘用协议",
                 "required": True},
            ],
            "next": "filing",
        },
        {**filing("filing", ["agreement"], "agreement"), "next": "publish"},
        {
            "key": "publish",
            "name": "聘用结果公布",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 5,
            "next": None,
        },
    ],
}  # fmt: skip

DISMISSAL_REASONS = [
    {"value": "term_ended", "label": "聘期届满不再续聘"},
    {"value": "unfit", "label": "不能胜任岗位工作"},
    {"value": "misconduct", "label": "违纪违法"},
    {"value": "resigned", "label": "本人申请辞职"},
    {"value": "other", "label": "其他"},
]

DISMISSAL = {
    "format": 1,
    "key": "personnel.dismissal",
    "name": "村级工作人员解聘",
    "domain": "personnel",
    "basis": [f"{ORGANIC_LAW}第二十四条", PARTY_RULES, INTEGRITY_RULES],
    "responsible_role": "village_secretary",
    "description": (
        "村级工作人员聘期届满、不能胜任、违纪违法或本人辞职的，由村党组织提出解聘意见，"
        "听取本人陈述申辩，经村“两委”会议研究；会计、出纳、报账员由村民代表会议表决。"
        "报乡镇备案后办理工作交接（账簿、凭证、印章、现金、票据），结果公布。"
    ),
    "publicity": "解聘结果在村务公开栏公布不少于5天。",
    "guide_unit": GUIDE_UNIT,
    "materials": ["聘用协议", "解聘事实材料", "本人辞职申请（如有）"],
    "steps": [
        {
            "key": "propose",
            "name": "村党组织提出解聘意见",
            "kind": "task",
            "role": "village_secretary",
            "fields": [
                appointee("被解聘人员"),
                post("所任岗位"),
                {"key": "reason", "type": "choice", "label": "解聘原因", "required": True,
                 "options": DISMISSAL_REASONS},
                {"key": "facts", "type": "textarea", "label": "事实和依据", "required": True},
            ],
            "next": "hear",
        },
        {
            "key": "hear",
            "name": "听取本人陈述和申辩",
            "kind": "task",
            "role": "village_director",
            "time_limit": {"days": 5, "working": True},
            "fields": [
                {"key": "statement", "type": "textarea", "label": "陈述申辩要点（放弃的写明）",
                 "required": True},
            ],
            "next": "decide",
        },
        {
            "key": "decide",
            "name": "村“两委”会议研究决定",
            "kind": "meeting",
            "role": "village_secretary",
            "quorum": "2/3",
            "majority": "1/2",
            "fields": [minutes()],
            "branches": [{"when": IS_FINANCE_POST, "goto": "representatives"}],
            "next": "filing",
        },
        {
            "key": "representatives",
            "name": "村民代表会议表决",
            "kind": "meeting",
            "role": "village_director",
            "quorum": "2/3",
            "majority": "1/2",
            "fields": [{**minutes(), "key": "representatives_minutes"}],
            "next": "filing",
        },
        {**filing("filing", ["propose"], "propose"), "next": "handover"},
        {
            "key": "handover",
            "name": "办理工作交接",
            "kind": "task",
            "role": "village_director",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                {"key": "ends_on", "type": "date", "label": "解聘日期", "required": True,
                 "public": True},
                {"key": "handover_list", "type": "attachment",
                 "label": "交接清单（账簿、凭证、印章、现金、票据）", "required": True},
            ],
            "next": "publish",
        },
        {
            "key": "publish",
            "name": "解聘结果公布",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 5,
            "next": None,
        },
    ],
}  # fmt: skip
