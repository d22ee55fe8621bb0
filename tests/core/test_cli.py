"""The ``qingdan`` command, driven as a user would, against the test database."""

import os
from dataclasses import replace

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from core.auth.models import Membership, User
from core.cli import main
from core.public import page_cache
from tenants.models import Tenant, Village


@pytest.fixture
def run(qingdan_config, app, monkeypatch):
    monkeypatch.setenv("QINGDAN_DATABASE_URL", qingdan_config.database_url)
    monkeypatch.setenv("QINGDAN_DATABASE_OWNER_URL", qingdan_config.database_owner_url)
    monkeypatch.setenv("QINGDAN_INSTANCE_PATH", str(qingdan_config.instance_path))
    monkeypatch.delenv("QINGDAN_REDIS_URL", raising=False)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_create_county_township_and_village(run, sess):
    assert (
        run("create-tenant", "--slug", "qh", "--name", "清河县", "--kind", "county").exit_code == 0
    )
    result = run(
        "create-tenant", "--slug", "cg", "--name", "城关镇", "--kind", "township", "--parent", "qh"
    )
    assert result.exit_code == 0, result.output
    result = run("create-village", "--tenant", "cg", "--code", "139901100001", "--name", "东关村")
    assert result.exit_code == 0, result.output
    township = sess.scalar(select(Tenant).where(Tenant.slug == "cg"))
    assert township.parent.slug == "qh"
    assert sess.scalar(select(Village.name).where(Village.tenant_id == township.id)) == "东关村"


def test_a_township_needs_an_existing_parent(run):
    result = run(
        "create-tenant",
        "--slug",
        "cg",
        "--name",
        "城关镇",
        "--kind",
        "township",
        "--parent",
        "nowhere",
    )
    assert result.exit_code == 2
    assert "找不到上级单位“nowhere”" in result.output


def test_wrong_kind_is_refused_with_a_message(run):
    result = run("create-tenant", "--slug", "x", "--name", "某地", "--kind", "city")
    assert result.exit_code == 2
    assert "county" in result.output


def test_a_bad_village_code_is_refused(run, world):
    result = run("create-village", "--tenant", "town-a1", "--code", "12345", "--name", "某村")
    assert result.exit_code == 2
    assert "12 位数字" in result.output


def test_create_user_then_add_a_second_role_to_the_same_person(run, world, sess):
    first = run(
        "create-user",
        "--username",
        "zhang",
        "--password",
        "secret-123",
        "--tenant",
        "town-a1",
        "--role",
        "village_secretary",
        "--village",
        "990101001001",
    )
    assert first.exit_code == 0, first.output
    second = run(
        "create-user",
        "--username",
        "zhang",
        "--password",
        "ignored-123",
        "--tenant",
        "town-a1",
        "--role",
        "village_director",
        "--village",
        "990101001001",
    )
    assert second.exit_code == 0, second.output
    user = sess.scalar(select(User).where(User.username == "zhang"))
    roles = sess.scalars(select(Membership.role_key).where(Membership.user_id == user.id)).all()
    assert sorted(roles) == ["village_director", "village_secretary"]


def test_a_village_role_without_a_village_is_refused(run, world):
    result = run(
        "create-user",
        "--username",
        "li",
        "--password",
        "secret-123",
        "--tenant",
        "town-a1",
        "--role",
        "village_secretary",
    )
    assert result.exit_code == 2
    assert "请指定村" in result.output


def test_plugins_list_shows_the_eight_domains(run):
    result = run("plugins", "list")
    assert result.exit_code == 0
    for name in (
        "村级重大决策事项",
        "村级采购事项",
        "村级财务管理",
        "村级工作人员任用",
        "阳光村务",
        "村集体资源和资产管理",
        "村民救助",
        "救灾款申请",
    ):
        assert name in result.output
    assert result.output.count("正常") == 8


def test_worker_without_redis_says_why(run):
    result = run("worker")
    assert result.exit_code == 2
    assert "QINGDAN_REDIS_URL" in result.output


def test_job_failures_lists_the_latest_with_their_traceback(run, sess):
    from core import job_failures

    try:
        raise KeyError("村代码")
    except KeyError as exc:
        job_failures.record(sess, "core.workflow.sweep.sweep_job", "tenant=7", exc)
    sess.commit()
    brief = run("job-failures", "--limit", "5")
    assert "core.workflow.sweep.sweep_job  tenant=7" in brief.output
    assert "KeyError: '村代码'" in brief.output
    assert "Traceback" not in brief.output
    assert "Traceback" in run("job-failures", "--traceback").output


def test_job_failures_says_when_there_are_none(run):
    assert "没有失败的后台任务" in run("job-failures").output


@pytest.mark.redis
def test_init_db_makes_the_kept_public_pages_out_of_date(run, qingdan_config, monkeypatch):
    """After a restore or an upgrade the database is no longer what the pages were made of."""
    monkeypatch.setenv("QINGDAN_REDIS_URL", os.environ["QINGDAN_TEST_REDIS_URL"])
    pages = page_cache.pages_of(
        replace(qingdan_config, redis_url=os.environ["QINGDAN_TEST_REDIS_URL"])
    )
    before = pages.stamp([])
    result = run("init-db")
    assert result.exit_code == 0, result.output
    assert pages.stamp([]) != before
