"""Personnel ledger operations: appointments written by completed cases, and the Excel
columns, export and import of the appointments and the cadres' relatives register.

An appointment is registered when the township files it (备案) — before that the person is
only a candidate — and closed when a dismissal's handover is done.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.workflow.models import Case, StepRun
from plugins.personnel.models import CADRE_ROLES, POSTS, RELATIONS, Appointment, CadreRelative
from plugins.personnel.relatives import normalise
from tenants.models import Tenant, Village

#: (item key, approval step) whose approval registers the appointment, and the post when
#: the item fixes it (None: the case's ``post`` field says)
APPOINTING = {
    ("personnel.hiring", "filing"): None,
    ("personnel.group_leader", "filing"): "group_leader",
    ("personnel.supervisor_election", "filing"): "supervisor",
    ("personnel.reserve_cadre", "confirm"): "reserve_cadre",
}
DISMISSING = ("personnel.dismissal", "handover")


def post_of(case: Case) -> str | None:
    """The post a personnel case is about."""
    fixed = {item: post for (item, _), post in APPOINTING.items() if post}
    return fixed.get(case.item.key) or (case.data or {}).get("post")


def record_step(sess: Session, case: Case, run: StepRun) -> None:
    """Register or close the appointment ``run`` (just completed) decides."""
    where = (case.item.key, run.step_key)
    data = case.data or {}
    if where in APPOINTING and (run.data or {}).get("decision") == "approve":
        person = data["appointee"]
        sess.add(
            Appointment(
                tenant_id=case.tenant_id,
                village_id=case.village_id,
                person_name=person["name"],
                id_number=person["id_number"],
                post=post_of(case),
                starts_on=date.fromisoformat(data["starts_on"]),
                ends_on=date.fromisoformat(data["ends_on"]) if data.get("ends_on") else None,
                case_id=case.id,
            )
        )
    elif where == DISMISSING:
        ended = date.fromisoformat(data["ends_on"])
        for appointment in sess.scalars(
            select(Appointment).where(
                Appointment.tenant_id == case.tenant_id,
                Appointment.village_id == case.village_id,
                Appointment.id_number == data["appointee"]["id_number"],
                Appointment.post == data["post"],
            )
        ):
            if appointment.ends_on is None or appointment.ends_on > ended:
                appointment.ends_on, appointment.case_id = ended, case.id


# --- Excel --------------------------------------------------------------------------------

_VILLAGE = [
    {"key": "village_code", "type": "text", "label": "村代码", "required": True, "max_length": 12},
    {"key": "village_name", "type": "text", "label": "村名称", "max_length": 100},
]


def _labels(values) -> list[dict]:
    """Choices whose stored value is the Chinese label, so the sheet reads in Chinese."""
    return [{"value": label, "label": label} for label in values]


APPOINTMENT_COLUMNS = [
    *_VILLAGE,
    {"key": "person_name", "type": "text", "label": "姓名", "required": True, "max_length": 50},
    {"key": "id_number", "type": "id_number", "label": "身份证号", "required": True},
    {"key": "post", "type": "choice", "label": "岗位", "required": True,
     "options": _labels(POSTS.values())},
    {"key": "starts_on", "type": "date", "label": "任职开始", "required": True},
    {"key": "ends_on", "type": "date", "label": "任职结束"},
]  # fmt: skip

RELATIVE_COLUMNS = [
    *_VILLAGE,
    {"key": "cadre_name", "type": "text", "label": "干部姓名", "required": True, "max_length": 50},
    {"key": "cadre_role", "type": "choice", "label": "干部职务", "required": True,
     "options": _labels(CADRE_ROLES.values())},
    {"key": "relative_name", "type": "text", "label": "亲属姓名", "required": True,
     "max_length": 50},
    {"key": "relative_id_number", "type": "id_number", "label": "亲属身份证号",
     "required": True},
    {"key": "relation", "type": "choice", "label": "关系", "required": True,
     "options": _labels(RELATIONS)},
]  # fmt: skip

_POST_OF = {label: key for key, label in POSTS.items()}
_ROLE_OF = {label: key for key, label in CADRE_ROLES.items()}


def appointment_row(a: Appointment) -> dict:
    return {
        "village_code": a.village.code,
        "village_name": a.village.name,
        "person_name": a.person_name,
        "id_number": a.id_number,
        "post": a.post_label,
        "starts_on": a.starts_on.isoformat(),
        "ends_on": a.ends_on.isoformat() if a.ends_on else None,
    }


def relative_row(r: CadreRelative) -> dict:
    return {
        "village_code": r.village.code,
        "village_name": r.village.name,
        "cadre_name": r.cadre_name,
        "cadre_role": r.cadre_role_label,
        "relative_name": r.relative_name,
        "relative_id_number": r.relative_id_number,
        "relation": r.relation,
    }


def import_appointments(
    sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]
) -> list[tuple[int, str]]:
    """Add imported appointments; one already registered (same village, person, post and
    start) is refused and reported, the others are kept."""
    villages = _villages(sess, tenant)
    taken = {
        tuple(row)
        for row in sess.execute(
            select(
                Appointment.village_id,
                Appointment.id_number,
                Appointment.post,
                Appointment.starts_on,
            ).where(Appointment.tenant_id == tenant.id)
        )
    }
    errors = []
    for number, row in rows:
        village = villages.get(row["village_code"])
        if village is None:
            errors.append((number, _unknown_village(row)))
            continue
        starts = date.fromisoformat(row["starts_on"])
        key = (village.id, row["id_number"], _POST_OF[row["post"]], starts)
        if key in taken:
            errors.append((number, f"岗位：{row['person_name']}的这条{row['post']}任职已登记"))
            continue
        taken.add(key)
        sess.add(
            Appointment(
                tenant_id=tenant.id,
                village_id=village.id,
                person_name=row["person_name"],
                id_number=row["id_number"],
                post=key[2],
                starts_on=starts,
                ends_on=date.fromisoformat(row["ends_on"]) if row.get("ends_on") else None,
            )
        )
    sess.flush()
    return errors


def import_relatives(
    sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]
) -> list[tuple[int, str]]:
    """Add or correct relatives (one row per village, cadre and relative's ID number)."""
    villages = _villages(sess, tenant)
    existing = {
        (r.village_id, r.cadre_name, r.relative_id_number): r
        for r in sess.scalars(select(CadreRelative).where(CadreRelative.tenant_id == tenant.id))
    }
    errors = []
    for number, row in rows:
        village = villages.get(row["village_code"])
        if village is None:
            errors.append((number, _unknown_village(row)))
            continue
        key = (village.id, row["cadre_name"], normalise(row["relative_id_number"]))
        relative = existing.get(key)
        if relative is None:
            relative = existing[key] = CadreRelative(
                tenant_id=tenant.id,
                village_id=village.id,
                cadre_name=key[1],
                relative_id_number=key[2],
            )
            sess.add(relative)
        relative.cadre_role = _ROLE_OF[row["cadre_role"]]
        relative.relative_name = row["relative_name"]
        relative.relation = row["relation"]
    sess.flush()
    return errors


def _unknown_village(row: dict) -> str:
    return f"村代码：本乡镇没有代码为 {row['village_code']} 的村"


def _villages(sess: Session, tenant: Tenant) -> dict[str, Village]:
    return {v.code: v for v in sess.scalars(select(Village).where(Village.tenant_id == tenant.id))}
