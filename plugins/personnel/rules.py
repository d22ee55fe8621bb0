"""``kin_committee`` (DOMAIN §3.4): a committee member's close relative appointed to the
supervision committee, or as the village's accountant, cashier or bookkeeper.

A step rule: it judges the case's appointee as soon as one is named (the candidate of a
hiring, the nominee of an election), so the warning reaches the supervisors before the
appointment is filed, and closes by itself if the appointee is replaced.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.workflow.models import Case, StepRun
from plugins.personnel.ledger import post_of
from plugins.personnel.models import CADRE_ROLES, POSTS
from plugins.personnel.relatives import relatives_in_village

#: the village committees (村“两委”) whose members' relatives the rule looks for
COMMITTEE = {"village_secretary", "village_director", "village_committee"}
#: posts a committee member's close relative may not hold, and the rule that says so
BARRED = {
    "supervisor": "村民委员会成员及其近亲属不得担任村务监督委员会成员（《村民委员会组织法》第三十二条）",
    "accountant": "村“两委”成员的近亲属不得担任本村会计、出纳、报账员（会计人员回避制度）",
    "cashier": "村“两委”成员的近亲属不得担任本村会计、出纳、报账员（会计人员回避制度）",
    "bookkeeper": "村“两委”成员的近亲属不得担任本村会计、出纳、报账员（会计人员回避制度）",
}
APPOINTING_ITEMS = {
    "personnel.hiring",
    "personnel.group_leader",
    "personnel.supervisor_election",
    "personnel.reserve_cadre",
}


def kin_findings(sess: Session, case: Case, run: StepRun) -> list[dict]:
    if case.item.key not in APPOINTING_ITEMS:
        return []
    post = post_of(case)
    person = (case.data or {}).get("appointee") or {}
    if post not in BARRED or not person.get("id_number"):
        return []
    kin = relatives_in_village(
        sess, case.tenant_id, case.village_id, person["id_number"], COMMITTEE
    )
    if not kin:
        return []
    ties = "、".join(
        f"{CADRE_ROLES.get(k.cadre_role, k.cadre_role)}{k.cadre_name}的{k.relation}" for k in kin
    )
    return [
        {
            "subject": f"case:{case.id}:kin_committee",
            "message": (
                f"{case.village.name}拟任{POSTS[post]}的{person['name']}是{ties}。{BARRED[post]}。"
            ),
            "details": {"post": post, "relatives": [k.id for k in kin]},
        }
    ]


RULES = [
    {
        "key": "personnel.kin_committee",
        "name": "村“两委”成员近亲属任职",
        "severity": "red",
        "description": "村“两委”成员的近亲属被推选为村务监督委员会成员，或被聘为本村会计、出纳、"
        "报账员。",
        "trigger": "step",
        "check": kin_findings,
    },
]
