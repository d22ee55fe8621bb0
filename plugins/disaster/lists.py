"""Disaster relief's entries for the responsibility list (责任清单) and the negative list
(负面清单), from DOMAIN §4: the group leader nominates relief candidates; nobody favours
relatives (优亲厚友) or diverts relief money and goods. Each prohibition a rule detects
names that rule."""

from __future__ import annotations

RESPONSIBILITIES = [
    {
        "role": "group_leader",
        "text": "灾后及时摸排本组受灾情况，召集小组评议并提名救灾救助对象，如实反映受灾户困难。",
    },
    {
        "role": "village_director",
        "text": "受理受灾群众救助申请，组织民主评议，在自然村张榜公示评议结果，"
        "按时报送乡镇（街道）审核。",
    },
    {
        "role": "village_committee",
        "text": "协助核查灾情，救灾款物发放后3日内建立发放台账、收齐签领表。",
    },
    {
        "role": "village_supervisor",
        "text": "监督救灾救助评议、公示和款物发放全过程，在物资发放现场监督签字。",
    },
    {
        "role": "township_admin",
        "text": "审核村级评议结果，核定房屋倒损，跟踪县级审批，资金下达后15个工作日内"
        "通过“一卡通”发放到户。",
    },
]

PROHIBITIONS = [
    {
        "text": "不得优亲厚友，把救灾款物发给不符合条件的亲属、关系户。",
        "rule": "disaster.kin_beneficiary",
    },
    {
        "text": "不得让同一受灾户在同一期间重复领取救灾救助，或在两个村重复领取。",
        "rule": "disaster.duplicate_benefit",
    },
    {
        "text": "不得未经民主评议和自然村公示即上报救灾救助对象。",
        "rule": "missing_notice",
    },
    {
        "text": "不得截留、挪用、克扣、平均分配救灾款物，不得以现金代替“一卡通”发放。",
        "rule": None,
    },
    {
        "text": "不得代领、冒领救灾款物，不得不经受助群众签领即报账。",
        "rule": None,
    },
]
