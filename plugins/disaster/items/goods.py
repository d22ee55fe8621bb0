"""救灾物资发放: the village lists who gets which relief goods, a panel reviews the list, it
is posted, the goods are handed out under the supervision committee's eye, and every
recipient signs the signature sheet (签领表), filed with the ledger within 3 days."""

from __future__ import annotations

from plugins.disaster.items import common as c
from plugins.disaster.items.household import BASIS
from plugins.disaster.settings import default

GOODS_DISTRIBUTION = {
    "format": 1,
    "key": "disaster.goods_distribution",
    "name": "救灾物资发放",
    "domain": "disaster",
    "basis": BASIS,
    "responsible_role": "village_director",
    "description": (
        "上级调拨或社会捐赠的救灾物资，由村（居）民委员会按受灾程度拟定发放名单，经评议小组"
        "评议并公示后，在村务监督委员会监督下发放到户，受助群众逐户签领，建立发放台账。"
    ),
    "publicity": (
        "发放名单（脱敏姓名、家庭人口、物资和折价金额）在自然村公示5天；发放结果随村务公开"
        "公布。身份证号不公开。"
    ),
    "guide_unit": "县应急管理局",
    "materials": ["救灾物资调拨单或捐赠清单", "受灾户名单", "物资签领表"],
    "steps": [
        {
            "key": "plan",
            "name": "拟定发放名单",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                {
                    "key": "batch",
                    "type": "text",
                    "label": "物资来源（调拨单号或捐赠方）",
                    "required": True,
                },
                {
                    "key": "goods",
                    "type": "table",
                    "label": "物资清单",
                    "min_rows": 1,
                    "max_rows": 50,
                    "public": True,
                    "columns": [
                        {"key": "name", "type": "text", "label": "物资名称", "required": True},
                        {"key": "unit", "type": "text", "label": "单位", "required": True},
                        {
                            "key": "quantity",
                            "type": "integer",
                            "label": "数量",
                            "required": True,
                            "min": 1,
                        },
                    ],
                },
                {
                    "key": "recipients",
                    "type": "table",
                    "label": "受助户名单",
                    "required": True,
                    "min_rows": 1,
                    "max_rows": 500,
                    "public": True,
                    "columns": [
                        {
                            "key": "head_name",
                            "type": "text",
                            "label": "户主",
                            "required": True,
                            "mask": True,
                        },
                        {
                            "key": "id_number",
                            "type": "id_number",
                            "label": "身份证号",
                            "required": True,
                            "public": False,
                        },
                        {
                            "key": "household_size",
                            "type": "integer",
                            "label": "家庭人口",
                            "required": True,
                            "min": 1,
                            "max": 30,
                        },
                        {
                            "key": "goods_given",
                            "type": "text",
                            "label": "发放物资",
                            "required": True,
                        },
                        {
                            "key": "value",
                            "type": "money",
                            "label": "折价金额（元）",
                            "required": True,
                        },
                    ],
                },
                {
                    "key": "allocation_doc",
                    "type": "attachment",
                    "label": "调拨单或捐赠清单",
                    "accept": ["image", "pdf", "spreadsheet"],
                },
            ],
            "next": "panel",
        },
        {
            "key": "panel",
            "name": "评议小组评议发放名单",
            "kind": "meeting",
            "role": "village_director",
            "quorum": "2/3",
            "majority": "1/2",
            "majority_of": "present",
            "fields": [
                {"key": "review_date", "type": "date", "label": "评议日期", "required": True}
            ],
            "next": "notice",
        },
        {
            "key": "notice",
            "name": "发放名单公示",
            "kind": "notice",
            "role": "village_director",
            "notice_days": default("notice_days"),
            "next": "distribute",
        },
        {
            "key": "distribute",
            "name": "发放到户",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                {"key": "distributed_on", "type": "date", "label": "发放日期", "required": True},
                {
                    "key": "distribution_photos",
                    "type": "attachment",
                    "label": "发放现场照片",
                    "accept": ["image", "pdf"],
                },
            ],
            "next": "supervise",
        },
        {
            # the supervision committee watched the hand-out; the director answers for it
            "key": "supervise",
            "name": "监督发放签字",
            "kind": "countersign",
            "roles": ["village_supervisor", "village_director"],
            "next": "ledger",
        },
        c.LEDGER,
    ],
}
