"""``qingdan audit verify``: its message and exit status, as an operator sees them."""

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.cli import main
from tenants.models import Tenant


@pytest.fixture
def run(qingdan_config, app, monkeypatch):
    monkeypatch.setenv("QINGDAN_DATABASE_URL", qingdan_config.database_url)
    monkeypatch.setenv("QINGDAN_DATABASE_OWNER_URL", qingdan_config.database_owner_url)
    monkeypatch.setenv("QINGDAN_INSTANCE_PATH", str(qingdan_config.instance_path))
    monkeypatch.delenv("QINGDAN_REDIS_URL", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


def test_an_intact_log_says_so_and_exits_0(run, sess, chain):
    tenants = sess.scalar(select(func.count(Tenant.id)))
    events = sess.scalar(select(func.count(AuditEvent.id)))
    result = run("audit", "verify")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"审计链完整：{tenants} 个单位，{events} 条记录"


def test_one_tenant_can_be_checked_alone(run, sess, chain):
    events = sess.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.tenant_id == chain.tenant.id)
    )
    result = run("audit", "verify", "--tenant", "town-a1")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"审计链完整：1 个单位，{events} 条记录"


def test_a_tampered_log_names_the_event_and_exits_1(run, chain, as_owner):
    target = chain.events[3]
    as_owner("UPDATE audit_events SET payload = '{}' WHERE id = :id", id=target.id)
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert f"甲一镇（town-a1）：第 {target.seq} 条记录（编号 {target.id}）" in result.output
    assert "被改动" in result.output
    assert run("audit", "verify", "--tenant", "town-a2").exit_code == 0


def test_an_unknown_tenant_is_a_usage_error(run, world):
    result = run("audit", "verify", "--tenant", "nowhere")
    assert result.exit_code == 2
    assert "找不到单位“nowhere”" in result.output
