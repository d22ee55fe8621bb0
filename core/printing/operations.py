"""Who may print what, asking for a handbook, generating it, and reading it back.

A township's staff and its admins (and the county's admins above them) print for the whole
township and every village; village staff print for their own village only.
"""

from __future__ import annotations

import io
import logging
import secrets
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.attachments.storage import Storage
from core.auth.access import is_admin_of, memberships
from core.auth.models import User
from core.db import utcnow
from core.documents.handbook import handbook_pdf
from core.errors import DomainError, Forbidden, NotFound
from core.plugins import PluginHost
from core.workflow.models import Case, Notice
from tenants.models import Tenant, Village

from .models import DONE, FAILED, QUEUED, RUNNING, Document

log = logging.getLogger(__name__)
#: the part of the progress bar drawing the items takes; laying out the PDF takes the rest
DRAWING_SHARE = 80
FAILED_MESSAGE = "手册生成失败，请稍后重新生成；如仍失败，请联系管理员。"
#: how many of the latest documents the printing page lists
RECENT = 20


# --- permissions ---------------------------------------------------------------------------


def may_print(user: User | None, tenant: Tenant, village: Village | None = None) -> bool:
    """Whether ``user`` may print the documents of ``tenant`` (or of one of its villages)."""
    if user is None or not user.is_authenticated:
        return False
    if user.superuser or is_admin_of(user, tenant):
        return True
    return any(
        m.tenant_id == tenant.id
        and (m.village_id is None or (village is not None and m.village_id == village.id))
        for m in memberships(user)
    )


def require_print(user: User | None, tenant: Tenant, village: Village | None = None) -> None:
    if not may_print(user, tenant, village):
        raise Forbidden("只有本乡镇的工作人员和本村的村干部可以打印这份材料。")


def printable_villages(sess: Session, user: User, tenant: Tenant) -> list[Village]:
    villages = sess.scalars(
        select(Village).where(Village.tenant_id == tenant.id).order_by(Village.code)
    )
    return [v for v in villages if may_print(user, tenant, v)]


# --- looking things up (another tenant's ids answer like missing ones) ----------------------


def village_by_id(sess: Session, tenant: Tenant, village_id: int) -> Village:
    village = sess.get(Village, village_id)
    if village is None or village.tenant_id != tenant.id:
        raise NotFound("找不到该村（社区）。")
    return village


def notice_by_id(sess: Session, tenant: Tenant, notice_id: int) -> Notice:
    notice = sess.get(Notice, notice_id)
    if notice is None or notice.tenant_id != tenant.id:
        raise NotFound("找不到该公示。")
    return notice


def document_by_id(sess: Session, tenant: Tenant, document_id: int) -> Document:
    document = sess.get(Document, document_id)
    if document is None or document.tenant_id != tenant.id:
        raise NotFound("找不到该文档。")
    return document


def recent_notices(sess: Session, villages: list[Village]) -> list[Notice]:
    return list(
        sess.scalars(
            select(Notice)
            .join(Case, Case.id == Notice.case_id)
            .where(Case.village_id.in_([v.id for v in villages]))
            .order_by(Notice.starts_at.desc(), Notice.id.desc())
            .limit(RECENT)
        )
    )


def recent_documents(sess: Session, user: User, tenant: Tenant) -> list[Document]:
    documents = sess.scalars(
        select(Document)
        .where(Document.tenant_id == tenant.id)
        .order_by(Document.created_at.desc(), Document.id.desc())
        .limit(RECENT)
    )
    return [d for d in documents if may_print(user, tenant, d.village)]


# --- the handbook as a job -----------------------------------------------------------------


def request_handbook(
    sess: Session, tenant: Tenant, village: Village | None, actor: User
) -> Document:
    """A queued handbook of ``tenant`` or of ``village``; the caller commits and enqueues."""
    require_print(actor, tenant, village)
    document = Document(
        tenant_id=tenant.id,
        kind="handbook",
        village_id=village.id if village else None,
        subject=(village or tenant).name,
        status=QUEUED,
        progress=0,
        created_by_id=actor.id,
    )
    sess.add(document)
    sess.flush()
    return document


def generate_handbook(
    sess: Session, host: PluginHost, storage: Storage, document: Document, *, base_url: str
) -> None:
    """Render ``document``'s handbook into ``storage``, committing progress as items are
    drawn so the person waiting sees it move.

    Whatever goes wrong, the document ends ``failed`` with a message: a spinner that never
    stops is worse than an error. The log keeps the cause.
    """
    tenant = sess.get(Tenant, document.tenant_id)
    _advance(sess, document, RUNNING, 1)
    try:
        pdf = handbook_pdf(
            sess,
            host,
            tenant,
            document.village,
            base_url=base_url,
            on_progress=lambda done, total: _advance(
                sess, document, RUNNING, 1 + DRAWING_SHARE * done // total
            ),
        )
        key = f"{document.tenant_id}/documents/{secrets.token_hex(16)}"
        size = storage.put(key, io.BytesIO(pdf))
    except Exception as exc:  # the job's boundary: report it to the person waiting
        log.exception("handbook %s of tenant %s failed", document.id, document.tenant_id)
        sess.rollback()
        document.error = exc.message if isinstance(exc, DomainError) else FAILED_MESSAGE
        _advance(sess, document, FAILED, document.progress)
        return
    document.storage_key, document.size, document.finished_at = key, size, utcnow()
    _advance(sess, document, DONE, 100)


def _advance(sess: Session, document: Document, status: str, progress: int) -> None:
    if (document.status, document.progress) == (status, progress):
        return
    document.status, document.progress, document.updated_at = status, progress, utcnow()
    sess.commit()


def open_pdf(storage: Storage, document: Document) -> BinaryIO:
    """The finished document's PDF; one not finished (or whose file is gone) is not found."""
    if document.status != DONE or not document.storage_key:
        raise NotFound("该文档还没有生成完毕。")
    try:
        return storage.open(document.storage_key)
    except FileNotFoundError:
        raise NotFound("该文档的文件已不存在，请重新生成。") from None
