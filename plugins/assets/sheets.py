"""The asset ledgers to and from Excel: columns, rows, and imports with per-row reasons.

Columns are field definitions, so a cell is judged like the same field on a form (an ID
number by its check digit, money exactly). Choices are written in Chinese, as a clerk types
them. An import matches rows by their natural key — the asset's name in its village, the
contract's number, a payment's contract, day and amount — so importing twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.assets.ledger import asset_named
from plugins.assets.models import (
    AREA_UNITS,
    ASSET_STATUSES,
    CONTRACT_STATUSES,
    KINDS,
    Asset,
    Contract,
    RentPayment,
    fen,
)
from tenants.models import Tenant, Village


def _text(key: str, label: str, max_length: int = 200, required: bool = False) -> dict:
    return {
        "key": key,
        "type": "text",
        "label": label,
        "max_length": max_length,
        "required": required,
    }


def _choice(key: str, label: str, labels: dict[str, str], required: bool = False) -> dict:
    """A choice whose stored values are the Chinese labels a clerk types."""
    options = [{"value": text, "label": text} for text in labels.values()]
    return {"key": key, "type": "choice", "label": label, "options": options, "required": required}


VILLAGE = [_text("village_code", "村代码", 12, True), _text("village_name", "村名称", 100)]

ASSET_COLUMNS = [
    *VILLAGE,
    _text("name", "资源（资产）名称", 100, True),
    _choice("kind", "类别", KINDS, True),
    {"key": "area", "type": "decimal", "label": "面积", "min": 0},
    _choice("area_unit", "面积单位", AREA_UNITS),
    _text("location", "坐落位置", 200, True),
    {"key": "value", "type": "money", "label": "价值（元）"},
    _choice("status", "状态", ASSET_STATUSES),
    _text("asset_no", "资产编号", 50),
]

CONTRACT_COLUMNS = [
    _text("contract_no", "合同编号", 50, True),
    *VILLAGE,
    _text("asset", "资源（资产）名称", 100, True),
    _text("lessee_name", "承包（承租）方", 50, True),
    {"key": "lessee_id_number", "type": "id_number", "label": "身份证号", "required": True},
    {"key": "lessee_phone", "type": "phone", "label": "联系电话"},
    {"key": "starts_on", "type": "date", "label": "起始日期", "required": True},
    {"key": "ends_on", "type": "date", "label": "终止日期", "required": True},
    {"key": "annual_rent", "type": "money", "label": "年租金（元）", "required": True},
    _choice("status", "状态", CONTRACT_STATUSES),
]

PAYMENT_COLUMNS = [
    _text("contract_no", "合同编号", 50, True),
    {"key": "paid_on", "type": "date", "label": "收款日期", "required": True},
    {"key": "amount", "type": "money", "label": "金额（元）", "required": True, "min": "0.01"},
]


@dataclass
class ImportReport:
    """What an import did: rows stored (added or corrected), rows the ledger already held,
    and rows refused with the reason."""

    stored: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def count(self, changed: bool) -> None:
        if changed:
            self.stored += 1
        else:
            self.unchanged += 1


def _key(labels: dict[str, str], text: str | None, default: str | None = None) -> str | None:
    return next((k for k, v in labels.items() if v == text), default)


# --- rows ----------------------------------------------------------------------------------


def asset_row(asset: Asset) -> dict:
    return {
        "village_code": asset.village.code,
        "village_name": asset.village.name,
        "name": asset.name,
        "kind": KINDS[asset.kind],
        "area": None if asset.area is None else f"{asset.area:.2f}",
        "area_unit": AREA_UNITS.get(asset.area_unit),
        "location": asset.location,
        "value": None if asset.value is None else str(asset.value),
        "status": ASSET_STATUSES[asset.status],
        "asset_no": asset.asset_no,
    }


def contract_row(contract: Contract) -> dict:
    return {
        "contract_no": contract.contract_no,
        "village_code": contract.village.code,
        "village_name": contract.village.name,
        "asset": contract.asset.name,
        "lessee_name": contract.lessee_name,
        "lessee_id_number": contract.lessee_id_number,
        "lessee_phone": contract.lessee_phone,
        "starts_on": contract.starts_on.isoformat(),
        "ends_on": contract.ends_on.isoformat(),
        "annual_rent": str(contract.annual_rent),
        "status": CONTRACT_STATUSES[contract.status],
    }


def payment_row(payment: RentPayment) -> dict:
    return {
        "contract_no": payment.contract.contract_no,
        "paid_on": payment.paid_on.isoformat(),
        "amount": str(payment.amount),
    }


# --- imports -------------------------------------------------------------------------------


def _villages(sess: Session, tenant: Tenant) -> dict[str, Village]:
    return {v.code: v for v in sess.scalars(select(Village).where(Village.tenant_id == tenant.id))}


def _update(row: object, facts: dict) -> bool:
    """Set ``facts`` on ``row``; True if anything changed."""
    changed = {k: v for k, v in facts.items() if getattr(row, k) != v}
    for key, value in changed.items():
        setattr(row, key, value)
    return bool(changed)


def import_assets(sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]) -> ImportReport:
    report, villages = ImportReport(), _villages(sess, tenant)
    for number, row in rows:
        village = villages.get(row["village_code"])
        if village is None:
            report.errors.append((number, f"村代码：本乡镇没有代码为 {row['village_code']} 的村"))
            continue
        asset = asset_named(sess, tenant.id, village.id, row["name"])
        new = asset is None
        if new:
            asset = Asset(tenant_id=tenant.id, village_id=village.id, name=row["name"])
            sess.add(asset)
        changed = _update(
            asset,
            {
                "kind": _key(KINDS, row["kind"]),
                "area": None if row.get("area") is None else float(row["area"]),
                "area_unit": _key(AREA_UNITS, row.get("area_unit")),
                "location": row["location"],
                "value_fen": None if row.get("value") is None else fen(row["value"]),
                "status": _key(ASSET_STATUSES, row.get("status"), "held"),
                "asset_no": row.get("asset_no"),
            },
        )
        sess.flush()
        report.count(new or changed)
    return report


def import_contracts(sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]) -> ImportReport:
    report, villages = ImportReport(), _villages(sess, tenant)
    for number, row in rows:
        village = villages.get(row["village_code"])
        asset = asset_named(sess, tenant.id, village.id, row["asset"]) if village else None
        starts, ends = date.fromisoformat(row["starts_on"]), date.fromisoformat(row["ends_on"])
        fault = None
        if village is None:
            fault = f"村代码：本乡镇没有代码为 {row['village_code']} 的村"
        elif asset is None:
            fault = f"资源（资产）名称：{village.name}的台账中没有“{row['asset']}”，请先导入资源资产台账"
        elif ends < starts:
            fault = "终止日期：不能早于起始日期"
        if fault:
            report.errors.append((number, fault))
            continue
        contract = sess.scalar(
            select(Contract).where(
                Contract.tenant_id == tenant.id, Contract.contract_no == row["contract_no"]
            )
        )
        new = contract is None
        if new:
            contract = Contract(tenant_id=tenant.id, contract_no=row["contract_no"])
            sess.add(contract)
        changed = _update(
            contract,
            {
                "village_id": village.id,
                "asset_id": asset.id,
                "lessee_name": row["lessee_name"],
                "lessee_id_number": row["lessee_id_number"],
                "lessee_phone": row.get("lessee_phone"),
                "starts_on": starts,
                "ends_on": ends,
                "annual_rent_fen": fen(row["annual_rent"]),
                "status": _key(CONTRACT_STATUSES, row.get("status"), "active"),
            },
        )
        sess.flush()
        report.count(new or changed)
    return report


def import_payments(sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]) -> ImportReport:
    report = ImportReport()
    for number, row in rows:
        contract = sess.scalar(
            select(Contract).where(
                Contract.tenant_id == tenant.id, Contract.contract_no == row["contract_no"]
            )
        )
        if contract is None:
            report.errors.append((number, f"合同编号：没有编号为 {row['contract_no']} 的合同"))
            continue
        facts = {"paid_on": date.fromisoformat(row["paid_on"]), "amount_fen": fen(row["amount"])}
        known = sess.scalar(
            select(RentPayment.id)
            .where(RentPayment.contract_id == contract.id)
            .filter_by(**facts)
            .limit(1)
        )
        if known is None:
            sess.add(RentPayment(tenant_id=tenant.id, contract_id=contract.id, **facts))
            sess.flush()
        report.count(known is None)
    return report
