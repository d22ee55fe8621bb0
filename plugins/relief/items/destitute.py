"""特困人员救助供养申请: investigation in 15 working days, a 7-day notice that never shows a
minor, the county's decision in 10 working days, a written refusal in 3 (DOMAIN §3.7).

The applicant's name and ID number are not public. The notice shows a masked name through
``public_name``, which stays empty when the applicant is a minor (未成年人); and whatever the
clerk ticked, ``ledger.protect_minors`` takes the name off a notice when the ID number shows
the applicant is under 18.
"""

from __future__ import annotations

from plugins.relief.items import fields as f
from plugins.relief.settings import default
from plugins.relief.timing import Timing

DESTITUTE = {
    "format": 1,
    "key": "relief.destitute",
    "name": "特困人员救助供养申请",
    "domain": "relief",
    "basis": [
        "《社会救助暂行办法》第三章 特困人员供养",
        "《特困人员认定办法》（民发〔2021〕43号）",
        "《未成年人保护法》第四条",
    ],
    "responsible_role": "village_director",
    "description": (
        "无劳动能力、无生活来源，且无法定赡养、抚养、扶养义务人或者其法定义务人无履行义务能力"
        "的老年人、残疾人以及未满16周岁的未成年人，申请特困人员救助供养；村（居）民委员会"
        "可代为申请，乡镇（街道）调查核实，县级民政部门审批认定。"
    ),
    "publicity": (
        "调查核实结果在村务公开栏公示7天（脱敏姓名、供养方式）；申请人为未成年人的，"
        "其姓名等个人信息一律不公示。身份证号、健康和家庭情况不公开。"
    ),
    "guide_unit": "县民政局",
    "materials": [
        "特困人员救助供养申请书",
        "户口簿、居民身份证",
        "残疾证、病历等无劳动能力的证明",
        "无法定义务人或义务人无履行能力的说明和证明",
        "收入和财产状况申报表及授权核查书",
    ],
    "steps": [
        {
            "key": "apply",
            "name": "受理申请",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                f.applicant(public=False),
                {
                    "key": "minor",
                    "type": "boolean",
                    "label": "未成年人",
                    "required": True,
                    "help": "申请人未满18周岁的选“是”：其姓名等信息不公示、不在村务公开中出现。",
                },
                {
                    # the masked name on the notice; left empty for a minor
                    "key": "public_name",
                    "type": "computed",
                    "label": "申请人",
                    "result_type": "text",
                    "formula": {"if": [{"var": "minor"}, None, {"var": "applicant.name"}]},
                    "public": True,
                    "mask": True,
                },
                f.PHONE,
                {
                    "key": "no_work_ability",
                    "type": "boolean",
                    "label": "无劳动能力",
                    "required": True,
                },
                {
                    "key": "no_supporter",
                    "type": "boolean",
                    "label": "无法定赡养、抚养、扶养义务人或义务人无履行能力",
                    "required": True,
                },
                {"key": "reason", "type": "textarea", "label": "申请理由", "required": True},
                f.ON_BEHALF,
                f.DOCUMENTS,
            ],
            "next": "investigate",
        },
        {
            "key": "investigate",
            "name": "调查核实",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": default("destitute_investigation_days"), "working": True},
            "fields": [
                f.VISIT_DATE,
                {
                    "key": "self_care",
                    "type": "choice",
                    "label": "生活自理能力",
                    "required": True,
                    "options": [
                        {"value": "full", "label": "具备生活自理能力"},
                        {"value": "partial", "label": "部分丧失生活自理能力"},
                        {"value": "none", "label": "完全丧失生活自理能力"},
                    ],
                },
                {
                    "key": "support_mode",
                    "type": "choice",
                    "label": "供养方式",
                    "required": True,
                    "public": True,
                    "options": [
                        {"value": "dispersed", "label": "分散供养"},
                        {"value": "centralized", "label": "集中供养"},
                    ],
                },
                f.FINDINGS,
                f.INVESTIGATION_RECORD,
            ],
            "next": "notice",
        },
        {
            "key": "notice",
            "name": "调查结果公示",
            "kind": "notice",
            "role": "village_director",
            "notice_days": default("destitute_notice_days"),
            "next": "township_review",
        },
        {
            "key": "township_review",
            "name": "乡镇（街道）审核",
            "kind": "approval",
            "role": "township_admin",
            "distinct_from": ["investigate"],
            "return_to": "investigate",
            "next": "county_decision",
        },
        {
            "key": "county_decision",
            "name": "县级审批认定",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": default("destitute_decision_days"), "working": True},
            "fields": f.county_result_fields("供养金额（元/月）"),
            "branches": [f.REFUSAL_BRANCH],
            "next": None,
        },
        f.REFUSAL,
    ],
}

DESTITUTE_TIMINGS = {
    "investigate": Timing("relief.destitute_investigation_days"),
    "notice": Timing("relief.destitute_notice_days", "calendar"),
    "county_decision": Timing("relief.destitute_decision_days"),
    "refusal": Timing("relief.refusal_days"),
}
