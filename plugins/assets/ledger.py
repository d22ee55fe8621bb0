"""Keeping the asset ledgers from completed steps: registration, lease, renewal, disposal.

Cases name their asset by name within the village (the register's unique key), so a lease of
an asset registered earlier finds it, and one of an asset never registered adds it from the
lease plan. Each write is keyed by its case or contract number, so a step completed again
after a return rewrites its row instead of adding another.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import Invalid
from core.workflow.models import Case, StepRun
from plugins.assets.models import Asset, Contract, fen

#: (item, step) -> what the completed step writes
WRITERS = {}


def writes(item: str, step: str):
    def register(function):
        WRITERS[(item, step)] = function
        return function

    return register


def record_step(sess: Session, case: Case, run: StepRun) -> None:
    writer = WRITERS.get((case.item.key, run.step_key))
    if writer is not None:
        writer(sess, case, case.data or {})
        sess.flush()


def asset_named(sess: Session, tenant_id: int, village_id: int, name: str) -> Asset | None:
    return sess.scalar(
        select(Asset).where(
            Asset.tenant_id == tenant_id, Asset.village_id == village_id, Asset.name == name
        )
    )


def _asset(sess: Session, case: Case, data: dict) -> Asset:
    """The case's asset from the register, added from the case's fields when new; the
    case's description of it (kind, size, place) is the latest word."""
    asset = asset_named(sess, case.tenant_id, case.village_id, data["asset_name"])
    if asset is None:
        asset = Asset(tenant_id=case.tenant_id, village_id=case.village_id, name=data["asset_name"])
        sess.add(asset)
    asset.kind = data["asset_kind"]
    asset.location = data["location"]
    if data.get("area") is not None:
        asset.area, asset.area_unit = float(data["area"]), data.get("area_unit")
    return asset


@writes("assets.registration", "confirm")
def _registered(sess: Session, case: Case, data: dict) -> None:
    asset = _asset(sess, case, data)
    asset.value_fen = fen(data["book_value"])
    asset.asset_no = data["asset_no"]
    asset.status = asset.status or "held"
    asset.case_id = case.id


@writes("assets.lease", "register")
@writes("assets.renewal", "register")
def _contracted(sess: Session, case: Case, data: dict) -> None:
    contract = _contract_of(sess, case, data)
    previous = None
    if data.get("previous_contract_no"):
        previous = _contract(sess, case.tenant_id, data["previous_contract_no"])
    asset = _asset(sess, case, data)
    asset.status = "leased"
    contract.asset = asset
    contract.contract_no = data["contract_no"]
    contract.lessee_name = data["lessee"]["name"]
    contract.lessee_id_number = data["lessee"]["id_number"]
    contract.lessee_phone = data.get("lessee_phone")
    contract.starts_on = date.fromisoformat(data["starts_on"])
    contract.ends_on = date.fromisoformat(data["ends_on"])
    contract.annual_rent_fen = fen(data["annual_rent"])
    contract.status = "active"
    contract.case_id = case.id
    if previous is not None and previous is not contract:
        previous.status = "renewed"
        contract.renewed_from_id = previous.id
    sess.add(contract)


def _contract_of(sess: Session, case: Case, data: dict) -> Contract:
    """The row the case's contract goes in: the case's own, a new one, or — for a renewal
    under the old number — the renewed contract itself. Checked before anything is written,
    so a number taken by another contract leaves the register untouched."""
    own = sess.scalar(
        select(Contract).where(Contract.tenant_id == case.tenant_id, Contract.case_id == case.id)
    )
    if own is not None:
        return own
    taken = _contract(sess, case.tenant_id, data["contract_no"])
    if taken is None:
        return Contract(tenant_id=case.tenant_id, village_id=case.village_id, case_id=case.id)
    if taken.contract_no == data.get("previous_contract_no"):
        return taken
    raise Invalid(
        f"合同编号“{data['contract_no']}”已登记在另一份合同上，办件 {case.code} 的合同未记入台账，"
        "请核对编号后在合同台账中导入更正。"
    )


@writes("assets.disposal", "write_off")
def _disposed(sess: Session, case: Case, data: dict) -> None:
    """An asset missing from the register has nothing to mark; the case itself is the
    record of its disposal."""
    asset = asset_named(sess, case.tenant_id, case.village_id, data["asset_name"])
    if asset is not None:
        asset.status = "disposed"
        asset.case_id = case.id


def _contract(sess: Session, tenant_id: int, contract_no: str) -> Contract | None:
    return sess.scalar(
        select(Contract).where(Contract.tenant_id == tenant_id, Contract.contract_no == contract_no)
    )
