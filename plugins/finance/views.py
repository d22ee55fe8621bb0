"""``/t/<slug>/finance/vouchers`` and ``/t/<slug>/finance/cash``: the finance ledgers, a page
at a time and by village, with Excel export and (for admins) import with a per-row report.

Both ledgers share one page and one template; a :class:`Ledger` says what differs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Response, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from core import db
from core.audit import record
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.documents.xlsx import ImportResult, export_xlsx, import_xlsx
from core.errors import Invalid, NotFound
from plugins.finance import ledger
from plugins.finance.models import CashRecord, Voucher
from tenants.models import Village

bp = Blueprint("finance", __name__, template_folder="templates")
PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Ledger:
    key: str
    title: str
    intro: str
    model: type
    columns: list[dict]
    as_row: Callable
    importer: Callable
    order: tuple


LEDGERS = {
    "vouchers": Ledger(
        "vouchers",
        "记账凭证台账",
        "镇代理服务中心入账的每一笔收支：报账、支付和月度报账办件入账时自动登记，"
        "也可从原有账簿导入。",
        Voucher,
        ledger.VOUCHER_COLUMNS,
        ledger.voucher_row,
        ledger.import_vouchers,
        (Voucher.booked_on.desc(), Voucher.id.desc()),
    ),
    "cash": Ledger(
        "cash",
        "库存现金月报",
        "各村每月末的库存现金：月度报账办件记账时自动登记；导入同村同月的记录会更正原数。",
        CashRecord,
        ledger.CASH_COLUMNS,
        ledger.cash_row,
        ledger.import_cash,
        (CashRecord.year.desc(), CashRecord.month.desc(), CashRecord.id.desc()),
    ),
}


def _ledger(name: str) -> Ledger:
    if name not in LEDGERS:
        raise NotFound("没有这个台账。")
    return LEDGERS[name]


@bp.get("/t/<slug>/finance/<name>")
@login_required
def ledger_page(slug: str, name: str):
    tenant = resolve_tenant(current_user, slug)
    return _page(tenant, _ledger(name))


@bp.get("/t/<slug>/finance/<name>.xlsx")
@login_required
def export(slug: str, name: str):
    resolve_tenant(current_user, slug)
    spec = _ledger(name)
    rows = [spec.as_row(r) for r in db.session().scalars(_query(spec, _village()))]
    return Response(
        export_xlsx(spec.columns, rows, spec.title),
        mimetype=XLSX,
        headers={"Content-Disposition": f"attachment; filename=finance-{spec.key}.xlsx"},
    )


@bp.post("/t/<slug>/finance/<name>/import")
@login_required
def import_sheet(slug: str, name: str):
    tenant = resolve_tenant(current_user, slug)
    spec = _ledger(name)
    require_admin(current_user, tenant)
    if tenant.kind != "township":
        raise Invalid("财务台账由乡镇（街道）导入。")
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Invalid("请选择要导入的 Excel 文件。", fields={"file": "必填"})
    sess = db.session()
    read = import_xlsx(upload.stream, spec.columns)
    refused = spec.importer(sess, tenant, read.rows)
    bad = {number for number, _ in refused}
    result = ImportResult(
        rows=[(n, row) for n, row in read.rows if n not in bad],
        errors=sorted(read.errors + refused),
    )
    record(
        sess,
        tenant_id=tenant.id,
        action=f"finance.{spec.key}_imported",
        subject_type="ledger",
        subject_id=f"finance_{spec.key}",
        payload={"imported": len(result.rows), "rejected": len(result.errors)},
    )
    sess.commit()
    return _page(tenant, spec, result), (422 if result.errors and not result.rows else 200)


def _village() -> Village | None:
    code = request.args.get("village")
    if not code:
        return None
    village = db.session().scalar(select(Village).where(Village.code == code))
    if village is None:
        raise NotFound("找不到该村。")
    return village


def _query(spec: Ledger, village: Village | None):
    query = select(spec.model).options(joinedload(spec.model.village)).order_by(*spec.order)
    return query.where(spec.model.village_id == village.id) if village else query


def _page(tenant, spec: Ledger, result: ImportResult | None = None):
    sess = db.session()
    village = _village()
    query = _query(spec, village)
    total = sess.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    rows = sess.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return render_template(
        "finance/ledger.html",
        tenant=tenant,
        spec=spec,
        columns=[c for c in spec.columns if c["key"] != "village_code"],
        rows=[spec.as_row(r) for r in rows],
        total=total,
        page=page,
        pages=pages,
        villages=sess.scalars(select(Village).order_by(Village.code)).all(),
        village=village.code if village else "",
        can_import=tenant.kind == "township" and is_admin_of(current_user, tenant),
        result=result,
    )
