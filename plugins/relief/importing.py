"""Saving a ledger sheet that ``core.documents.xlsx.import_xlsx`` has judged cell by cell.

What is left to judge needs the database: the village a row names (by name or by 12-digit
code), the case code it cites, and whether the sheet lists the same household twice. A row
whose natural key is already in the ledger updates it, so importing a sheet twice changes
nothing. Every import is written to the audit log with what it did. The relief ledger and
the disaster roster share this; each says how a row becomes its model's values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.audit import record
from core.documents.xlsx import ImportResult
from core.errors import Invalid
from core.workflow.models import Case
from tenants.models import Tenant, Village


@dataclass
class LedgerImport:
    created: int = 0
    updated: int = 0
    #: ``(row number, reason)``, in sheet order
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def saved(self) -> int:
        return self.created + self.updated


@dataclass(frozen=True)
class Lookups:
    """The township's villages (by name and code; None: a name two villages share) and the
    ids of the cases the sheet cites, by code."""

    villages: dict[str, int | None]
    cases: dict[str, int]

    def village_fault(self, name: str) -> str | None:
        if name not in self.villages:
            return f"村（社区）：本乡镇没有“{name}”，请填写村名称或12位区划代码"
        if self.villages[name] is None:
            return f"村（社区）：有两个村都叫“{name}”，请改填12位区划代码"
        return None

    def case_fault(self, code: str) -> str | None:
        return f"办件编号：本乡镇没有办件“{code}”" if code and code not in self.cases else None


def case_codes(sess: Session, ids: set[int]) -> dict[int, str]:
    """The codes of the cases ``ids``, for the 办件编号 column of an export."""
    if not ids:
        return {}
    return dict(sess.execute(select(Case.id, Case.code).where(Case.id.in_(ids))).all())


def lookups(sess: Session, tenant: Tenant, rows: list[tuple[int, dict]]) -> Lookups:
    villages: dict[str, int | None] = {}
    for village in sess.scalars(select(Village).where(Village.tenant_id == tenant.id)):
        villages[village.code] = village.id
        villages[village.name] = None if village.name in villages else village.id
    wanted = {row["case_code"].upper() for _, row in rows if row.get("case_code")}
    cases = dict(
        sess.execute(
            select(Case.code, Case.id).where(Case.tenant_id == tenant.id, Case.code.in_(wanted))
        ).all()
    )
    return Lookups(villages, cases)


def save_sheet(
    sess: Session,
    tenant: Tenant,
    judged: ImportResult,
    model,
    key: tuple[str, ...],
    values: Callable[[dict, Lookups], tuple[dict | None, str | None]],
) -> LedgerImport:
    """Save ``judged``'s good rows as ``model`` rows of ``tenant``, identified by the columns
    ``key``; ``values(row, lookups)`` gives a row's values or the reason it cannot be saved."""
    if tenant.kind != "township":
        raise Invalid("台账按乡镇（街道）导入，请在乡镇（街道）页面导入。")
    result = LedgerImport(errors=list(judged.errors))
    found = lookups(sess, tenant, judged.rows)
    existing = {
        tuple(getattr(row, name) for name in key): row
        for row in sess.scalars(select(model).where(model.tenant_id == tenant.id))
    }
    seen: dict[tuple, int] = {}
    for number, raw in judged.rows:
        row_values, reason = values(raw, found)
        row_key = tuple(row_values[name] for name in key) if row_values else None
        if row_key in seen:
            reason = f"与第 {seen[row_key]} 行重复（同一身份证号、类别和起始日期）"
        if reason:
            result.errors.append((number, reason))
            continue
        seen[row_key] = number
        row = existing.get(row_key)
        if row is None:
            sess.add(model(tenant_id=tenant.id, **row_values))
            result.created += 1
        else:
            for name, value in row_values.items():
                setattr(row, name, value)
            result.updated += 1
    sess.flush()
    result.errors.sort()
    record(
        sess,
        tenant_id=tenant.id,
        action="ledger.imported",
        subject_type=model.__tablename__,
        subject_id=tenant.id,
        payload={
            "created": result.created,
            "updated": result.updated,
            "rejected": len(result.errors),
        },
    )
    return result
