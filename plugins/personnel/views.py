"""``/t/<slug>/personnel/appointments`` and ``/t/<slug>/personnel/relatives``: the
appointments register and the cadres' relatives register, a page at a time and by village,
with Excel export and (for admins) import with a per-row report.

The relatives register holds the ID numbers of people who are not cadres themselves, so it is
open only to admins and discipline inspectors; on pages every ID number is masked, and only
the Excel export — which import reads back — carries them whole.
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
from core.auth.access import is_admin_of, memberships, require_admin, resolve_tenant
from core.documents.xlsx import ImportResult, export_xlsx, import_xlsx
from core.errors import Forbidden, Invalid, NotFound
from plugins.personnel import ledger
from plugins.personnel.models import Appointment, CadreRelative
from tenants.models import Village

bp = Blueprint("personnel", __name__, template_folder="templates")
PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INSPECTORS = {"township_inspector", "county_inspector"}


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
    #: only admins and inspectors may read it
    restricted: bool


LEDGERS = {
    "appointments": Ledger(
        "appointments",
        "村级工作人员任职台账",
        "会计、出纳、报账员、村民小组长、村务监督委员会成员和后备干部的任职：选聘办件备案时"
        "自动登记，解聘交接后自动填写任职结束日期，也可从原有台账导入。",
        Appointment,
        ledger.APPOINTMENT_COLUMNS,
        ledger.appointment_row,
        ledger.import_appointments,
        (Appointment.starts_on.desc(), Appointment.id.desc()),
        False,
    ),
    "relatives": Ledger(
        "relatives",
        "村干部近亲属登记",
        "村干部申报的三代以内近亲属。采购、救助、选聘等事项据此自动比对，发现干部亲属时预警。"
        "导入同一村、同一干部、同一亲属身份证号的行会更正原记录。",
        CadreRelative,
        ledger.RELATIVE_COLUMNS,
        ledger.relative_row,
        ledger.import_relatives,
        (CadreRelative.village_id, CadreRelative.cadre_name, CadreRelative.id),
        True,
    ),
}


def _ledger(name: str, tenant) -> Ledger:
    if name not in LEDGERS:
        raise NotFound("没有这个台账。")
    spec = LEDGERS[name]
    if spec.restricted and not _may_read_restricted(tenant):
        raise Forbidden("近亲属登记只有管理员和纪检监察人员可以查看。")
    return spec


def _may_read_restricted(tenant) -> bool:
    if is_admin_of(current_user, tenant):
        return True
    owners = {tenant.id, tenant.parent_id}
    return any(
        m.role_key in INSPECTORS and m.tenant_id in owners for m in memberships(current_user)
    )


@bp.get("/t/<slug>/personnel/<name>")
@login_required
def ledger_page(slug: str, name: str):
    tenant = resolve_tenant(current_user, slug)
    return _page(tenant, _ledger(name, tenant))


@bp.get("/t/<slug>/personnel/<name>.xlsx")
@login_required
def export(slug: str, name: str):
    tenant = resolve_tenant(current_user, slug)
    spec = _ledger(name, tenant)
    rows = [spec.as_row(r) for r in db.session().scalars(_query(spec, _village()))]
    return Response(
        export_xlsx(spec.columns, rows, spec.title),
        mimetype=XLSX,
        headers={"Content-Disposition": f"attachment; filename=personnel-{spec.key}.xlsx"},
    )


@bp.post("/t/<slug>/personnel/<name>/import")
@login_required
def import_sheet(slug: str, name: str):
    tenant = resolve_tenant(current_user, slug)
    spec = _ledger(name, tenant)
    require_admin(current_user, tenant)
    if tenant.kind != "township":
        raise Invalid("人员台账由乡镇（街道）导入。")
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
        action=f"personnel.{spec.key}_imported",
        subject_type="ledger",
        subject_id=f"personnel_{spec.key}",
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


def _masked(row: dict, columns: list[dict]) -> dict:
    """A row as a page shows it: ID numbers with their middle hidden."""
    shown = dict(row)
    for column in columns:
        value = row.get(column["key"])
        if column["type"] == "id_number" and value:
            shown[column["key"]] = f"{value[:6]}{'*' * 8}{value[-4:]}"
    return shown


def _page(tenant, spec: Ledger, result: ImportResult | None = None):
    sess = db.session()
    village = _village()
    query = _query(spec, village)
    total = sess.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    rows = sess.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    columns = [c for c in spec.columns if c["key"] != "village_code"]
    return render_template(
        "personnel/ledger.html",
        tenant=tenant,
        spec=spec,
        columns=columns,
        rows=[_masked(spec.as_row(r), columns) for r in rows],
        total=total,
        page=page,
        pages=pages,
        villages=sess.scalars(select(Village).order_by(Village.code)).all(),
        village=village.code if village else "",
        can_import=tenant.kind == "township" and is_admin_of(current_user, tenant),
        show_relatives=_may_read_restricted(tenant),
        result=result,
    )
