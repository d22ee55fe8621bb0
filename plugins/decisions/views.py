"""``/t/<slug>/decisions/resolutions``: the register of resolutions, its Excel export and import."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from core import db
from core.audit import record
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.documents.xlsx import export_xlsx, import_xlsx
from core.errors import Invalid, NotFound
from tenants.models import Village

from . import register

bp = Blueprint("decisions", __name__, template_folder="templates")
PAGE = "/t/<slug>/decisions/resolutions"
TITLE = "决议台账"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get(PAGE)
@login_required
def resolutions(slug: str):
    return _page(resolve_tenant(current_user, slug))


@bp.get(f"{PAGE}.xlsx")
@login_required
def export(slug: str):
    resolve_tenant(current_user, slug)
    rows = [register.as_row(r) for r in register.resolutions(db.session(), _chosen_village())]
    return Response(
        export_xlsx(register.COLUMNS, rows, TITLE),
        mimetype=XLSX,
        headers={"Content-Disposition": "attachment; filename=resolutions.xlsx"},
    )


@bp.post(f"{PAGE}/import")
@login_required
def import_sheet(slug: str):
    tenant = resolve_tenant(current_user, slug)
    require_admin(current_user, tenant)
    if tenant.kind != "township":
        raise Invalid("决议台账由乡镇（街道）导入。")
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Invalid("请选择要导入的 Excel 文件。", fields={"file": "必填"})
    sess = db.session()
    result = register.import_rows(sess, tenant, import_xlsx(upload.stream, register.COLUMNS))
    record(
        sess,
        tenant_id=tenant.id,
        action="decisions.resolutions_imported",
        subject_type="ledger",
        subject_id="decisions_resolutions",
        payload={"imported": len(result.rows), "rejected": len(result.errors)},
    )
    sess.commit()
    return _page(tenant, result), (422 if result.errors and not result.rows else 200)


def _chosen_village() -> Village | None:
    """The village picked with ``?village=<code>``, among those the request may see."""
    code = request.args.get("village")
    if not code:
        return None
    village = db.session().scalar(select(Village).where(Village.code == code))
    if village is None:
        raise NotFound("找不到该村。")
    return village


def _page(tenant, result=None):
    sess = db.session()
    return render_template(
        "decisions/resolutions.html",
        tenant=tenant,
        title=TITLE,
        rows=register.resolutions(sess, _chosen_village()),
        villages=sess.scalars(select(Village).order_by(Village.code)).all(),
        village=request.args.get("village", ""),
        can_import=tenant.kind == "township" and is_admin_of(current_user, tenant),
        result=result,
    )
