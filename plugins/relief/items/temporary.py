"""临时救助申请: the ordinary path (investigation, notice, township and county review) and
the emergency path — aid first, within 48 hours, paperwork within 5 working days after
(DOMAIN §3.7)."""

from __future__ import annotations

from plugins.relief.items import fields as f
from plugins.relief.settings import default
from plugins.relief.timing import Timing

#: 遭遇困难类型: also the "same cause" the duplicate rule compares
CAUSES = [
    {"value": "illness", "label": "重大疾病"},
    {"value": "accident", "label": "意外事故、交通事故"},
    {"value": "fire", "label": "火灾等突发事件"},
    {"value": "disaster", "label": "自然灾害"},
    {"value": "essential", "label": "生活必需支出突然增加"},
    {"value": "other", "label": "其他特殊困难"},
]

TEMPORARY = {
    "format": 1,
    "key": "relief.temporary",
    "name": "临时救助申请",
    "domain": "relief",
    "basis": [
        "《社会救助暂行办法》第十章 临时救助",
        "《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）",
        "《关于进一步加强和改进临时救助工作的意见》（民发〔2018〕23号）",
    ],
    "responsible_role": "village_director",
    "description": (
        "因火灾、交通事故、重大疾病等意外事件或生活必需支出突然增加，基本生活暂时出现严重困难"
        "的家庭或个人，申请临时救助。情况紧急的，乡镇（街道）先行救助，事后补办手续；"
        "同一家庭因同一事由原则上一年内救助一次。"
    ),
    "publicity": (
        "审核意见在申请人所在村公示5个工作日（脱敏姓名、家庭人口、困难类型、申请金额）；"
        "救助结果（脱敏姓名、救助金额、发放日期）随村务公开公布。"
    ),
    "guide_unit": "县民政局",
    "materials": [
        "临时救助申请书",
        "户口簿、居民身份证",
        "遭遇困难的证明材料（医疗费用票据、火灾或事故证明等）",
        "家庭经济状况核对授权书",
    ],
    "steps": [
        {
            "key": "apply",
            "name": "受理申请",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                f.applicant(),
                f.PHONE,
                f.HOUSEHOLD_SIZE,
                {
                    "key": "cause",
                    "type": "choice",
                    "label": "遭遇困难类型",
                    "required": True,
                    "public": True,
                    "options": CAUSES,
                },
                {"key": "hardship", "type": "textarea", "label": "困难情况", "required": True},
                {
                    "key": "requested_amount",
                    "type": "money",
                    "label": "申请救助金额（元）",
                    "required": True,
                    "public": True,
                },
                {
                    "key": "emergency",
                    "type": "boolean",
                    "label": "情况紧急，需先行救助",
                    "required": True,
                    "help": "基本生活面临严重困难、不及时救助可能危及生命或健康的，先行救助，事后补办手续。",
                },
                f.ON_BEHALF,
                f.DOCUMENTS,
            ],
            "branches": [{"when": {"==": [{"var": "emergency"}, True]}, "goto": "emergency_aid"}],
            "next": "investigate",
        },
        {
            "key": "emergency_aid",
            "name": "紧急先行救助",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": 2, "working": False},
            "fields": [
                {
                    "key": "aid_amount",
                    "type": "money",
                    "label": "先行救助金额或实物折价（元）",
                    "required": True,
                },
                {
                    "key": "aid_form",
                    "type": "choice",
                    "label": "救助方式",
                    "required": True,
                    "options": [
                        {"value": "cash", "label": "发放救助金"},
                        {"value": "goods", "label": "发放实物"},
                        {"value": "service", "label": "提供转介服务"},
                    ],
                },
                {"key": "aid_on", "type": "date", "label": "救助日期", "required": True},
            ],
            "next": "paperwork",
        },
        {
            "key": "paperwork",
            "name": "补办申请手续",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": default("emergency_paperwork_days"), "working": True},
            "fields": [
                {
                    "key": "supplementary",
                    "type": "attachment",
                    "label": "补充的申请材料",
                    "required": True,
                    "accept": ["image", "pdf"],
                },
                {"key": "situation", "type": "textarea", "label": "先行救助情况说明"},
            ],
            "next": "notice",
        },
        {
            "key": "investigate",
            "name": "调查核实",
            "kind": "task",
            "role": "village_committee",
            "fields": [f.VISIT_DATE, f.FINDINGS, f.INVESTIGATION_RECORD],
            "next": "notice",
        },
        {
            "key": "notice",
            "name": "村内公示",
            "kind": "notice",
            "role": "village_director",
            "notice_days": default("temporary_notice_days"),
            "next": "township_review",
        },
        {
            "key": "township_review",
            "name": "乡镇（街道）审核",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": {"days": default("temporary_township_days"), "working": True},
            "distinct_from": ["apply"],
            "return_to": "apply",
            "fields": [
                {
                    "key": "proposed_amount",
                    "type": "money",
                    "label": "拟救助金额（元）",
                    "required": True,
                }
            ],
            "next": "county_decision",
        },
        {
            "key": "county_decision",
            "name": "县级审批",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": default("temporary_county_days"), "working": True},
            "fields": [
                *f.county_result_fields("救助金额（元，含先行救助）", with_start=False),
                {
                    "key": "paid_on",
                    "type": "date",
                    "label": "发放日期",
                    "public": True,
                    "visible_when": {"==": [{"var": "county_result"}, "approve"]},
                    "required_when": {"==": [{"var": "county_result"}, "approve"]},
                },
            ],
            "branches": [f.REFUSAL_BRANCH],
            "next": None,
        },
        f.REFUSAL,
    ],
}

TEMPORARY_TIMINGS = {
    "emergency_aid": Timing("relief.emergency_aid_hours", "hours"),
    "paperwork": Timing("relief.emergency_paperwork_days"),
    "notice": Timing("relief.temporary_notice_days"),
    "township_review": Timing("relief.temporary_township_days"),
    "county_decision": Timing("relief.temporary_county_days"),
    "refusal": Timing("relief.refusal_days"),
}
