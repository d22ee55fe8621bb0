"""``kin_lessee`` (亲属承包): the winner of a lease or renewal is a close relative of a cadre of
the village (DOMAIN §4: cadres and their relatives may not take on the village's asset
operations, even in others' names). Relatives come from the personnel plugin's register."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.workflow.models import Case, StepRun
from formbuilder.fieldtypes.base import mask_middle

ITEMS = ("assets.lease", "assets.renewal")


def kin_lessees(sess: Session, case: Case, run: StepRun) -> list[dict]:
    lessee = (case.data or {}).get("lessee") or {}
    number = lessee.get("id_number")
    if case.item.key not in ITEMS or not number:
        return []
    from plugins.personnel.relatives import find_kin

    kin = find_kin(sess, case.tenant_id, {number}).get(number)
    if kin is None or kin.get("village_id") not in (None, case.village_id):
        return []
    return [
        {
            "subject": f"case:{case.id}:kin",
            "message": (
                f"办件 {case.code}“{case.title}”的承包（承租）方{mask_middle(lessee.get('name', ''))}"
                f"是村干部{kin['cadre']}的{kin['relation']}，属于村干部亲属承包经营集体资产。"
            ),
            "details": {"cadre": kin["cadre"], "relation": kin["relation"]},
        }
    ]


KIN_LESSEE = {
    "key": "assets.kin_lessee",
    "name": "村干部亲属承包集体资产",
    "severity": "red",
    "description": "集体资源发包、资产出租或续签的承包（承租）方是本村或乡镇干部的近亲属"
    "（以人事领域登记的干部亲属为准）。",
    "trigger": "step",
    "check": kin_lessees,
}
