"""受灾群众生活救助: a household applies, or its villager group nominates it (户报或组评),
then village review, natural-village notice, township review, county decision, payment by
the one-card system and the signature sheet (《自然灾害救助条例》, DOMAIN §3.8)."""

from __future__ import annotations

from plugins.disaster.items import common as c

BASIS = [
    "《自然灾害救助条例》（国务院令第577号）",
    "《社会救助暂行办法》第四章 受灾人员救助",
    "《关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》",
    "《村民委员会组织法》第三十条",
]
MATERIALS = [
    "救助申请书或村民小组提名表",
    "户主居民身份证、户口簿",
    "受灾情况说明和照片",
    "惠民惠农财政补贴资金“一卡通”账户（社会保障卡或银行卡）",
]
RELIEF_TYPE = {
    "key": "relief_type",
    "type": "choice",
    "label": "救助类别",
    "required": True,
    "public": True,
    "options": [
        {"value": "emergency", "label": "应急期生活救助"},
        {"value": "transitional", "label": "过渡期生活救助"},
        {"value": "winter_spring", "label": "冬春生活救助"},
    ],
}
PUBLICITY = (
    "评议结果在受灾户所在自然村张榜公示5天（脱敏姓名、家庭人口、救助类别、金额）；"
    "发放后救助对象、金额和发放情况随村务公开公布。身份证号和“一卡通”账号不公开。"
)


def _application(key: str, name: str, role: str, extra: list[dict]) -> dict:
    return {
        "key": key,
        "name": name,
        "kind": "task",
        "role": role,
        "fields": [
            c.HEAD,
            c.HOUSEHOLD_SIZE,
            c.DISASTER_TYPE,
            c.DISASTER_DATE,
            RELIEF_TYPE,
            c.LOSSES,
            c.amount("申请救助金额（元）"),
            *extra,
            c.PHOTOS,
        ],
        "branches": c.review_branches(),
        "next": "panel",
    }


HOUSEHOLD_RELIEF = {
    "format": 1,
    "key": "disaster.household_relief",
    "name": "受灾群众生活救助申请",
    "domain": "disaster",
    "basis": BASIS,
    "responsible_role": "village_director",
    "description": (
        "因自然灾害造成基本生活困难的受灾家庭，由户主向村（居）民委员会申请生活救助；"
        "经村级民主评议、在自然村公示，乡镇（街道）审核，县级应急管理部门抽查核实后审批，"
        "资金通过“一卡通”发放到户。"
    ),
    "publicity": PUBLICITY,
    "guide_unit": "县应急管理局",
    "materials": MATERIALS,
    "steps": [
        _application("apply", "受理户申请", "village_committee", []),
        *c.review_and_decision("apply", "payment"),
        c.PAYMENT,
        c.LEDGER,
    ],
}

GROUP_NOMINATION = {
    "format": 1,
    "key": "disaster.group_nomination",
    "name": "村民小组提名救灾救助对象",
    "domain": "disaster",
    "basis": BASIS,
    "responsible_role": "group_leader",
    "description": (
        "受灾家庭未自行申请、但基本生活确有困难的，由村民小组长在小组内评议后提名；"
        "此后与户申请同样经村级民主评议、自然村公示、乡镇审核、县级审批和“一卡通”发放。"
    ),
    "publicity": PUBLICITY,
    "guide_unit": "县应急管理局",
    "materials": MATERIALS,
    "steps": [
        _application(
            "nominate",
            "村民小组提名",
            "group_leader",
            [
                {
                    "key": "nomination_reason",
                    "type": "textarea",
                    "label": "提名理由（小组评议情况）",
                    "required": True,
                }
            ],
        ),
        *c.review_and_decision("nominate", "payment"),
        c.PAYMENT,
        c.LEDGER,
    ],
}
