"""What the disaster items share: the victim household's fields and the procedure after the
application (DOMAIN §3.8, 《自然灾害救助条例》): village review — 四议两公开 from the local
major-matter amount, a review panel below it — posted in the natural village, township
review, the county's decision with spot checks, payment by the one-card system (一卡通),
and the ledger with the signature sheet within 3 days.

Field keys are the keys of ``case.data`` the roster (``ledger.record_case``) and the rules
read, so they are the same in every item.
"""

from __future__ import annotations

from plugins.disaster.settings import default
from plugins.relief.timing import Timing

HEAD = {
    "key": "head",
    "type": "person",
    "label": "受灾户户主",
    "required": True,
    "require_id_number": True,
    "public": True,
    "help": "公示时只显示脱敏姓名，身份证号不公开。",
}
HOUSEHOLD_SIZE = {
    "key": "household_size",
    "type": "integer",
    "label": "家庭人口（人）",
    "required": True,
    "min": 1,
    "max": 30,
    "public": True,
}
DISASTER_TYPE = {
    "key": "disaster_type",
    "type": "choice",
    "label": "灾害种类",
    "required": True,
    "public": True,
    "options": [
        {"value": "flood", "label": "洪涝"},
        {"value": "drought", "label": "干旱"},
        {"value": "storm", "label": "风雹、台风"},
        {"value": "earthquake", "label": "地震"},
        {"value": "geological", "label": "地质灾害"},
        {"value": "snow", "label": "低温冷冻、雪灾"},
        {"value": "fire", "label": "森林火灾"},
    ],
}
DISASTER_DATE = {"key": "disaster_date", "type": "date", "label": "受灾日期", "required": True}
LOSSES = {"key": "losses", "type": "textarea", "label": "受灾和损失情况", "required": True}
PHOTOS = {
    "key": "photos",
    "type": "attachment",
    "label": "受灾情况照片",
    "accept": ["image", "pdf"],
}


def amount(label: str) -> dict:
    return {"key": "amount", "type": "money", "label": label, "required": True, "public": True}


def review_branches() -> list[dict]:
    """From the amount asked: 四议两公开 at or above the local major-matter amount."""
    major = {"var": "settings.disaster.major_matter_threshold"}
    return [{"when": {">=": [{"var": "amount"}, major]}, "goto": "deliberate"}]


_APPROVED = {"==": [{"var": "county_result"}, "approve"]}
_REFUSED = {"==": [{"var": "county_result"}, "refuse"]}


def _when_approved(field: dict) -> dict:
    return {**field, "visible_when": _APPROVED, "required_when": _APPROVED}


def review_and_decision(first: str, then: str) -> list[dict]:
    """Village review, notice, township review and the county's decision; an approval goes
    on to ``then``, a refusal is told to the applicant. ``first`` is the application step."""
    return [
        {"key": "deliberate", "kind": "include", "include": "four_deliberations", "next": "notice"},
        {
            "key": "panel",
            "name": "评议小组民主评议",
            "kind": "meeting",
            "role": "village_director",
            "quorum": "2/3",
            "majority": "1/2",
            "majority_of": "present",
            "fields": [
                {"key": "review_date", "type": "date", "label": "评议日期", "required": True},
                {
                    "key": "panel_members",
                    "type": "table",
                    "label": "评议小组成员（村干部、村民代表、受灾群众代表）",
                    "min_rows": 3,
                    "max_rows": 30,
                    "columns": [
                        {"key": "name", "type": "text", "label": "姓名", "required": True},
                        {"key": "identity", "type": "text", "label": "身份", "required": True},
                    ],
                },
            ],
            "next": "notice",
        },
        {
            "key": "notice",
            "name": "自然村公示",
            "kind": "notice",
            "role": "village_director",
            "notice_days": default("notice_days"),
            "next": "township_review",
        },
        {
            "key": "township_review",
            "name": "乡镇（街道）审核",
            "kind": "approval",
            "role": "township_admin",
            "time_limit": {"days": default("township_days"), "working": True},
            "distinct_from": [first],
            "return_to": first,
            "next": "county_decision",
        },
        {
            "key": "county_decision",
            "name": "县级审批（抽查核实）",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": default("county_days"), "working": True},
            "fields": [
                {
                    "key": "county_result",
                    "type": "choice",
                    "label": "县级应急管理部门审批结果",
                    "required": True,
                    "public": True,
                    "options": [
                        {"value": "approve", "label": "批准救助"},
                        {"value": "refuse", "label": "不予救助"},
                    ],
                },
                _when_approved(
                    {
                        "key": "approved_amount",
                        "type": "money",
                        "label": "核定金额（元）",
                        "public": True,
                    }
                ),
                _when_approved(
                    {
                        "key": "period_start",
                        "type": "date",
                        "label": "救助期间（起）",
                        "public": True,
                    }
                ),
                _when_approved(
                    {"key": "period_end", "type": "date", "label": "救助期间（止）", "public": True}
                ),
                {"key": "spot_checked", "type": "boolean", "label": "县级已入户抽查核实"},
                {
                    "key": "refuse_reason",
                    "type": "textarea",
                    "label": "不予救助的理由",
                    "visible_when": _REFUSED,
                    "required_when": _REFUSED,
                },
            ],
            "branches": [{"when": _REFUSED, "goto": "refusal"}],
            "next": then,
        },
        {
            "key": "refusal",
            "name": "告知未获救助",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": default("refusal_days"), "working": True},
            "fields": [
                {"key": "notified_on", "type": "date", "label": "告知日期", "required": True}
            ],
            "next": None,
        },
    ]


PAYMENT = {
    "key": "payment",
    "name": "“一卡通”发放",
    "kind": "task",
    "role": "township_admin",
    "time_limit": {"days": default("payment_days"), "working": True},
    "fields": [
        {"key": "paid_on", "type": "date", "label": "发放日期", "required": True},
        {
            "key": "payment_voucher",
            "type": "attachment",
            "label": "“一卡通”发放明细或银行回单",
            "accept": ["image", "pdf", "spreadsheet"],
        },
    ],
    "next": "ledger",
}

LEDGER = {
    "key": "ledger",
    "name": "建立台账、收齐签领表",
    "kind": "task",
    "role": "village_committee",
    "time_limit": {"days": default("ledger_days"), "working": False},
    "fields": [
        {
            "key": "signature_sheet",
            "type": "attachment",
            "label": "签领表（受助群众签字或按手印）",
            "required": True,
            "accept": ["image", "pdf"],
        }
    ],
    "next": None,
}

#: the days of the shared steps, by setting
TIMINGS = {
    "notice": Timing("disaster.notice_days", "calendar"),
    "township_review": Timing("disaster.township_days"),
    "county_decision": Timing("disaster.county_days"),
    "refusal": Timing("disaster.refusal_days"),
    "payment": Timing("disaster.payment_days"),
    "ledger": Timing("disaster.ledger_days", "calendar"),
}
