"""最低生活保障（低保）申请: application, home investigation, democratic review, notice,
township review, the county's decision, and the roster (DOMAIN §3.7)."""

from __future__ import annotations

from plugins.relief.items import fields as f
from plugins.relief.settings import default
from plugins.relief.timing import Timing

DIBAO = {
    "format": 1,
    "key": "relief.dibao",
    "name": "最低生活保障（低保）申请",
    "domain": "relief",
    "basis": [
        "《社会救助暂行办法》第二章 最低生活保障",
        "《最低生活保障审核确认办法》（民发〔2021〕57号）",
        "《村民委员会组织法》第三十条",
    ],
    "responsible_role": "village_director",
    "description": (
        "共同生活的家庭成员人均收入低于当地最低生活保障标准、财产状况符合规定的家庭，"
        "向户籍所在地乡镇（街道）申请最低生活保障；村（居）民委员会可受理并代为提出申请，"
        "协助入户调查、组织民主评议和公示，乡镇审核、县级民政部门审批确认。"
    ),
    "publicity": (
        "民主评议结果在村务公开栏公示7天（申请人脱敏姓名、家庭人口）；批准后保障对象名单"
        "（脱敏姓名、家庭人口、月保障金额、起始日期）在村务公开栏公布不少于7天。"
        "身份证号、收入和家庭成员信息不公开。"
    ),
    "guide_unit": "县民政局",
    "materials": [
        "最低生活保障申请书",
        "户口簿、共同生活家庭成员的居民身份证",
        "家庭收入和财产状况申报表及家庭经济状况核对授权书",
        "残疾证、病历等能够证明家庭困难情况的材料",
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
                f.MEMBERS,
                {
                    "key": "declared_income",
                    "type": "money",
                    "label": "申报的家庭月人均收入（元）",
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
            "name": "入户调查",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": default("dibao_investigation_days"), "working": True},
            "fields": [
                f.VISIT_DATE,
                {
                    "key": "investigators",
                    "type": "table",
                    "label": "调查人员（不少于2人）",
                    "min_rows": 2,
                    "max_rows": 6,
                    "columns": [
                        {"key": "name", "type": "text", "label": "姓名", "required": True},
                        {"key": "unit", "type": "text", "label": "单位或职务", "required": True},
                    ],
                },
                f.FINDINGS,
                {
                    "key": "verified_income",
                    "type": "money",
                    "label": "核实的家庭月人均收入（元）",
                    "required": True,
                },
                f.INVESTIGATION_RECORD,
            ],
            "next": "investigate_sign",
        },
        {
            # both sides of the visit sign the record, each a different person
            "key": "investigate_sign",
            "name": "调查人员签字确认",
            "kind": "countersign",
            "roles": ["village_committee", "group_leader"],
            "next": "review",
        },
        {
            "key": "review",
            "name": "民主评议",
            "kind": "meeting",
            "role": "village_director",
            "quorum": "2/3",
            "majority": "2/3",
            "majority_of": "present",
            "fields": [
                {"key": "review_date", "type": "date", "label": "评议日期", "required": True},
                {"key": "review_minutes", "type": "attachment", "label": "评议会议记录"},
            ],
            "next": "notice",
        },
        {
            "key": "notice",
            "name": "评议结果公示",
            "kind": "notice",
            "role": "village_director",
            "notice_days": default("dibao_notice_days"),
            "next": "township_review",
        },
        {
            "key": "township_review",
            "name": "乡镇（街道）审核",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": {"days": default("dibao_township_days"), "working": True},
            "distinct_from": ["apply", "investigate"],
            "return_to": "investigate",
            "fields": [
                {
                    "key": "proposed_amount",
                    "type": "money",
                    "label": "拟保障金额（元/月）",
                    "required": True,
                }
            ],
            "next": "county_decision",
        },
        {
            "key": "county_decision",
            "name": "县级审批确认",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": default("dibao_county_days"), "working": True},
            "fields": f.county_result_fields("月保障金额（元）"),
            "branches": [f.REFUSAL_BRANCH],
            "next": "roster",
        },
        f.REFUSAL,
        {
            "key": "roster",
            "name": "保障名单公布",
            "kind": "notice",
            "role": "village_director",
            "notice_days": default("dibao_roster_days"),
            "next": None,
        },
    ],
}

#: which steps take their days from which setting (see ``plugins.relief.timing``)
DIBAO_TIMINGS = {
    "investigate": Timing("relief.dibao_investigation_days"),
    "notice": Timing("relief.dibao_notice_days", "calendar"),
    "township_review": Timing("relief.dibao_township_days"),
    "county_decision": Timing("relief.dibao_county_days"),
    "refusal": Timing("relief.refusal_days"),
    "roster": Timing("relief.dibao_roster_days", "calendar"),
}
