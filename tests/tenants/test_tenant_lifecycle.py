"""A township's data leaves as one archive and comes back whole (``qingdan tenant export`` →
``tenant import`` into a fresh database → ``audit verify``), and deleting a township removes
every row and file it owns and nothing of anyone else."""

import io
import json
import zipfile

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from core import db
from core.attachments.operations import store_upload
from core.attachments.storage import current_storage
from core.cli import main
from core.schema import all_metadata
from core.testing.cases import sample_data
from plugins.relief.items import ITEMS

DIBAO = next(item for item in ITEMS if item["key"] == "relief.dibao")
PHOTO = b"%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def cli(monkeypatch):
    """``cli(database, instance, *args)``: the ``qingdan`` command against that database."""
    runner = CliRunner()

    def invoke(database, instance, *args):
        monkeypatch.setenv("QINGDAN_DATABASE_URL", database.app_url)
        monkeypatch.setenv("QINGDAN_DATABASE_OWNER_URL", database.owner_url)
        monkeypatch.setenv("QINGDAN_INSTANCE_PATH", str(instance))
        monkeypatch.delenv("QINGDAN_ATTACHMENTS_PATH", raising=False)
        monkeypatch.delenv("QINGDAN_REDIS_URL", raising=False)
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def township(app, client, sess, world, api_token, make_user, run_case, qingdan_config):
    """Town A1 with a finished 低保 case, a running one, audit events and an attachment."""
    applicant = make_user(None, (world.a1, DIBAO["steps"][0]["role"], world.villages.a1x))
    ids = []
    for _ in range(2):
        response = client.post(
            "/api/v1/t/town-a1/cases",
            json={
                "item": "relief.dibao",
                "village": world.villages.a1x.code,
                "data": sample_data(DIBAO["steps"][0]),
            },
            headers=api_token(applicant),
        )
        assert response.status_code == 201, response.json
        ids.append(response.json["id"])
    run_case(ids[0], "town-a1")
    with app.test_request_context(), db.system_scope(sess):
        store_upload(
            sess,
            world.a1,
            world.users.a1_secretary,
            FileStorage(io.BytesIO(PHOTO), "公示照片.pdf"),
            accept=None,
            max_size_mb=5,
        )
        sess.commit()
    return world.a1


def table_rows(archive_path) -> dict[str, list[dict]]:
    with zipfile.ZipFile(archive_path) as archive:
        return {
            name: [json.loads(line) for line in archive.read(name).decode().splitlines()]
            for name in archive.namelist()
            if name.startswith("tables/")
        }


def counts(sess, tenant_id: int) -> dict[str, tuple[int, int]]:
    """Rows per table: (the tenant's, everyone else's)."""
    sess.rollback()
    found = {}
    with db.system_scope(sess):
        for table in all_metadata().sorted_tables:
            total = sess.scalar(select(func.count()).select_from(table))
            own = (
                sess.scalar(
                    select(func.count()).select_from(table).where(table.c.tenant_id == tenant_id)
                )
                if "tenant_id" in table.c
                else 0
            )
            found[table.name] = (own, total - own)
    return found


def test_export_import_into_a_fresh_database_gives_the_same_data(
    cli, township, qingdan_database, qingdan_config, empty_database, tmp_path
):
    first, second = tmp_path / "a1.zip", tmp_path / "a1-again.zip"
    exported = cli(qingdan_database, qingdan_config.instance_path, "tenant", "export",
                   "--tenant", "town-a1", "--out", str(first))  # fmt: skip
    assert exported.exit_code == 0, exported.output
    assert "1 个附件" in exported.output

    fresh = tmp_path / "fresh-instance"
    imported = cli(empty_database, fresh, "tenant", "import", str(first))
    assert imported.exit_code == 0, imported.output
    verified = cli(empty_database, fresh, "audit", "verify")
    assert verified.exit_code == 0, verified.output
    assert "审计链完整" in verified.output

    again = cli(empty_database, fresh, "tenant", "export", "--tenant", "town-a1",
                "--out", str(second))  # fmt: skip
    assert again.exit_code == 0, again.output
    before, after = table_rows(first), table_rows(second)
    assert before == after
    added = cli(empty_database, fresh, "create-village", "--tenant", "town-a1",
                "--code", "990101001009", "--name", "新建村")  # fmt: skip
    assert added.exit_code == 0, added.output  # ids go on after the imported ones
    assert {"cases", "step_runs", "audit_events", "attachments", "relief_recipients"} <= {
        name.removeprefix("tables/").removesuffix(".jsonl") for name in before
    }
    assert len(before["tables/cases.jsonl"]) == 2
    with zipfile.ZipFile(second) as archive:
        files = [name for name in archive.namelist() if name.startswith("files/")]
        assert [archive.read(name) for name in files] == [PHOTO]


def test_secrets_are_not_exported(cli, township, qingdan_database, qingdan_config, tmp_path):
    path = tmp_path / "a1.zip"
    cli(qingdan_database, qingdan_config.instance_path, "tenant", "export",
        "--tenant", "town-a1", "--out", str(path))  # fmt: skip
    assert not {"tables/api_tokens.jsonl", "tables/login_failures.jsonl"} & set(table_rows(path))


def test_import_refuses_a_database_that_holds_the_tenant(
    cli, township, qingdan_database, qingdan_config, tmp_path, sess
):
    path = tmp_path / "a1.zip"
    cli(qingdan_database, qingdan_config.instance_path, "tenant", "export",
        "--tenant", "town-a1", "--out", str(path))  # fmt: skip
    before = counts(sess, township.id)
    refused = cli(qingdan_database, qingdan_config.instance_path, "tenant", "import", str(path))
    assert refused.exit_code == 2
    assert "数据库中已有单位“town-a1”" in refused.output
    assert counts(sess, township.id) == before


def test_import_refuses_a_file_that_is_not_an_archive(cli, empty_database, tmp_path):
    bogus = tmp_path / "notes.zip"
    bogus.write_text("不是压缩包", "utf-8")
    refused = cli(empty_database, tmp_path / "instance", "tenant", "import", str(bogus))
    assert refused.exit_code == 2
    assert "不是清单平台导出的单位数据文件" in refused.output


def test_deleting_a_township_removes_its_rows_and_files_and_nothing_else(
    cli, township, qingdan_database, qingdan_config, sess, app, world
):
    with app.app_context(), db.system_scope(sess):
        keys = sess.scalars(
            select(all_metadata().tables["attachments"].c.storage_key).where(
                all_metadata().tables["attachments"].c.tenant_id == township.id
            )
        ).all()
    tenant_id = township.id
    before = counts(sess, tenant_id)
    assert before["cases"][0] == 2 and before["audit_events"][0] > 0

    refused = cli(qingdan_database, qingdan_config.instance_path, "tenant", "delete",
                  "--tenant", "town-a1")  # fmt: skip
    assert refused.exit_code == 2 and "--yes" in refused.output
    deleted = cli(qingdan_database, qingdan_config.instance_path, "tenant", "delete",
                  "--tenant", "town-a1", "--yes")  # fmt: skip
    assert deleted.exit_code == 0, deleted.output

    after = counts(sess, tenant_id)
    for table, (_own, others) in before.items():
        expected_others = others - (1 if table == "tenants" else 0)
        expected_others += 1 if table == "audit_events" else 0  # recorded in the county chain
        assert after[table] == (0, expected_others), table
    with app.app_context():
        assert keys and not any(current_storage().exists(key) for key in keys)
    verified = cli(qingdan_database, qingdan_config.instance_path, "audit", "verify")
    assert verified.exit_code == 0, verified.output


def test_a_county_with_townships_is_not_deleted(cli, world, qingdan_database, qingdan_config):
    refused = cli(qingdan_database, qingdan_config.instance_path, "tenant", "delete",
                  "--tenant", "county-a", "--yes")  # fmt: skip
    assert refused.exit_code == 2
    assert "下还有乡镇" in refused.output
