"""``/t/<slug>/disaster/...``: the disaster-relief roster for staff — browse, export, import.

Anyone who may see the township reads its roster (a county reads its townships'); only an
admin of the township or its county imports into it.
"""

from __future__ import annotations

import io

from flask import Blueprint, render_template, request, send_file
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select

from core import db
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.errors import Invalid
from plugins.disaster import ledger, sheet
from plugins.disaster.models import CATEGORIES
from tenants.models import Village

bp = Blueprint("disaster", __name__, template_folder="templates")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(FlaskForm):
    file = FileField(
        "花名册文件（.xlsx）", validators=[FileRequired("请选择要导入的 Excel 文件。")]
    )


def _village(code: str) -> Village | None:
    return db.session().scalar(select(Village).where(Village.code == code)) if code else None


@bp.get("/t/<slug>/disaster/recipients")
@login_required
def recipients(slug: str):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    chosen = {key: request.args.get(key, "") for key in ("village", "category")}
    rows, page, pages = ledger.recipients_page(
        sess,
        village=_village(chosen["village"]),
        category=chosen["category"] if chosen["category"] in CATEGORIES else None,
        page=request.args.get("page", 1, type=int),
    )
    return render_template(
        "disaster/recipients.html",
        tenant=tenant,
        rows=rows,
        page=page,
        pages=pages,
        chosen=chosen,
        kept={key: value for key, value in chosen.items() if value},
        categories=CATEGORIES,
        villages=sess.scalars(select(Village).order_by(Village.code)).all(),
        can_import=is_admin_of(current_user, tenant) and tenant.kind == "township",
    )


@bp.get("/t/<slug>/disaster/recipients.xlsx")
@login_required
def export(slug: str):
    resolve_tenant(current_user, slug)
    data = sheet.export_rows(db.session(), _village(request.args.get("village", "")))
    return send_file(
        io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=f"{sheet.TITLE}.xlsx"
    )


@bp.route("/t/<slug>/disaster/recipients/import", methods=["GET", "POST"])
@login_required
def import_ledger(slug: str):
    tenant = resolve_tenant(current_user, slug)
    require_admin(current_user, tenant)
    form = ImportForm()
    result, status = None, 200
    if form.validate_on_submit():
        sess = db.session()
        try:
            result = sheet.import_sheet(sess, tenant, form.file.data.stream)
        except Invalid as exc:
            sess.rollback()
            form.file.errors = [exc.message]
            status = 422
        else:
            sess.commit()
    elif request.method == "POST":
        status = 422
    page = render_template(
        "disaster/import.html", tenant=tenant, form=form, result=result, columns=sheet.COLUMNS
    )
    return page, status
