"""``/t/<slug>/procurement/suppliers`` and ``/t/<slug>/procurement/awards``: the procurement
ledgers by village, a page at a time, with Excel export and (for admins) import with a
per-row report. Both share one page; a :class:`Ledger` says what differs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Response, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from core import db
from core.audit import record
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.documents.xlsx import export_xlsx, import_xlsx
from core.errors import Invalid, NotFound
from formbuilder.fieldtypes.submission import field_type
from plugins.procurement import ledger
from plugins.procurement.models import Award, Supplier
from tenants.models import Village

bp = Blueprint("procurement", __name__, template_folder="templates")
PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Ledger:
    key: str
    title: str
    intro: str
    columns: list[dict]
    #: the rows in view, for a village or all
    query: Callable[[Village | None], Select]
    as_row: Callable
    importer: Callable


def _suppliers(village: Village | None) -> Select:
    query = select(Supplier).order_by(Supplier.name)
    if village is None:
        return query
    won = select(Award.supplier_id).where(Award.village_id == village.id)
    return query.where(Supplier.id.in_(won))


def _awards(village: Village | None) -> Select:
    query = (
        select(Award)
        .options(joinedload(Award.village), joinedload(Award.supplier), joinedload(Award.case))
        .order_by(Award.awarded_on.desc(), Award.id.desc())
    )
    return query.where(Award.village_id == village.id) if village else query


LEDGERS = {
    "awards": Ledger(
        "awards",
        "采购和发包台账",
        "各村每一项采购和工程的成交结果：办件确定供应商或施工单位时自动登记，也可从原有台账导入。",
        ledger.AWARD_COLUMNS,
        _awards,
        ledger.award_row,
        ledger.import_awards,
    ),
    "suppliers": Ledger(
        "suppliers",
        "供应商库",
        "与各村有过交易的供应商和施工单位；按村筛选时列出在该村成交过的。导入时按名称更新。",
        ledger.SUPPLIER_COLUMNS,
        _suppliers,
        ledger.supplier_row,
        ledger.import_suppliers,
    ),
}


def _ledger(name: str) -> Ledger:
    if name not in LEDGERS:
        raise NotFound("没有这个台账。")
    return LEDGERS[name]


@bp.get("/t/<slug>/procurement/<name>")
@login_required
def ledger_page(slug: str, name: str):
    tenant = resolve_tenant(current_user, slug)
    return _page(tenant, _ledger(name))


@bp.get("/t/<slug>/procurement/<name>.xlsx")
@login_required
def export(slug: str, name: str):
    resolve_tenant(current_user, slug)
    spec = _ledger(name)
    rows = [spec.as_row(r) for r in db.session().scalars(spec.query(_village())).unique()]
    return Response(
        export_xlsx(spec.columns, rows, spec.title),
        mimetype=XLSX,
        headers={"Content-Disposition": f"attachment; filename=procurement-{spec.key}.xlsx"},
    )


@bp.post("/t/<slug>/procurement/<name>/import")
@login_required
def import_sheet(slug: str, name: str):
    tenant = resolve_tenant(current_user, slug)
    spec = _ledger(name)
    require_admin(current_user, tenant)
    if tenant.kind != "township":
        raise Invalid("采购台账由乡镇（街道）导入。")
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Invalid("请选择要导入的 Excel 文件。", fields={"file": "必填"})
    sess = db.session()
    read = import_xlsx(upload.stream, spec.columns)
    report = spec.importer(sess, tenant, read.rows)
    report.errors = sorted(read.errors + report.errors)
    record(
        sess,
        tenant_id=tenant.id,
        action=f"procurement.{spec.key}_imported",
        subject_type="ledger",
        subject_id=f"procurement_{spec.key}",
        payload={
            "stored": report.stored,
            "unchanged": report.unchanged,
            "rejected": len(report.errors),
        },
    )
    sess.commit()
    refused_all = report.errors and not (report.stored or report.unchanged)
    return _page(tenant, spec, report), (422 if refused_all else 200)


def _village() -> Village | None:
    code = request.args.get("village")
    if not code:
        return None
    village = db.session().scalar(select(Village).where(Village.code == code))
    if village is None:
        raise NotFound("找不到该村。")
    return village


def _shown(columns: list[dict], row: dict) -> list[str]:
    """A row as staff read it: ID numbers masked even here, everything else in full."""
    cells = []
    for column in columns:
        value, kind = row.get(column["key"]), field_type(column)
        if value is None:
            cells.append("")
        elif column["type"] == "id_number":
            cells.append(kind.public_text(value, column))
        else:
            cells.append(kind.display(value, column))
    return cells


def _page(tenant, spec: Ledger, report: ledger.ImportReport | None = None):
    sess = db.session()
    village = _village()
    query = spec.query(village)
    total = sess.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    rows = sess.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).unique().all()
    return render_template(
        "procurement/ledger.html",
        tenant=tenant,
        spec=spec,
        ledgers=LEDGERS,
        labels=[c["label"] for c in spec.columns],
        rows=[_shown(spec.columns, spec.as_row(r)) for r in rows],
        total=total,
        page=page,
        pages=pages,
        villages=sess.scalars(select(Village).order_by(Village.code)).all(),
        village=village.code if village else "",
        can_import=tenant.kind == "township" and is_admin_of(current_user, tenant),
        report=report,
    )
