"""People chosen rather than hired: group leaders (村民小组长推选), supervision committee
members (村务监督委员会成员推选) and reserve cadres (村级后备干部).

Group leaders are chosen by the group's meeting (村民委员会组织法 art. 28: ≥ 2/3 of the
group's adults or household representatives present, > 1/2 of those present agreeing).
Supervision committee members are chosen by the villagers' (representatives') meeting, and
no committee member or close relative of one may sit on it (art. 32).
"""

from plugins.personnel.items.common import (
    ORGANIC_LAW,
    PARTY_RULES,
    SUPERVISION_OPINION,
    appointee,
    filing,
    minutes,
)

TERM = [
    {"key": "starts_on", "type": "date", "label": "任期开始", "required": True, "public": True},
    {"key": "ends_on", "type": "date", "label": "任期届满", "public": True,
     "help": "与本届村民委员会任期相同。"},
]  # fmt: skip

GROUP_LEADER = {
    "format": 1,
    "key": "personnel.group_leader",
    "name": "村民小组长推选",
    "domain": "personnel",
    "basis": [f"{ORGANIC_LAW}第二十八条", PARTY_RULES],
    "responsible_role": "village_director",
    "description": (
        "村民小组长由村民小组会议推选，任期与村民委员会相同，可以连选连任。召开村民小组会议，"
        "应当有本组十八周岁以上村民的三分之二以上，或者本组三分之二以上户的代表参加，"
        "所作决定应当经到会人员的过半数同意。推选结果公示后报乡镇备案。"
    ),
    "publicity": "推选公告公示不少于5天；推选结果在村务公开栏和小组公告栏公示5天。",
    "guide_unit": "县民政局",
    "materials": ["村民小组成员名册", "推选会议签到表"],
    "steps": [
        {
            "key": "plan",
            "name": "村民委员会制定推选方案",
            "kind": "task",
            "role": "village_director",
            "fields": [
                {"key": "group_name", "type": "text", "label": "村民小组", "required": True,
                 "max_length": 50, "public": True},
                {"key": "method", "type": "choice", "label": "推选方式", "required": True,
                 "public": True,
                 "options": [{"value": "villagers", "label": "村民小组会议（十八周岁以上村民）"},
                             {"value": "households", "label": "村民小组户代表会议"}]},
                {"key": "meeting_date", "type": "date", "label": "推选会议日期",
                 "required": True, "public": True},
            ],
            "next": "announce",
        },
        {"key": "announce", "name": "发布推选公告", "kind": "notice", "role": "village_director",
         "notice_days": 5, "next": "elect"},
        {
            "key": "elect",
            "name": "村民小组会议推选",
            "kind": "meeting",
            "role": "village_director",
            "quorum": "2/3",
            "majority": "1/2",
            "fields": [appointee("当选村民小组长"), *TERM, minutes()],
            "next": "result",
        },
        {"key": "result", "name": "推选结果公示", "kind": "notice", "role": "village_director",
         "notice_days": 5, "next": "filing"},
        {**filing("filing", ["elect"], "elect"), "next": None},
    ],
}  # fmt: skip

SUPERVISOR_ELECTION = {
    "format": 1,
    "key": "personnel.supervisor_election",
    "name": "村务监督委员会成员推选（补选）",
    "domain": "personnel",
    "basis": [f"{ORGANIC_LAW}第三十二条", SUPERVISION_OPINION],
    "responsible_role": "village_director",
    "description": (
        "村务监督委员会成员由村民会议或者村民代表会议在村民中推选产生，其中应有具备财会、管理"
        "知识的人员。村民委员会成员及其近亲属、村会计、村文书不得担任村务监督委员会成员。"
        "候选人经乡镇资格审查后提交会议推选，结果公告并报乡镇备案。"
    ),
    "publicity": "推选结果在村务公开栏公告不少于5天。",
    "guide_unit": "县民政局、县纪委监委",
    "materials": ["候选人推荐表", "居民身份证"],
    "steps": [
        {
            "key": "nominate",
            "name": "提名候选人",
            "kind": "task",
            "role": "village_director",
            "fields": [
                appointee("候选人"),
                {"key": "seat", "type": "choice", "label": "推选职务", "required": True,
                 "public": True,
                 "options": [{"value": "chair", "label": "主任"},
                             {"value": "member", "label": "委员"}]},
                {"key": "expertise", "type": "text", "label": "财会、管理等专长",
                 "public": True},
            ],
            "next": "vet",
        },
        {
            "key": "vet",
            "name": "乡镇资格审查（含近亲属回避）",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": {"days": 5, "working": True},
            "distinct_from": ["nominate"],
            "return_to": "nominate",
            "next": "elect",
        },
        {
            "key": "elect",
            "name": "村民会议或村民代表会议推选",
            "kind": "meeting",
            "role": "village_director",
            "quorum": "2/3",
            "majority": "1/2",
            "fields": [*TERM, minutes()],
            "next": "result",
        },
        {"key": "result", "name": "推选结果公告", "kind": "notice", "role": "village_director",
         "notice_days": 5, "next": "filing"},
        {**filing("filing", ["nominate", "vet"], "nominate"), "next": None},
    ],
}  # fmt: skip

RESERVE_CADRE = {
    "format": 1,
    "key": "personnel.reserve_cadre",
    "name": "村级后备干部选拔",
    "domain": "personnel",
    "basis": [PARTY_RULES, "《中国共产党支部工作条例（试行）》"],
    "responsible_role": "village_secretary",
    "description": (
        "村党组织从本村致富能手、外出务工返乡人员、退役军人、大学毕业生等群体中推荐后备干部"
        "人选，经党员和村民代表民主推荐、乡镇党委资格审查和组织考察，公示5个工作日后由乡镇"
        "党委研究确定，纳入村级后备干部库，落实导师帮带和跟岗锻炼。"
    ),
    "publicity": "拟确定人选在村务公开栏公示5个工作日。",
    "guide_unit": "县委组织部",
    "materials": ["村级后备干部推荐表", "居民身份证", "学历证明"],
    "steps": [
        {
            "key": "nominate",
            "name": "村党组织推荐人选",
            "kind": "task",
            "role": "village_secretary",
            "fields": [
                appointee("推荐人选"),
                {"key": "political_status", "type": "choice", "label": "政治面貌",
                 "required": True, "public": True,
                 "options": [{"value": "party_member", "label": "中共党员"},
                             {"value": "league_member", "label": "共青团员"},
                             {"value": "masses", "label": "群众"}]},
                {"key": "background", "type": "choice", "label": "人选来源", "required": True,
                 "options": [{"value": "entrepreneur", "label": "致富能手"},
                             {"value": "returnee", "label": "外出务工经商返乡人员"},
                             {"value": "veteran", "label": "退役军人"},
                             {"value": "graduate", "label": "高校毕业生"},
                             {"value": "other", "label": "其他"}]},
                {"key": "reason", "type": "textarea", "label": "推荐理由", "required": True},
            ],
            "next": "recommend",
        },
        {
            "key": "recommend",
            "name": "党员和村民代表民主推荐",
            "kind": "meeting",
            "role": "village_secretary",
            "quorum": "2/3",
            "majority": "1/2",
            "fields": [minutes()],
            "next": "vet",
        },
        {
            "key": "vet",
            "name": "乡镇党委资格审查（含近亲属回避）",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": {"days": 5, "working": True},
            "distinct_from": ["nominate"],
            "return_to": "nominate",
            "next": "assess",
        },
        {
            "key": "assess",
            "name": "组织考察",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                {"key": "assessment", "type": "textarea", "label": "考察意见", "required": True},
            ],
            "next": "notice",
        },
        {"key": "notice", "name": "拟确定人选公示（5个工作日）", "kind": "notice",
         "role": "village_secretary", "notice_days": 7, "next": "confirm"},
        {
            "key": "confirm",
            "name": "乡镇党委研究确定",
            "kind": "approval",
            "role": "township_admin",
            "fields": [
                {"key": "starts_on", "type": "date", "label": "纳入后备干部库日期",
                 "required": True},
                {"key": "training", "type": "textarea", "label": "培养措施（导师帮带、跟岗锻炼）",
                 "required": True},
            ],
            "distinct_from": ["vet", "assess"],
            "return_to": "nominate",
            "next": None,
        },
    ],
}  # fmt: skip
