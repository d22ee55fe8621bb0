"""Reading an upload request: the file, and the limits its form field asks for.

A page or an API client uploading for a form field passes that field's ``accept`` (kinds,
repeated or comma-separated) and ``max_size`` (MB), so a wrong file is refused at once
rather than when the form is submitted. The platform's ``attachment_max_mb`` caps them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from werkzeug.datastructures import FileStorage, MultiDict

from core.errors import Invalid
from formbuilder.fieldtypes.special import KINDS

MEGABYTES = re.compile(r"[0-9]{1,6}")


@dataclass(frozen=True)
class UploadRequest:
    file: FileStorage
    #: kinds the field accepts; ``None``: every kind
    accept: list[str] | None
    max_size_mb: int


def parse_upload(files: MultiDict, form: MultiDict, limit_mb: int) -> UploadRequest:
    """The ``file`` part and the field's limits, refusing what cannot be understood."""
    upload = files.get("file")
    if upload is None:
        raise Invalid("请选择要上传的文件。", fields={"file": "必填"})
    kinds = [k.strip() for value in form.getlist("accept") for k in value.split(",") if k.strip()]
    if any(kind not in KINDS for kind in kinds):
        choices = "、".join(f"{key}（{KINDS[key][0]}）" for key in sorted(KINDS))
        raise Invalid("不支持的文件类别。", fields={"accept": f"可选：{choices}"})
    size = form.get("max_size", "")
    if size and not (MEGABYTES.fullmatch(size) and int(size) > 0):
        raise Invalid("文件大小上限有误。", fields={"max_size": "应为正整数，单位 MB"})
    max_size_mb = min(int(size), limit_mb) if size else limit_mb
    return UploadRequest(upload, kinds or None, max_size_mb)
