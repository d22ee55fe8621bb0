"""``kin_contractor`` (亲属承揽): the winner's legal person is a close relative of a cadre of the
village (DOMAIN §4: cadres and their relatives to the third degree may not take on the
village's works or purchases, even in others' names).

Relatives are recorded by the personnel plugin's register, the one look-up every kin rule of
every domain shares; this rule asks it for the one ID number an award names.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.workflow.models import Case, StepRun
from plugins.procurement.rules.common import award_steps_done


def kin_contractors(sess: Session, case: Case, run: StepRun) -> list[dict]:
    if not case.item.key.startswith("procurement.") or not award_steps_done(case):
        return []
    data = case.data or {}
    person = data.get("supplier_legal_person") or {}
    number = person.get("id_number")
    if not number:
        return []
    from plugins.personnel.relatives import find_kin

    kin = find_kin(sess, case.tenant_id, {number}).get(number)
    # a township cadre (no village) or one of this village: both hold power over its awards
    if kin is None or kin.get("village_id") not in (None, case.village_id):
        return []
    return [
        {
            "subject": f"case:{case.id}:kin",
            "message": (
                f"办件 {case.code}“{case.title}”的成交单位“{data.get('supplier_name', '')}”，"
                f"其法定代表人（经营者）{person.get('name', '')}是村干部{kin['cadre']}的"
                f"{kin['relation']}，属于村干部亲属承揽本村项目。"
            ),
            "details": {
                "supplier": data.get("supplier_name"),
                "cadre": kin["cadre"],
                "relation": kin["relation"],
            },
        }
    ]


KIN_CONTRACTOR = {
    "key": "procurement.kin_contractor",
    "name": "村干部亲属承揽",
    "severity": "red",
    "description": "成交供应商或施工单位的法定代表人（经营者）是本村或乡镇干部的近亲属"
    "（以人事领域登记的干部亲属为准）。",
    "trigger": "step",
    "check": kin_contractors,
}
