"""Who is a cadre's close relative: the look-up every kin rule uses.

Procurement (contractors), relief (recipients) and personnel (new staff) all ask the same
question of the relatives register, by ID number, for many people at once — so it is one
query for the whole set, never one per person.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import db
from plugins.personnel.models import CadreRelative


def normalise(id_number: str) -> str:
    """The stored form of an ID number: no spaces, a capital X."""
    return "".join(id_number.split()).upper()


def find_kin(sess: Session, tenant_id: int, id_numbers: set[str]) -> dict[str, dict]:
    """Map each of ``id_numbers`` that belongs to a recorded relative of a cadre of the
    township ``tenant_id`` to ``{"cadre": name, "relation": str, "village_id": int}``.

    Numbers are matched whatever their spacing or the case of the X, and keyed in the answer
    as given. Where one person is the relative of several cadres, the earliest record wins.
    """
    wanted: dict[str, list[str]] = {}
    for given in id_numbers:
        if given:
            wanted.setdefault(normalise(given), []).append(given)
    if not wanted:
        return {}
    rows = sess.execute(
        select(
            CadreRelative.relative_id_number,
            CadreRelative.cadre_name,
            CadreRelative.relation,
            CadreRelative.village_id,
        )
        .where(
            CadreRelative.tenant_id == tenant_id,
            CadreRelative.relative_id_number.in_(wanted),
        )
        .order_by(CadreRelative.id)
    )
    found: dict[str, dict] = {}
    for number, cadre, relation, village_id in rows:
        for given in wanted[number]:
            found.setdefault(
                given, {"cadre": cadre, "relation": relation, "village_id": village_id}
            )
    return found


def relatives_in_village(
    sess: Session, tenant_id: int, village_id: int, id_number: str, roles: set[str]
) -> list[CadreRelative]:
    """The register's rows naming ``id_number`` as a relative of a cadre of ``village_id``
    who holds one of ``roles``: what a village-level kin rule needs beyond :func:`find_kin`."""
    return list(
        sess.scalars(
            select(CadreRelative)
            .where(
                CadreRelative.tenant_id == tenant_id,
                CadreRelative.village_id == village_id,
                CadreRelative.relative_id_number == normalise(id_number),
                CadreRelative.cadre_role.in_(roles),
            )
            .order_by(CadreRelative.id)
        )
    )


def recorded_relatives(tenant, village_ids, names) -> list[dict]:
    """The register's relatives of the cadre recorded under one of ``names`` in one of
    ``village_ids``, as the integrity file shows them."""
    sess = db.session()
    rows = sess.scalars(
        select(CadreRelative)
        .where(
            CadreRelative.tenant_id == tenant.id,
            CadreRelative.village_id.in_(village_ids),
            CadreRelative.cadre_name.in_(names),
        )
        .order_by(CadreRelative.id)
    )
    return [{"cadre": r.cadre_name, "relation": r.relation, "name": r.relative_name} for r in rows]
