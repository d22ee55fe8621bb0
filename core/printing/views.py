"""Printing pages: ask for a handbook and wait for it, download it; notice sheets and village
posters come back as PDFs at once."""

from __future__ import annotations

import io

from flask import Blueprint, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core import db, jobs, plugins
from core.attachments.storage import current_storage
from core.auth.access import resolve_tenant
from core.documents.notice_sheet import notice_sheet_pdf
from core.documents.poster import poster_pdf
from core.errors import NotFound

from . import operations as ops

bp = Blueprint("printing", __name__, template_folder="templates")

#: the largest id a URL may name (PostgreSQL's ``integer``)
MAX_ID = 2**31 - 1
ROOT = "/t/<slug>/documents"
DOCUMENT = f"{ROOT}/<int(max={MAX_ID}):document_id>"
#: seconds between reloads of the page of a handbook being generated
REFRESH_SECONDS = 3


@bp.get(ROOT)
@login_required
def index(slug: str):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    villages = ops.printable_villages(sess, current_user, tenant)
    return render_template(
        "printing/index.html",
        tenant=tenant,
        whole=ops.may_print(current_user, tenant),
        villages=villages,
        documents=ops.recent_documents(sess, current_user, tenant),
        notices=ops.recent_notices(sess, villages),
    )


@bp.post(f"{ROOT}/handbook")
@login_required
def request_handbook(slug: str):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    village = _chosen_village(sess, tenant, request.form.get("village", ""))
    document = ops.request_handbook(sess, tenant, village, current_user)
    sess.commit()
    jobs.enqueue(
        "core.printing.jobs.render_handbook",
        tenant_id=tenant.id,
        document_id=document.id,
        base_url=request.host_url,
    )
    return redirect(url_for(".document", slug=tenant.slug, document_id=document.id))


@bp.get(DOCUMENT)
@login_required
def document(slug: str, document_id: int):
    tenant = resolve_tenant(current_user, slug)
    found = _readable_document(tenant, document_id)
    response = render_template("printing/document.html", tenant=tenant, document=found)
    headers = {"Cache-Control": "no-store"}
    if found.pending:  # the browser reloads the page by itself until the handbook is ready
        headers["Refresh"] = str(REFRESH_SECONDS)
    return response, 200, headers


@bp.get(f"{DOCUMENT}/download")
@login_required
def download(slug: str, document_id: int):
    tenant = resolve_tenant(current_user, slug)
    found = _readable_document(tenant, document_id)
    return _pdf(
        ops.open_pdf(current_storage(), found), _("%(name)s权力手册.pdf", name=found.subject)
    )


@bp.get(f"{ROOT}/villages/<int(max={MAX_ID}):village_id>/poster.pdf")
@login_required
def poster(slug: str, village_id: int):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    village = ops.village_by_id(sess, tenant, village_id)
    ops.require_print(current_user, tenant, village)
    pdf = poster_pdf(sess, plugins.host(), tenant, village, base_url=request.host_url)
    sess.commit()  # plugin defaults may have been synced
    return _pdf(io.BytesIO(pdf), _("%(name)s清单海报.pdf", name=village.name))


@bp.get(f"{ROOT}/notices/<int(max={MAX_ID}):notice_id>/sheet.pdf")
@login_required
def notice_sheet(slug: str, notice_id: int):
    tenant = resolve_tenant(current_user, slug)
    notice = ops.notice_by_id(db.session(), tenant, notice_id)
    ops.require_print(current_user, tenant, notice.case.village)
    pdf = notice_sheet_pdf(tenant, notice, base_url=request.host_url)
    return _pdf(io.BytesIO(pdf), _("公示书-%(code)s.pdf", code=notice.case.code))


def _chosen_village(sess, tenant, raw: str):
    """The village picked in the form, or None for the whole township."""
    raw = raw.strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > MAX_ID:
        raise NotFound(_("找不到该村（社区）。"))
    return ops.village_by_id(sess, tenant, int(raw))


def _readable_document(tenant, document_id: int):
    found = ops.document_by_id(db.session(), tenant, document_id)
    ops.require_print(current_user, tenant, found.village)
    return found


def _pdf(stream, name: str):
    response = send_file(stream, mimetype="application/pdf", download_name=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response
