"""The contract register's warnings (DOMAIN §3.6, §5): a contract about to end, and rent long
overdue. Both sweep the whole register of a township as of the sweep's day."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from core import settings
from formbuilder.fieldtypes.base import mask_middle
from plugins.assets.models import Contract
from plugins.assets.rent import arrears, local_today
from plugins.assets.settings import LEASE_EXPIRY_DAYS, RENT_OVERDUE_DAYS
from tenants.models import Tenant


def _contracts(sess: Session, tenant: Tenant, *statuses: str) -> list[Contract]:
    return sess.scalars(
        select(Contract)
        .where(Contract.tenant_id == tenant.id, Contract.status.in_(statuses))
        .options(
            joinedload(Contract.asset),
            joinedload(Contract.village),
            selectinload(Contract.payments),
        )
        .order_by(Contract.id)
    ).all()


def _which(contract: Contract) -> str:
    return (
        f"{contract.village.name}“{contract.asset.name}”合同（编号 {contract.contract_no}，"
        f"承包（承租）方{mask_middle(contract.lessee_name)}）"
    )


def expiring_leases(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Active contracts ending within the warning days, or already past their end while still
    marked active: neither renewed nor let again."""
    today = local_today(tenant, now)
    horizon = today + timedelta(days=int(settings.value(tenant, LEASE_EXPIRY_DAYS)))
    findings = []
    for contract in _contracts(sess, tenant, "active"):
        if contract.ends_on > horizon:
            continue
        left = (contract.ends_on - today).days
        when = f"还有 {left} 天到期" if left >= 0 else f"已到期 {-left} 天"
        findings.append(
            {
                "subject": f"contract:{contract.id}:expiry",
                "message": (
                    f"{_which(contract)}于 {contract.ends_on.isoformat()} 终止，{when}，"
                    "尚未续签或重新发包。"
                ),
                "village_id": contract.village_id,
                "case_id": contract.case_id,
                "details": {
                    "contract_no": contract.contract_no,
                    "ends_on": contract.ends_on.isoformat(),
                },
            }
        )
    return findings


def overdue_rents(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Contracts (not terminated) with rent unpaid more than the warning days after it fell due."""
    today = local_today(tenant, now)
    days = int(settings.value(tenant, RENT_OVERDUE_DAYS))
    findings = []
    for contract in _contracts(sess, tenant, "active", "renewed"):
        owed, since = arrears(contract, today - timedelta(days=days))
        if not owed:
            continue
        findings.append(
            {
                "subject": f"contract:{contract.id}:rent",
                "message": (
                    f"{_which(contract)}的租金应于 {since.isoformat()} 交纳，已逾期 "
                    f"{(today - since).days} 天，尚欠 {owed:,.2f} 元。"
                ),
                "village_id": contract.village_id,
                "case_id": contract.case_id,
                "details": {
                    "contract_no": contract.contract_no,
                    "owed": str(owed),
                    "due_since": since.isoformat(),
                },
            }
        )
    return findings


LEASE_EXPIRY = {
    "key": "assets.lease_expiry",
    "name": "合同即将到期",
    "severity": "blue",
    "description": "承包、租赁合同在预警天数（本地规定，默认30天）内到期，或已到期仍未续签、"
    "重新发包或终止。",
    "trigger": "sweep",
    "check": expiring_leases,
}

RENT_OVERDUE = {
    "key": "assets.rent_overdue",
    "name": "租金逾期未交",
    "severity": "yellow",
    "description": "按合同年度预交的租金，应交之日起超过预警天数（本地规定，默认90天）仍未交足。",
    "trigger": "sweep",
    "check": overdue_rents,
}
