"""Fields and steps the relief items share: the applicant, the county's decision, the refusal.

Field keys are the keys of ``case.data`` that the ledger (``ledger.record_case``) and the
rules read, so they are the same in every relief item. Personal data — ID numbers, incomes,
family members, illnesses — is never ``public``; a ``person`` field that is public shows only
the masked name (张*明) on notices.
"""

from __future__ import annotations

from plugins.relief.settings import default


def applicant(*, public: bool = True) -> dict:
    return {
        "key": "applicant",
        "type": "person",
        "label": "申请人（户主）",
        "required": True,
        "require_id_number": True,
        "public": public,
        "help": "填写户主姓名和身份证号；公示时只显示脱敏姓名，身份证号不公开。",
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
PHONE = {"key": "phone", "type": "phone", "label": "联系电话"}
ON_BEHALF = {
    "key": "on_behalf",
    "type": "boolean",
    "label": "由村（居）民委员会代为申请",
    "help": "申请人因年老、残疾、重病等原因不能自行申请的，由村（居）民委员会代为提出并注明。",
}
DOCUMENTS = {
    "key": "documents",
    "type": "attachment",
    "label": "申请材料（扫描件或照片）",
    "accept": ["image", "pdf"],
}
MEMBERS = {
    "key": "members",
    "type": "table",
    "label": "共同生活的家庭成员",
    "max_rows": 30,
    "columns": [
        {"key": "name", "type": "text", "label": "姓名", "required": True},
        {"key": "id_number", "type": "id_number", "label": "身份证号", "required": True},
        {"key": "relation", "type": "text", "label": "与户主关系", "required": True},
    ],
}
VISIT_DATE = {"key": "visit_date", "type": "date", "label": "入户日期", "required": True}
FINDINGS = {"key": "findings", "type": "textarea", "label": "调查核实情况", "required": True}
INVESTIGATION_RECORD = {
    "key": "investigation_record",
    "type": "attachment",
    "label": "入户调查表（签字后扫描）",
    "accept": ["image", "pdf"],
}

_APPROVED = {"==": [{"var": "county_result"}, "approve"]}
_REFUSED = {"==": [{"var": "county_result"}, "refuse"]}


def county_result_fields(amount_label: str, *, with_start: bool = True) -> list[dict]:
    """What the township clerk records of the county civil-affairs bureau's decision."""
    fields = [
        {
            "key": "county_result",
            "type": "choice",
            "label": "县级民政部门审批结果",
            "required": True,
            "public": True,
            "options": [
                {"value": "approve", "label": "批准"},
                {"value": "refuse", "label": "不予批准"},
            ],
        },
        {
            "key": "amount",
            "type": "money",
            "label": amount_label,
            "public": True,
            "visible_when": _APPROVED,
            "required_when": _APPROVED,
        },
    ]
    if with_start:
        fields.append(
            {
                "key": "starts_on",
                "type": "date",
                "label": "保障起始日期",
                "public": True,
                "visible_when": _APPROVED,
                "required_when": _APPROVED,
            }
        )
    fields += [
        {
            "key": "home_checked",
            "type": "boolean",
            "label": "县级已入户抽查核实",
            "help": "县级审批入户抽查比例不低于30%；申请人是村干部或经办人近亲属的，须100%入户核查。",
        },
        {
            "key": "refuse_reason",
            "type": "textarea",
            "label": "不予批准的理由",
            "visible_when": _REFUSED,
            "required_when": _REFUSED,
        },
    ]
    return fields


#: the county refused: the applicant is told in writing, with the reason
REFUSAL_BRANCH = {"when": _REFUSED, "goto": "refusal"}

REFUSAL = {
    "key": "refusal",
    "name": "书面告知不予批准",
    "kind": "task",
    "role": "township_admin",
    "time_limit": {"days": default("refusal_days"), "working": True},
    "fields": [
        {"key": "notified_on", "type": "date", "label": "告知日期", "required": True},
        {
            "key": "refusal_letter",
            "type": "attachment",
            "label": "不予批准告知书（申请人签收）",
            "accept": ["image", "pdf"],
        },
    ],
    "next": None,
}
