"""``/p/<slug>/...``: the villager pages (no login, no JavaScript needed) and their QR codes.

Views parse, call one operation, render. A foreign tenant's case, notice or report reads as a
missing one: every look-up is by the tenant of the URL and answers the same 404.
"""

from __future__ import annotations

from functools import partial

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from core import db
from core.catalog.present import flowchart as item_flowchart
from core.catalog.present import role_names
from core.errors import DomainError
from core.plugins import host
from core.workflow.present import case_flowchart
from core.workflow.views.blueprint import local_time

from . import page_cache, pages, qr, ratelimit, reports

bp = Blueprint("public", __name__, template_folder="templates")

VILLAGE = "/p/<slug>/<village_code>"
ITEM = f"{VILLAGE}/items/<key>"
CASE = "/p/<slug>/cases/<case_code>"
NOTICE = "/p/<slug>/notices/<int:notice_id>"
#: drawings change only with a new version; a villager's phone may keep them for an hour
DRAWING_CACHE = "public, max-age=3600"


@bp.context_processor
def _helpers() -> dict:
    return {"local_time": local_time}


@bp.after_request
def _no_shared_cache(response: Response) -> Response:
    """Pages carry a form token: no proxy may keep one visitor's page for another."""
    response.headers.setdefault("Cache-Control", "private, no-cache")
    return response


# --- the village page and its items --------------------------------------------------------


@bp.get(VILLAGE)
def village(slug: str, village_code: str):
    return page_cache.cached_page(slug, request.path, partial(_village_page, village_code))


def _village_page(village_code: str, tenant, **context) -> str:
    sess = db.session()
    found = pages.village_by_code(sess, tenant, village_code)
    return render_template(
        "public/village.html",
        page=pages.village_page(sess, host(), tenant, found),
        typed=reports.Submission(),
        **context,
    )


@bp.get(ITEM)
def item(slug: str, village_code: str, key: str):
    tenant = pages.public_tenant(slug)
    sess = db.session()
    found = pages.village_by_code(sess, tenant, village_code)
    entry, _version = pages.item_in_force(sess, host(), tenant, key)
    shown = pages.item_entry(entry, _version, tenant, role_names(sess))
    return render_template("public/item.html", tenant=tenant, village=found, item=shown)


@bp.get(f"{ITEM}/flowchart.svg")
def item_chart(slug: str, village_code: str, key: str):
    tenant = pages.public_tenant(slug)
    sess = db.session()
    pages.village_by_code(sess, tenant, village_code)
    _item, version = pages.item_in_force(sess, host(), tenant, key)
    return _svg(item_flowchart(sess, version, tenant))


# --- cases ---------------------------------------------------------------------------------


@bp.get("/p/<slug>/cases")
def find_case(slug: str):
    """The 流程到哪了 look-up form (a plain GET form) lands here with ``?code=``."""
    pages.public_tenant(slug)
    code = (request.args.get("code") or "").strip().upper()
    if not code:
        return render_template("public/lookup.html", slug=slug, kind="case"), 422
    return redirect(url_for("public.case", slug=slug, case_code=code))


@bp.get(CASE)
def case(slug: str, case_code: str):
    return page_cache.cached_page(slug, request.path, partial(_case_page, case_code))


def _case_page(case_code: str, tenant, **context) -> str:
    sess = db.session()
    found = pages.case_by_code(sess, tenant, case_code)
    page = pages.case_page(sess, found)
    return render_template("public/case.html", tenant=tenant, page=page, **context)


@bp.get(f"{CASE}/flowchart.svg")
def case_chart(slug: str, case_code: str):
    """The case's pinned steps, its current ones marked."""
    tenant = pages.public_tenant(slug)
    sess = db.session()
    found = pages.case_by_code(sess, tenant, case_code)
    return _svg(case_flowchart(sess, found), cache="no-cache")


# --- notices and objections ----------------------------------------------------------------


@bp.get(NOTICE)
def notice(slug: str, notice_id: int):
    tenant = pages.public_tenant(slug)
    found = pages.notice_by_id(db.session(), tenant, notice_id)
    return _notice_page(tenant, found, reports.Submission())


@bp.post(f"{NOTICE}/objections")
def object_to(slug: str, notice_id: int):
    tenant = pages.public_tenant(slug)
    sess = db.session()
    found = pages.notice_by_id(sess, tenant, notice_id)
    typed = _submission()
    try:
        complaint = reports.file_objection(sess, found, typed, _client())
    except DomainError as exc:
        sess.rollback()
        found = pages.notice_by_id(sess, tenant, notice_id)
        return _refused(_notice_page(tenant, found, typed, error=exc.message), exc)
    sess.commit()
    return _filed(slug, complaint)


def _notice_page(tenant, found, typed, error: str | None = None):
    return render_template(
        "public/notice.html",
        tenant=tenant,
        entry=pages.notice_entry(found),
        fields=pages.notice_fields(found),
        typed=typed,
        error=error,
    )


# --- reports -------------------------------------------------------------------------------


@bp.post(f"{VILLAGE}/complaints")
def report(slug: str, village_code: str):
    tenant = pages.public_tenant(slug)
    sess = db.session()
    found = pages.village_by_code(sess, tenant, village_code)
    typed = _submission()
    try:
        complaint = reports.file_report(sess, found, typed, _client())
    except DomainError as exc:
        sess.rollback()
        page = render_template(
            "public/report.html", tenant=tenant, village=found, typed=typed, error=exc.message
        )
        return _refused(page, exc)
    sess.commit()
    return _filed(slug, complaint)


@bp.get("/p/<slug>/complaints")
def find_complaint(slug: str):
    pages.public_tenant(slug)
    code = reports.normalise_code(request.args.get("code", ""))
    if not code:
        return render_template("public/lookup.html", slug=slug, kind="complaint"), 422
    return redirect(url_for("public.complaint", slug=slug, tracking_code=code))


@bp.get("/p/<slug>/complaints/<tracking_code>")
def complaint(slug: str, tracking_code: str):
    tenant = pages.public_tenant(slug)
    found = reports.complaint_by_code(db.session(), tenant.id, tracking_code)
    filed = request.args.get("filed") == "1"
    return render_template("public/complaint.html", tenant=tenant, complaint=found, filed=filed)


def _submission() -> reports.Submission:
    return reports.Submission(
        text=request.form.get("text", ""),
        phone=request.form.get("phone", ""),
        photos=request.files.getlist("photos"),
        trap=request.form.get("website", ""),
    )


def _client() -> str:
    return ratelimit.client_key(request.remote_addr or "", current_app.config["SECRET_KEY"])


def _filed(slug: str, complaint):
    """Post/redirect/get: reloading the answer page files nothing twice."""
    return redirect(
        url_for("public.complaint", slug=slug, tracking_code=complaint.tracking_code, filed=1),
        code=303,
    )


def _refused(page: str, exc: DomainError):
    """The form again with the villager's text and the reason; 429 says when to retry."""
    response = current_app.make_response((page, exc.status))
    if isinstance(exc, ratelimit.RateLimited):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


# --- QR codes ------------------------------------------------------------------------------


def _qr_target(endpoint: str, **values) -> tuple[str, str]:
    """(the public URL a code encodes, its title) — checking first that the page exists."""
    tenant = pages.public_tenant(values["slug"])
    sess = db.session()
    if "village_code" in values:
        found = pages.village_by_code(sess, tenant, values["village_code"])
        title = found.name
        if "key" in values:
            _item, version = pages.item_in_force(sess, host(), tenant, values["key"])
            title = f"{found.name} · {version.name}"
    elif "case_code" in values:
        title = pages.case_by_code(sess, tenant, values["case_code"]).code
    else:
        title = _("公示 %(id)s", id=pages.notice_by_id(sess, tenant, values["notice_id"]).id)
    return url_for(endpoint, _external=True, **values), title


def _qr(kind: str, endpoint: str, **values):
    target, title = _qr_target(endpoint, **values)
    if kind == "svg":
        return _svg(qr.qr_svg(target, title=title))
    return Response(
        qr.qr_png(target), mimetype="image/png", headers={"Cache-Control": DRAWING_CACHE}
    )


def _svg(text: str, cache: str = DRAWING_CACHE) -> Response:
    return Response(text, mimetype="image/svg+xml", headers={"Cache-Control": cache})


def _register_qr_routes() -> None:
    """One SVG and one PNG rule per public page that a notice board carries."""
    for base, endpoint in (
        (VILLAGE, "village"),
        (ITEM, "item"),
        (CASE, "case"),
        (NOTICE, "notice"),
    ):
        for kind in ("svg", "png"):
            bp.add_url_rule(
                f"{base}/qr.{kind}",
                f"{endpoint}_qr_{kind}",
                lambda kind=kind, endpoint=endpoint, **values: _qr(
                    kind, f"public.{endpoint}", **values
                ),
                methods=["GET"],
            )


_register_qr_routes()
