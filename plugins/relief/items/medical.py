"""医疗救助转介: the village takes in a patient's request, checks it, and the township refers
it to the county medical-security bureau, which grants medical assistance; the village
records the outcome so nobody is left waiting without an answer."""

from __future__ import annotations

from plugins.relief.items import fields as f
from plugins.relief.settings import default
from plugins.relief.timing import Timing

MEDICAL_REFERRAL = {
    "format": 1,
    "key": "relief.medical_referral",
    "name": "医疗救助转介",
    "domain": "relief",
    "basis": [
        "《社会救助暂行办法》第五章 医疗救助",
        "《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》（国办发〔2021〕42号）",
    ],
    "responsible_role": "village_director",
    "description": (
        "低保对象、特困人员、低收入家庭成员和因病致贫重病患者，经基本医疗保险、大病保险报销后"
        "个人负担仍然较重的，由村（居）民委员会受理、核实，乡镇（街道）转介县医疗保障部门"
        "申请医疗救助，并跟踪记录救助结果。"
    ),
    "publicity": "涉及个人健康信息，病情和费用明细不公开；救助结果按县医疗保障部门规定公开。",
    "guide_unit": "县医疗保障局、县民政局",
    "materials": [
        "居民身份证或户口簿、医保卡",
        "住院病历、诊断证明",
        "医疗费用票据和医保结算单",
        "低保、特困或低收入家庭等身份证明",
    ],
    "steps": [
        {
            "key": "apply",
            "name": "受理求助",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                {**f.applicant(public=False), "label": "患者"},
                f.PHONE,
                {
                    "key": "category",
                    "type": "choice",
                    "label": "救助对象类别",
                    "required": True,
                    "options": [
                        {"value": "dibao", "label": "低保对象"},
                        {"value": "destitute", "label": "特困人员"},
                        {"value": "low_income", "label": "低收入家庭成员"},
                        {"value": "catastrophic", "label": "因病致贫重病患者"},
                        {"value": "other", "label": "其他困难群众"},
                    ],
                },
                {"key": "hospital", "type": "text", "label": "就诊医院", "required": True},
                {
                    "key": "total_cost",
                    "type": "money",
                    "label": "医疗总费用（元）",
                    "required": True,
                },
                {
                    "key": "self_paid",
                    "type": "money",
                    "label": "医保报销后个人负担（元）",
                    "required": True,
                },
                {
                    "key": "medical_documents",
                    "type": "attachment",
                    "label": "病历、费用票据和医保结算单",
                    "required": True,
                    "accept": ["image", "pdf"],
                },
            ],
            "next": "verify",
        },
        {
            "key": "verify",
            "name": "村委会核实",
            "kind": "approval",
            "role": "village_director",
            "time_limit": {"days": default("medical_verify_days"), "working": True},
            "distinct_from": ["apply"],
            "return_to": "apply",
            "fields": [
                {
                    "key": "household_situation",
                    "type": "textarea",
                    "label": "家庭困难情况核实意见",
                    "required": True,
                }
            ],
            "next": "refer",
        },
        {
            "key": "refer",
            "name": "转介县医疗保障部门",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": default("medical_referral_days"), "working": True},
            "fields": [
                {
                    "key": "referred_to",
                    "type": "choice",
                    "label": "转介单位",
                    "required": True,
                    "options": [
                        {"value": "medical_security", "label": "县医疗保障局"},
                        {"value": "civil_affairs", "label": "县民政局（临时救助）"},
                        {"value": "charity", "label": "慈善组织"},
                    ],
                },
                {"key": "referred_on", "type": "date", "label": "转介日期", "required": True},
            ],
            "next": "outcome",
        },
        {
            "key": "outcome",
            "name": "记录救助结果",
            "kind": "task",
            "role": "township_admin",
            "fields": [
                {
                    "key": "result",
                    "type": "choice",
                    "label": "救助结果",
                    "required": True,
                    "options": [
                        {"value": "granted", "label": "已获医疗救助"},
                        {"value": "refused", "label": "不符合条件，已告知"},
                    ],
                },
                {
                    "key": "granted_amount",
                    "type": "money",
                    "label": "医疗救助金额（元）",
                    "visible_when": {"==": [{"var": "result"}, "granted"]},
                    "required_when": {"==": [{"var": "result"}, "granted"]},
                },
                {"key": "outcome_on", "type": "date", "label": "结果日期", "required": True},
            ],
            "next": None,
        },
    ],
}

MEDICAL_TIMINGS = {
    "verify": Timing("relief.medical_verify_days"),
    "refer": Timing("relief.medical_referral_days"),
}
