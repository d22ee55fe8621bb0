"""``/t/<slug>/assets/<ledger>``: the register of resources and assets, the contracts and the
rent received, by village and a page at a time, with Excel export and (for admins) import
with a per-row report; admins also record a single rent payment on the payments page.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from core import db
from core.audit import record
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.documents.xlsx import export_xlsx, import_xlsx
from core.errors import Invalid, NotFound
from formbuilder.fieldtypes import clean_submission
from formbuilder.fieldtypes.submission import field_type
from plugins.assets import sheets
from plugins.assets.models import Asset, Contract, RentPayment
from plugins.assets.rent import arrears, local_today
from tenants.models import Village

bp = Blueprint("assets", __name__, template_folder="templates")
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
    #: labels and values of columns shown on the page only, not exported
    extra: tuple[tuple[str, Callable], ...] = ()


def _assets(village: Village | None) -> Select:
    query = select(Asset).options(joinedload(Asset.village)).order_by(Asset.village_id, Asset.name)
    return query.where(Asset.village_id == village.id) if village else query


def _contracts(village: Village | None) -> Select:
    query = (
        select(Contract)
        .options(
            joinedload(Contract.village),
            joinedload(Contract.asset),
            selectinload(Contract.payments),
        )
        .order_by(Contract.ends_on, Contract.id)
    )
    return query.where(Contract.village_id == village.id) if village else query


def _payments(village: Village | None) -> Select:
    query = (
        select(RentPayment)
        .join(RentPayment.contract)
        .options(joinedload(RentPayment.contract))
        .order_by(RentPayment.paid_on.desc(), RentPayment.id.desc())
    )
    return query.where(Contract.village_id == village.id) if village else query


def _owed(contract: Contract) -> str:
    owed, _ = arrears(contract, local_today(contract.village.tenant, db.utcnow()))
    return f"{owed:,.2f}" if owed else "—"


LEDGERS = {
    "register": Ledger(
        "register",
        "资源资产台账",
        "各村的集体资源和资产：登记、发包（出租）、处置办件办结时自动更新，也可从清产核资台账导入。",
        sheets.ASSET_COLUMNS,
        _assets,
        sheets.asset_row,
        sheets.import_assets,
    ),
    "contracts": Ledger(
        "contracts",
        "承包租赁合同台账",
        "登记备案的承包、租赁合同：发包、续签办件登记时自动记入；到期和欠租由预警提示。",
        sheets.CONTRACT_COLUMNS,
        _contracts,
        sheets.contract_row,
        sheets.import_contracts,
        (("已收租金（元）", lambda c: f"{c.paid:,.2f}"), ("至今欠缴（元）", _owed)),
    ),
    "payments": Ledger(
        "payments",
        "租金收缴台账",
        "每一笔收到的承包费、租金。可逐笔登记，也可从镇代理记账的收款记录导入。",
        sheets.PAYMENT_COLUMNS,
        _payments,
        sheets.payment_row,
        sheets.import_payments,
    ),
}


def _ledger(name: str) -> Ledger:
    if name not in LEDGERS:
        raise NotFound("没有这个台账。")
    return LEDGERS[name]


@bp.get("/t/<slug>/assets/<name>")
@login_required
def ledger_page(slug: str, name: str):
    tenant = resolve_tenant(current_user, slug)
    return _page(tenant, _ledger(name))


@bp.get("/t/<slug>/assets/<name>.xlsx")
@login_required
def export(slug: str, name: str):
    resolve_tenant(current_user, slug)
    spec = _ledger(name)
    rows = [spec.as_row(r) for r in db.session().scalars(spec.query(_village())).unique()]
    return Response(
        export_xlsx(spec.columns, rows, spec.title),
        mimetype=XLSX,
        headers={"Content-Disposition": f"attachment; filename=assets-{spec.key}.xlsx"},
    )


@bp.post("/t/<slug>/assets/<name>/import")
@login_required
def import_sheet(slug: str, name: str):
    tenant = _writer(slug)
    spec = _ledger(name)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Invalid("请选择要导入的 Excel 文件。", fields={"file": "必填"})
    sess = db.session()
    read = import_xlsx(upload.stream, spec.columns)
    report = spec.importer(sess, tenant, read.rows)
    report.errors = sorted(read.errors + report.errors)
    _audit(sess, tenant, f"assets.{spec.key}_imported", report)
    sess.commit()
    refused_all = report.errors and not (report.stored or report.unchanged)
    return _page(tenant, spec, report), (422 if refused_all else 200)


@bp.post("/t/<slug>/assets/payments/add")
@login_required
def add_payment(slug: str):
    """One payment, judged exactly like a row of the payments sheet."""
    tenant = _writer(slug)
    spec = LEDGERS["payments"]
    row, faults = clean_submission(spec.columns, request.form)
    sess = db.session()
    report = sheets.ImportReport()
    if faults:
        labels = {c["key"]: c["label"] for c in spec.columns}
        report.errors = [(1, "；".join(f"{labels[k]}：{v}" for k, v in faults.items()))]
    else:
        dumped = {c["key"]: field_type(c).dump(row[c["key"]], c) for c in spec.columns}
        report = spec.importer(sess, tenant, [(1, dumped)])
    if report.errors:
        sess.rollback()
        return _page(tenant, spec, form_errors=[reason for _, reason in report.errors]), 422
    _audit(sess, tenant, "assets.payment_added", report)
    sess.commit()
    flash("已登记收款。" if report.stored else "该笔收款已在台账中。", "success")
    return redirect(url_for(".ledger_page", slug=tenant.slug, name="payments"))


def _writer(slug: str):
    """The township whose ledgers an admin changes (villages belong to townships)."""
    tenant = resolve_tenant(current_user, slug)
    require_admin(current_user, tenant)
    if tenant.kind != "township":
        raise Invalid("三资台账由乡镇（街道）登记和导入。")
    return tenant


def _audit(sess, tenant, action: str, report: sheets.ImportReport) -> None:
    record(
        sess,
        tenant_id=tenant.id,
        action=action,
        subject_type="ledger",
        subject_id=action.rsplit("_", 1)[0],
        payload={
            "stored": report.stored,
            "unchanged": report.unchanged,
            "rejected": len(report.errors),
        },
    )


def _village() -> Village | None:
    code = request.args.get("village")
    if not code:
        return None
    village = db.session().scalar(select(Village).where(Village.code == code))
    if village is None:
        raise NotFound("找不到该村。")
    return village


def _shown(spec: Ledger, item) -> list[str]:
    """A row as staff read it: ID numbers masked even here, everything else in full."""
    row, cells = spec.as_row(item), []
    for column in spec.columns:
        value, kind = row.get(column["key"]), field_type(column)
        if value is None:
            cells.append("")
        elif column["type"] == "id_number":
            cells.append(kind.public_text(value, column))
        else:
            cells.append(kind.display(value, column))
    return cells + [show(item) for _, show in spec.extra]


def _page(tenant, spec: Ledger, report=None, form_errors=()):
    sess = db.session()
    village = _village()
    query = spec.query(village)
    total = sess.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    rows = sess.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).unique().all()
    return render_template(
        "assets/ledger.html",
        tenant=tenant,
        spec=spec,
        ledgers=LEDGERS,
        labels=[c["label"] for c in spec.columns] + [label for label, _ in spec.extra],
        rows=[_shown(spec, r) for r in rows],
        total=total,
        page=page,
        pages=pages,
        villages=sess.scalars(select(Village).order_by(Village.code)).all(),
        village=village.code if village else "",
        can_write=tenant.kind == "township" and is_admin_of(current_user, tenant),
        report=report,
        form_errors=form_errors,
        typed=request.form if form_errors else {},
    )
