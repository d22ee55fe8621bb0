"""Storing an upload and finding it again.

An upload is copied into a private spool with a byte cap — the request's Content-Length
is the sender's claim, not a limit — and checked there: its type from its bytes, its name's
extension against that type, the kinds the form field accepts. Only a file that passed
everything reaches storage, so a refused upload leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import tempfile
import unicodedata
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from core.auth.models import User
from core.db import utcnow
from core.errors import Forbidden, Invalid, NotFound
from formbuilder.fieldtypes.special import KINDS
from tenants.models import Tenant

from . import sniff
from .access import can_upload, can_view
from .models import Attachment
from .storage import CHUNK, current_storage

log = logging.getLogger(__name__)

#: uploads up to this size are checked in memory, larger ones in a temporary file
SPOOL_IN_MEMORY = 1024 * 1024
#: what :func:`secrets.token_urlsafe` makes; anything else cannot be a token
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
#: the longest display name kept (the column holds 255)
MAX_NAME = 200
#: what counts as an extension: ``.jpg``, ``.docx`` — not the ``.5`` of ``会议记录 2024.3.5``
EXTENSION = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9]{1,8}")
NOT_FOUND = "找不到该附件，或您无权查看。"


def store_upload(
    sess: Session,
    tenant: Tenant,
    user: User,
    file_storage: FileStorage,
    *,
    accept: list[str] | None,
    max_size_mb: int,
) -> Attachment:
    """Check ``file_storage`` and keep it as an attachment of ``tenant`` uploaded by ``user``.

    ``accept`` lists the form field's kinds (``image``, ``pdf``, ``document``,
    ``spreadsheet``; ``None`` for all). Raises :class:`Invalid` for a refused file and a
    storage error when the file could not be saved; the caller commits. The file goes to the
    current app's storage.
    """
    if not can_upload(user, tenant):
        raise Forbidden("只有本单位的工作人员和管理员可以上传附件。")
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
        digest = _copy_capped(file_storage.stream, spool, max_size_mb)
        found = sniff.identify(spool)
        name = display_name(file_storage.filename or "", found)
        _check_accepted(found, accept)
        key = f"{tenant.id}/{utcnow():%Y/%m}/{secrets.token_hex(16)}"
        storage = current_storage()
        size = storage.put(key, spool)
    attachment = Attachment(
        tenant_id=tenant.id,
        token=secrets.token_urlsafe(24),
        filename=name,
        content_type=found.content_type,
        size=size,
        sha256=digest,
        storage_key=key,
        uploaded_by_id=user.id,
    )
    sess.add(attachment)
    try:
        sess.flush()
    except SQLAlchemyError:
        storage.delete(key)  # a file no row names would never be served nor cleaned up
        raise
    return attachment


def attachment_for(sess: Session, tenant: Tenant, user: User | None, token: str) -> Attachment:
    """The attachment ``token`` of ``tenant`` if ``user`` may see it; otherwise a 404 that
    reads the same whether the token is made up, foreign or forbidden."""
    attachment = None
    if TOKEN.fullmatch(token):
        attachment = sess.scalar(
            select(Attachment).where(Attachment.tenant_id == tenant.id, Attachment.token == token)
        )
    if attachment is None or not can_view(user, attachment):
        raise NotFound(NOT_FOUND)
    return attachment


def open_content(attachment: Attachment) -> BinaryIO:
    """The stored bytes of ``attachment``, for streaming to the client."""
    try:
        return current_storage().open(attachment.storage_key)
    except FileNotFoundError as exc:
        log.error("attachment %s has no file at %s", attachment.id, attachment.storage_key)
        raise NotFound("附件文件已丢失，请联系管理员。") from exc


def display_name(filename: str, found: sniff.FileType) -> str:
    """The uploader's file name, safe to show and to offer as a download name.

    Folders, control characters and leading dots are dropped; a missing extension is added
    from the content; an extension that names another type is refused.
    """
    name = unicodedata.normalize("NFC", filename).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    stem, dot, extension = name.rpartition(".")
    if not (dot and EXTENSION.fullmatch(extension)):
        stem, extension = name, ""
    elif f".{extension.lower()}" not in found.extensions:
        raise Invalid(
            f"文件内容与扩展名不符：内容是{found.name}，扩展名却是 .{extension}。"
            "请确认文件后重新上传。",
            code="extension_mismatch",
        )
    suffix = f".{extension}" if extension else found.extensions[0]
    return (stem.strip() or "附件")[: MAX_NAME - len(suffix)] + suffix


def _copy_capped(stream: BinaryIO, spool: BinaryIO, max_size_mb: int) -> str:
    """Copy at most ``max_size_mb`` MB of ``stream`` into ``spool``; its SHA-256 in hex."""
    limit = max_size_mb * sniff.MB
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise Invalid(f"文件不能超过 {max_size_mb} MB", code="too_large")
        digest.update(chunk)
        spool.write(chunk)
    if size == 0:
        raise Invalid("文件是空的，请重新选择。", code="empty")
    spool.seek(0)
    return digest.hexdigest()


def _check_accepted(found: sniff.FileType, accept: list[str] | None) -> None:
    """The field's own words: the same message the form field gives for a wrong type."""
    if accept is not None and found.kind not in accept:
        raise Invalid("只能上传" + "或".join(KINDS[k][0] for k in accept), code="not_accepted")
