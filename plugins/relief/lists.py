"""Relief's entries for the responsibility list (责任清单) and the negative list (负面清单),
from DOMAIN §4: the 2011 rules on rural cadres' integrity forbid favouring relatives
(优亲厚友) in relief; each prohibition a rule detects names that rule."""

from __future__ import annotations

RESPONSIBILITIES = [
    {
        "role": "village_director",
        "text": "受理或代为提出低保、特困供养、临时救助申请，组织入户调查、民主评议和公示，"
        "公布保障对象名单。",
    },
    {
        "role": "village_committee",
        "text": "参加困难家庭入户调查，如实填写调查表并签字；发现急难情况及时报告，"
        "协助申请临时救助和医疗救助。",
    },
    {
        "role": "group_leader",
        "text": "参加本组困难家庭入户调查，如实反映家庭人口、收入和财产状况。",
    },
    {
        "role": "village_supervisor",
        "text": "监督救助对象民主评议和公示全过程，受理村民对救助对象的异议和举报。",
    },
    {
        "role": "village_secretary",
        "text": "督促村干部如实申报近亲属享受救助情况并单独登记备案，本人及近亲属申请时回避。",
    },
    {
        "role": "township_admin",
        "text": "按时限审核救助申请、入户抽查；对不予批准的，在规定时限内书面告知申请人并说明理由。",
    },
]

PROHIBITIONS = [
    {
        "text": "不得优亲厚友，把不符合条件的亲属、关系户纳入低保、特困供养或临时救助。",
        "rule": "relief.kin_beneficiary",
    },
    {
        "text": "不得让同一家庭重复享受同一救助，或同时在两个村享受救助。",
        "rule": "relief.duplicate_benefit",
    },
    {
        "text": "不得跳过入户调查、民主评议或公示环节直接上报审批。",
        "rule": "missing_notice",
    },
    {
        "text": "不得公开申请人的身份证号、收入、病情等个人信息，不得公示未成年人的信息。",
        "rule": None,
    },
    {
        "text": "不得截留、挪用、克扣救助资金，或以救助资金抵扣其他费用。",
        "rule": None,
    },
]
