"""Reports by villagers (码上举报) and objections to running notices, filed without an account.

Both land in the supervision queue as a :class:`Complaint` with status ``received`` and a
tracking code; an objection also creates the engine's :class:`Objection`, which holds its
notice open until someone resolves it. Everything is checked before anything is stored, so a
refused submission leaves no row and no file behind.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from core.attachments import sniff
from core.attachments.access import REPORT_PHOTOS
from core.attachments.models import Attachment
from core.attachments.operations import display_name
from core.attachments.storage import current_storage
from core.db import utcnow
from core.errors import Invalid, NotFound
from core.supervision.handling import answer_due
from core.supervision.models import Complaint
from core.workflow import notices
from core.workflow.models import Notice
from tenants.models import Village

from . import ratelimit

#: no 0/O, 1/I/L: read aloud over the phone or copied from a slip without mistakes
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#: 31^12 ≈ 8·10^17 codes: guessing one of a township's reports is hopeless
CODE_LENGTH = 12
MAX_TEXT = 2000
MIN_TEXT = 5
MAX_PHOTOS = 3
MAX_PHOTO_MB = 5
_PHONE = re.compile(r"1[3-9][0-9]{9}")
_CODE_CHARS = re.compile(r"[\s-]")


@dataclass
class Submission:
    """What a villager typed, as the form sent it."""

    text: str = ""
    phone: str = ""
    photos: list[FileStorage] = field(default_factory=list)
    #: the honeypot field: hidden from people, filled in by spam robots
    trap: str = ""


def file_report(sess: Session, village: Village, submission: Submission, client: str) -> Complaint:
    """Store a report (举报) for ``village``; the caller commits."""
    text, phone = _checked(submission)
    digest = ratelimit.text_digest(text)
    ratelimit.check(sess, village, client, digest)
    complaint = _complaint(sess, village, "report", text, phone)
    complaint.photo_ids = _store_photos(sess, village, submission.photos)
    ratelimit.record(sess, village, client, digest)
    return complaint


def file_objection(sess: Session, notice: Notice, submission: Submission, client: str) -> Complaint:
    """Object to a running ``notice``: the engine's objection holds it open; the villager gets
    a tracking code like any report."""
    text, phone = _checked(submission)
    if submission.photos:
        raise Invalid("异议不能附照片；如需提供照片，请在本村页面“码上举报”提交。")
    village = notice.case.village
    digest = ratelimit.text_digest(text)
    ratelimit.check(sess, village, client, digest)
    objection = notices.file_objection(sess, notice, text, phone)
    complaint = _complaint(sess, village, "objection", text, phone)
    complaint.notice_id, complaint.objection_id = notice.id, objection.id
    ratelimit.record(sess, village, client, digest)
    return complaint


def complaint_by_code(sess: Session, tenant_id: int, code: str) -> Complaint:
    """The complaint ``code`` of the tenant; a made-up or foreign code reads as missing."""
    code = normalise_code(code)
    found = None
    if len(code) == CODE_LENGTH and set(code) <= set(ALPHABET):
        found = sess.scalar(
            select(Complaint).where(
                Complaint.tenant_id == tenant_id, Complaint.tracking_code == code
            )
        )
    if found is None:
        raise NotFound("找不到这个跟踪码，请核对后再查。")
    return found


def normalise_code(code: str) -> str:
    """What a villager types: lower case, spaces and dashes allowed."""
    return _CODE_CHARS.sub("", code or "").upper()


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _checked(submission: Submission) -> tuple[str, str | None]:
    if submission.trap.strip():
        raise Invalid("提交未被接受：请不要填写标明“请留空”的栏目。", code="spam")
    text = (submission.text or "").strip()
    if len(text) < MIN_TEXT:
        raise Invalid(f"请写明情况，至少 {MIN_TEXT} 个字。", fields={"text": "太短"})
    if len(text) > MAX_TEXT:
        raise Invalid(f"内容不能超过 {MAX_TEXT} 个字。", fields={"text": "太长"})
    phone = re.sub(r"[\s-]", "", submission.phone or "").removeprefix("+86")
    if phone and not _PHONE.fullmatch(phone):
        raise Invalid(
            "手机号码不对：请填写 11 位手机号码，或留空匿名提交。", fields={"phone": "格式不对"}
        )
    photos = [p for p in submission.photos if p and p.filename]
    if len(photos) > MAX_PHOTOS:
        raise Invalid(f"最多上传 {MAX_PHOTOS} 张照片。", fields={"photos": "太多"})
    submission.photos = photos
    return text, phone or None


def _complaint(sess: Session, village: Village, kind: str, text: str, phone) -> Complaint:
    now = utcnow()
    complaint = Complaint(
        tenant_id=village.tenant_id,
        tracking_code=new_code(),
        kind=kind,
        village_id=village.id,
        text=text,
        phone=phone,
        photo_ids=[],
        status="received",
        created_at=now,
        due_at=answer_due(sess, village.tenant, now),
    )
    sess.add(complaint)
    sess.flush()
    return complaint


def _store_photos(sess: Session, village: Village, photos: list[FileStorage]) -> list[int]:
    """Check every photo first (type from its bytes, size), then store them all."""
    checked = [_read_photo(photo) for photo in photos]
    storage = current_storage()
    ids = []
    for photo, content, found in checked:
        key = f"{village.tenant_id}/{utcnow():%Y/%m}/{secrets.token_hex(16)}"
        size = storage.put(key, io.BytesIO(content))
        attachment = Attachment(
            tenant_id=village.tenant_id,
            token=secrets.token_urlsafe(24),
            filename=display_name(photo.filename or "", found),
            content_type=found.content_type,
            size=size,
            sha256=hashlib.sha256(content).hexdigest(),
            storage_key=key,
            uploaded_by_id=None,
            field_key=REPORT_PHOTOS,
        )
        sess.add(attachment)
        sess.flush()
        ids.append(attachment.id)
    return ids


def _read_photo(photo: FileStorage) -> tuple[FileStorage, bytes, sniff.FileType]:
    content = photo.stream.read(MAX_PHOTO_MB * sniff.MB + 1)
    if len(content) > MAX_PHOTO_MB * sniff.MB:
        raise Invalid(f"每张照片不能超过 {MAX_PHOTO_MB} MB。", fields={"photos": "太大"})
    if not content:
        raise Invalid("照片文件是空的，请重新选择。", fields={"photos": "空文件"})
    found = sniff.identify(io.BytesIO(content))
    if found.kind != "image":
        raise Invalid(
            f"只能上传照片（JPG、PNG、GIF、WebP），“{photo.filename}”是{found.name}。",
            fields={"photos": "不是照片"},
        )
    display_name(photo.filename or "", found)  # refuses a name that lies about the content
    return photo, content, found
