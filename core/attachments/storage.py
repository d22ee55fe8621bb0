"""Where attachment files live: one small interface, and a local folder behind it.

Keys look like ``<tenant_id>/<yyyy>/<mm>/<random>``: the tenant is part of every key, so a
deployment can move, back up or delete one tenant's files on its own. The interface is kept
to four calls so an S3-compatible backend can stand in for the folder later.

A failed write must never leave half a file under a key: :class:`LocalStorage` writes to a
temporary file beside the target and renames it into place only once every byte is on disk.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import current_app

from core.errors import DomainError

log = logging.getLogger(__name__)

#: path segments of letters, digits, ``_`` and ``-``: a key can never climb out of the root
KEY = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*")
#: what the write loop reads and writes at a time
CHUNK = 64 * 1024


class StorageFull(DomainError):
    status = 507
    code = "storage_full"


class StorageUnavailable(DomainError):
    status = 503
    code = "storage_unavailable"


class Storage(Protocol):
    """What the attachment operations need from a backend."""

    def put(self, key: str, stream: BinaryIO) -> int:
        """Store ``stream`` (read to its end) under ``key``; the number of bytes stored.

        Either the whole file is stored or nothing is: failures raise :class:`StorageFull`
        or :class:`StorageUnavailable`.
        """

    def open(self, key: str) -> BinaryIO:
        """The file stored under ``key``, for reading; ``FileNotFoundError`` if there is none."""

    def delete(self, key: str) -> None:
        """Remove ``key``; nothing happens if it is not there."""

    def exists(self, key: str) -> bool:
        """Whether a file is stored under ``key``."""


class LocalStorage:
    """Files in a folder of the server (``QINGDAN_ATTACHMENTS_PATH``), never one it serves."""

    def __init__(self, root: Path):
        self.root = root

    def put(self, key: str, stream: BinaryIO) -> int:
        path = self._path(key)
        temp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
            with os.fdopen(fd, "wb") as out:
                size = _copy(stream, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        except OSError as exc:
            raise _refusal(exc) from exc
        finally:
            if temp is not None:  # gone already when the rename succeeded
                Path(temp).unlink(missing_ok=True)
        return size

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def _path(self, key: str) -> Path:
        if not KEY.fullmatch(key):
            raise ValueError(f"not a storage key: {key!r}")
        return self.root / key


def current_storage() -> Storage:
    """The app's attachment storage, made on first use from its settings."""
    extensions = current_app.extensions
    if "qingdan.attachments" not in extensions:
        extensions["qingdan.attachments"] = LocalStorage(
            current_app.config["QINGDAN"].attachments_path
        )
    return extensions["qingdan.attachments"]


def _copy(stream: BinaryIO, out: BinaryIO) -> int:
    shutil.copyfileobj(stream, out, CHUNK)
    return out.tell()


def _refusal(exc: OSError) -> DomainError:
    """The clerk is told the file was not saved; the operator finds the cause in the log."""
    log.error("attachment storage failed: %s", exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFull("存储空间不足，附件未保存，请联系管理员。")
    return StorageUnavailable("附件存储暂时不可用，附件未保存，请联系管理员。")
