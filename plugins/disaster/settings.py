"""Local figures of disaster relief (本地规定): the amount that makes an application a major
matter, and every time limit and notice period.

DOMAIN §3.8 fixes two figures — funds reach victims within 15 working days of allocation,
the ledger and signature sheet are made within 3 days; the others are marked "建议值" in
their help: no published rule was found, and a county sets its own.
"""

from __future__ import annotations

SETTINGS: list[dict] = [
    {
        "key": "disaster.major_matter_threshold",
        "label": "救灾救助须“四议两公开”的金额（元）",
        "type": "money",
        "default": 50000,
        "help": "申请或提名的救助金额达到此数的，村级评议按“四议两公开”办理；"
        "不足此数的，由村干部、村民代表和受灾群众代表组成的评议小组评议。",
    },
    {
        "key": "disaster.notice_days",
        "label": "救灾救助自然村公示天数",
        "type": "days",
        "default": 5,
        "help": "建议值：评议结果在受灾户所在自然村张榜公示的天数。",
    },
    {
        "key": "disaster.township_days",
        "label": "救灾救助乡镇审核时限（工作日）",
        "type": "days",
        "default": 5,
        "help": "建议值：乡镇（街道）审核村级评议结果的期限。",
    },
    {
        "key": "disaster.county_days",
        "label": "救灾救助县级审批时限（工作日）",
        "type": "days",
        "default": 10,
        "help": "建议值：县级应急管理部门抽查核实并审批的期限。",
    },
    {
        "key": "disaster.payment_days",
        "label": "救灾资金发放到户时限（工作日）",
        "type": "days",
        "default": 15,
        "help": "资金下达后通过惠民惠农财政补贴资金“一卡通”发放到受灾群众手中的期限。",
    },
    {
        "key": "disaster.ledger_days",
        "label": "建立发放台账和签领表时限（天）",
        "type": "days",
        "default": 3,
        "help": "款物发放后建立发放台账、收齐受助群众签领表的期限。",
    },
    {
        "key": "disaster.refusal_days",
        "label": "未获救助告知时限（工作日）",
        "type": "days",
        "default": 3,
        "help": "建议值：县级不予救助的，乡镇（街道）告知申请人并说明理由的期限。",
    },
]

_DEFAULTS = {entry["key"]: entry["default"] for entry in SETTINGS}


def default(name: str) -> int:
    """The published default of ``disaster.<name>``: what the item definitions carry."""
    return _DEFAULTS[f"disaster.{name}"]
