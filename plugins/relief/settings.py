"""Local figures of villager relief (本地规定): every time limit and notice period.

The figures are those of DOMAIN §3.7 (《最低生活保障审核确认办法》《特困人员认定办法》and the
临时救助 rules): a county or township may set its own on the settings page. The item
definitions carry the defaults below; ``timing`` re-times each step from the value in force
when the step opens, so a changed setting takes effect for the next step of every case.
"""

from __future__ import annotations

SETTINGS: list[dict] = [
    {
        "key": "relief.dibao_investigation_days",
        "label": "低保入户调查时限（工作日）",
        "type": "days",
        "default": 10,
        "help": "受理低保申请后，不少于2名调查人员入户调查并双方签字的期限。",
    },
    {
        "key": "relief.dibao_notice_days",
        "label": "低保评议结果公示天数",
        "type": "days",
        "default": 7,
        "help": "民主评议后在村务公开栏公示的天数。",
    },
    {
        "key": "relief.dibao_township_days",
        "label": "低保乡镇审核时限（工作日）",
        "type": "days",
        "default": 15,
        "help": "乡镇（街道）审核低保申请的期限，不含公示期。",
    },
    {
        "key": "relief.dibao_county_days",
        "label": "低保县级审批时限（工作日）",
        "type": "days",
        "default": 10,
        "help": "县级民政部门作出审批决定的期限；须入户抽查不少于30%，村干部和经办人近亲属100%入户核查。",
    },
    {
        "key": "relief.dibao_roster_days",
        "label": "低保保障名单公布天数",
        "type": "days",
        "default": 7,
        "help": "批准后保障对象名单在村务公开栏公布的最少天数。",
    },
    {
        "key": "relief.temporary_notice_days",
        "label": "临时救助公示天数（工作日）",
        "type": "days",
        "default": 5,
        "help": "临时救助在申请人所在村公示的工作日数。",
    },
    {
        "key": "relief.temporary_township_days",
        "label": "临时救助乡镇审核时限（工作日）",
        "type": "days",
        "default": 10,
        "help": "乡镇（街道）审核临时救助申请的期限。",
    },
    {
        "key": "relief.temporary_county_days",
        "label": "临时救助县级审批时限（工作日）",
        "type": "days",
        "default": 10,
        "help": "县级民政部门审批临时救助的期限。",
    },
    {
        "key": "relief.emergency_aid_hours",
        "label": "紧急情况先行救助时限（小时）",
        "type": "integer",
        "default": 48,
        "help": "情况紧急时，自受理起须先行给予救助的小时数。",
    },
    {
        "key": "relief.emergency_paperwork_days",
        "label": "先行救助后补办手续时限（工作日）",
        "type": "days",
        "default": 5,
        "help": "先行救助后补齐申请材料和审批手续的期限。",
    },
    {
        "key": "relief.temporary_same_cause_months",
        "label": "同一事由临时救助间隔（月）",
        "type": "integer",
        "default": 12,
        "help": "同一家庭因同一事由在此月数内再次获得临时救助的，发出重复救助预警。",
    },
    {
        "key": "relief.destitute_investigation_days",
        "label": "特困供养调查核实时限（工作日）",
        "type": "days",
        "default": 15,
        "help": "乡镇（街道）调查核实特困人员申请的期限。",
    },
    {
        "key": "relief.destitute_notice_days",
        "label": "特困供养公示天数",
        "type": "days",
        "default": 7,
        "help": "调查核实结果在村务公开栏公示的天数；未成年人信息不公示。",
    },
    {
        "key": "relief.destitute_decision_days",
        "label": "特困供养县级审批时限（工作日）",
        "type": "days",
        "default": 10,
        "help": "县级民政部门作出认定决定的期限。",
    },
    {
        "key": "relief.refusal_days",
        "label": "不予批准书面告知时限（工作日）",
        "type": "days",
        "default": 3,
        "help": "作出不予批准决定后，书面告知申请人并说明理由的期限。",
    },
    {
        "key": "relief.medical_verify_days",
        "label": "医疗救助村级核实时限（工作日）",
        "type": "days",
        "default": 5,
        "help": "建议值：村委会核实医疗救助申请并出具证明的期限。",
    },
    {
        "key": "relief.medical_referral_days",
        "label": "医疗救助转介时限（工作日）",
        "type": "days",
        "default": 5,
        "help": "建议值：乡镇（街道）将申请转介县医疗保障部门的期限。",
    },
]

_DEFAULTS = {entry["key"]: entry["default"] for entry in SETTINGS}


def default(name: str) -> int:
    """The published default of ``relief.<name>``: what the item definitions carry."""
    return _DEFAULTS[f"relief.{name}"]
