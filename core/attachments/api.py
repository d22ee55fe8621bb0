"""``/api/v1/t/<slug>/attachments``: the same upload and download as the pages, by token.

Wired in ``core/api/blueprint.py``. The upload is ``multipart/form-data`` with the file in
the part ``file`` and, optionally, the form field's ``accept`` and ``max_size`` (MB).
"""

from __future__ import annotations

from core.api.auth import current_api_user
from core.api.openapi import documented

from . import views
from .schemas import AttachmentReferenceSchema


@documented(
    "上传附件（multipart/form-data：file 为文件，可选 accept、max_size），返回供表单引用的附件信息",
    response=AttachmentReferenceSchema,
    status=201,
    errors=(403, 422),
)
def upload_attachment(slug: str):
    return views.upload(current_api_user(), slug)


@documented("下载附件原文件（以附件方式下载，类型按内容识别）")
def download_attachment(slug: str, token: str):
    return views.download(current_api_user(), slug, token)
