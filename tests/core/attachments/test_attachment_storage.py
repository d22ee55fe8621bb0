"""The local folder behind the storage interface: whole files or nothing."""

import errno
import io

import pytest

from core.attachments import storage
from core.attachments.storage import LocalStorage, StorageFull, StorageUnavailable

KEY = "7/2026/11/0123456789abcdef"


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_stored_file_reads_back_and_its_size_is_returned(tmp_path):
    local = LocalStorage(tmp_path)
    assert local.put(KEY, io.BytesIO(b"hello")) == 5
    with local.open(KEY) as stored:
        assert stored.read() == b"hello"
    assert local.exists(KEY)


def test_a_deleted_file_is_gone_and_deleting_again_is_harmless(tmp_path):
    local = LocalStorage(tmp_path)
    local.put(KEY, io.BytesIO(b"hello"))
    local.delete(KEY)
    local.delete(KEY)
    assert not local.exists(KEY)
    assert files_under(tmp_path) == []


def test_a_write_that_runs_out_of_space_leaves_no_partial_file(tmp_path, monkeypatch):
    def half_then_full(stream, out):
        out.write(stream.read(3))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_copy", half_then_full)
    with pytest.raises(StorageFull) as caught:
        LocalStorage(tmp_path).put(KEY, io.BytesIO(b"hello"))
    assert caught.value.status == 507
    assert caught.value.message == "存储空间不足，附件未保存，请联系管理员。"
    assert files_under(tmp_path) == []


def test_any_other_storage_failure_says_storage_is_unavailable(tmp_path):
    (tmp_path / "7").write_text("a file where the tenant's folder should be")
    with pytest.raises(StorageUnavailable) as caught:
        LocalStorage(tmp_path).put(KEY, io.BytesIO(b"hello"))
    assert caught.value.status == 503


@pytest.mark.parametrize("key", ["../etc/passwd", "/etc/passwd", "7/../../x", "7//x", "", "7/a.b"])
def test_a_key_that_could_leave_the_folder_is_refused(tmp_path, key):
    with pytest.raises(ValueError):
        LocalStorage(tmp_path).put(key, io.BytesIO(b"x"))
