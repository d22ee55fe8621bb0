"""Attachment pages: upload for a form (JSON answer, for htmx or a script) and download.

The page routes and the ``/api/v1`` routes (``api.py``) share :func:`upload` and
:func:`download`; they differ only in who the user is — the session's or the token's.
Page uploads are CSRF-protected like every page form (field ``csrf_token`` or the
``X-CSRFToken`` header); send ``Accept: application/json`` to have refusals as JSON.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from flask import Blueprint, Response, current_app, jsonify, request
from flask_login import current_user, login_required
from werkzeug.wsgi import wrap_file

from core import db
from core.auth.access import resolve_tenant
from core.auth.models import User

from . import operations
from .forms import parse_upload
from .models import Attachment
from .schemas import AttachmentReferenceSchema

bp = Blueprint("attachments", __name__)


@bp.post("/t/<slug>/attachments")
@login_required
def upload_page(slug: str):
    return upload(current_user._get_current_object(), slug)  # noqa: SLF001


@bp.get("/t/<slug>/attachments/<token>")
@login_required
def download_page(slug: str, token: str):
    return download(current_user._get_current_object(), slug, token)  # noqa: SLF001


def upload(user: User, slug: str) -> tuple[Response, int]:
    """Store the request's ``file``; 201 with its reference."""
    tenant = resolve_tenant(user, slug)
    limit = current_app.config["QINGDAN"].attachment_max_mb
    parsed = parse_upload(request.files, request.form, limit)
    sess = db.session()
    attachment = operations.store_upload(
        sess, tenant, user, parsed.file, accept=parsed.accept, max_size_mb=parsed.max_size_mb
    )
    sess.commit()
    return jsonify(AttachmentReferenceSchema().dump(attachment)), 201


def download(user: User, slug: str, token: str) -> Response:
    """Stream the file as a download, never for the browser to render in our origin."""
    tenant = resolve_tenant(user, slug)
    return file_response(operations.attachment_for(db.session(), tenant, user, token))


def file_response(attachment: Attachment) -> Response:
    """The stored file of ``attachment``, streamed, with the headers every download needs."""
    response = Response(
        wrap_file(request.environ, operations.open_content(attachment)),
        mimetype=attachment.content_type,
        direct_passthrough=True,
    )
    response.content_length = attachment.size
    response.headers["Content-Disposition"] = content_disposition(attachment)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def content_disposition(attachment: Attachment) -> str:
    """``attachment`` with the name in UTF-8 (RFC 6266), and an ASCII name for old clients."""
    name = attachment.filename
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    fallback = "".join(c if c.isalnum() or c in "._-" else "_" for c in fallback).strip("._")
    if "." not in fallback:
        fallback = "attachment" + name[name.rfind(".") :]
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
