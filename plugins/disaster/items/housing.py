"""倒房重建补助申请: a household whose house collapsed or was badly damaged applies; the
township assesses the damage, the village reviews, the county decides, and the subsidy is
paid through the one-card system after the rebuilt house passes acceptance."""

from __future__ import annotations

from plugins.disaster.items import common as c
from plugins.disaster.items.household import BASIS

DAMAGE = [
    {"value": "collapsed", "label": "倒塌"},
    {"value": "severe", "label": "严重损坏"},
]

HOUSING_REBUILD = {
    "format": 1,
    "key": "disaster.housing_rebuild",
    "name": "倒房重建补助申请",
    "domain": "disaster",
    "basis": BASIS,
    "responsible_role": "village_director",
    "description": (
        "住房因自然灾害倒塌或严重损坏、需要恢复重建的受灾户，申请倒房重建补助；乡镇（街道）"
        "核定倒损程度，村级民主评议并公示，县级应急管理部门审批，重建竣工验收后补助资金"
        "通过“一卡通”发放到户。"
    ),
    "publicity": (
        "评议结果在自然村张榜公示5天（脱敏姓名、家庭人口、倒损程度、补助金额）；"
        "补助发放情况随村务公开公布。身份证号和“一卡通”账号不公开。"
    ),
    "guide_unit": "县应急管理局、县住房和城乡建设局",
    "materials": [
        "倒房重建补助申请书",
        "户主居民身份证、户口簿",
        "房屋倒损照片",
        "宅基地或住房权属证明",
        "重建方案和预算",
        "惠民惠农财政补贴资金“一卡通”账户",
    ],
    "steps": [
        {
            "key": "apply",
            "name": "受理申请",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                c.HEAD,
                c.HOUSEHOLD_SIZE,
                c.DISASTER_TYPE,
                c.DISASTER_DATE,
                {
                    "key": "damage",
                    "type": "choice",
                    "label": "住房倒损程度",
                    "required": True,
                    "public": True,
                    "options": DAMAGE,
                },
                {
                    "key": "house_area",
                    "type": "decimal",
                    "label": "原住房面积（平方米）",
                    "required": True,
                    "min": 0,
                },
                {"key": "rebuild_plan", "type": "textarea", "label": "重建方案", "required": True},
                c.amount("申请补助金额（元）"),
                {**c.PHOTOS, "required": True, "label": "房屋倒损照片"},
            ],
            "next": "assess",
        },
        {
            "key": "assess",
            "name": "房屋倒损核定",
            "kind": "task",
            "role": "township_admin",
            "fields": [
                {"key": "assessed_on", "type": "date", "label": "核定日期", "required": True},
                {
                    "key": "assessed_damage",
                    "type": "choice",
                    "label": "核定的倒损程度",
                    "required": True,
                    "options": DAMAGE,
                },
                {
                    "key": "assessment_report",
                    "type": "attachment",
                    "label": "倒损核定表或鉴定报告",
                    "accept": ["image", "pdf"],
                },
            ],
            "branches": c.review_branches(),
            "next": "panel",
        },
        *c.review_and_decision("apply", "acceptance"),
        {
            "key": "acceptance",
            "name": "重建竣工验收",
            "kind": "task",
            "role": "township_admin",
            "fields": [
                {"key": "accepted_on", "type": "date", "label": "验收日期", "required": True},
                {
                    "key": "acceptance_report",
                    "type": "attachment",
                    "label": "竣工验收表和照片",
                    "required": True,
                    "accept": ["image", "pdf"],
                },
            ],
            "next": "payment",
        },
        c.PAYMENT,
        c.LEDGER,
    ],
}
