"""The ``qingdan`` command.

Every command reads ``QINGDAN_DATABASE_URL``, ``QINGDAN_REDIS_URL`` and
``QINGDAN_INSTANCE_PATH``. Wrong arguments get a Chinese message and exit status 2.
"""

from __future__ import annotations

import functools
from pathlib import Path

import click
from sqlalchemy import func, select

from core import db
from core.errors import DomainError


def with_app(func):
    """Run the command inside an app context, in system scope, committing at the end."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from core.app import create_app

        app = create_app()
        with app.app_context(), db.system_scope() as sess:
            try:
                result = func(app, sess, *args, **kwargs)
                sess.commit()
                return result
            except DomainError as exc:
                sess.rollback()
                raise click.UsageError(exc.message) from exc

    return wrapper


def with_owner(func):
    """Like :func:`with_app`, but on a connection of the schema owner: for the commands that
    must write what the application role may not (the append-only audit table)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from sqlalchemy.orm import Session

        from core.app import create_app

        app = create_app()
        engine = db.make_engine(app.config["QINGDAN"].database_owner_url)
        try:
            with app.app_context(), Session(engine) as sess, db.system_scope(sess):
                try:
                    return func(app, sess, *args, **kwargs)
                except DomainError as exc:
                    sess.rollback()
                    raise click.UsageError(exc.message) from exc
        finally:
            engine.dispose()

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """清单 Qingdan — 村级小微权力清单平台."""


@main.command("init-db")
def init_db():
    """Create or upgrade the database schema (after an upgrade or a restore), and make the
    public pages kept from before out of date."""
    from core.config import Config
    from core.public.page_cache import forget_every_page, pages_of
    from core.schema import upgrade

    config = Config.from_env()
    upgrade(config.database_owner_url, config.database_url)
    forget_every_page(pages_of(config))
    click.echo("数据库结构已是最新。")


@main.command("create-tenant")
@click.option("--slug", required=True, help="URL 中使用的标识，如 qinghe")
@click.option("--name", required=True, help="中文名称")
@click.option("--kind", required=True, type=click.Choice(["county", "township"]))
@click.option("--parent", "parent_slug", help="上级县（区）的标识（乡镇必填）")
@with_app
def create_tenant(app, sess, slug, name, kind, parent_slug):
    """Create a county or a township."""
    from tenants.models import Tenant
    from tenants.operations import create_tenant as create

    parent = None
    if parent_slug:
        parent = sess.scalar(select(Tenant).where(Tenant.slug == parent_slug))
        if parent is None:
            raise click.UsageError(f"找不到上级单位“{parent_slug}”。")
    tenant = create(sess, slug, name, kind, parent)
    click.echo(f"已创建 {tenant.kind_label} {tenant.name}（{tenant.slug}）。")


@main.command("create-village")
@click.option("--tenant", "tenant_slug", required=True, help="所属乡镇（街道）的标识")
@click.option("--code", required=True, help="12 位统计用区划代码")
@click.option("--name", required=True)
@with_app
def create_village(app, sess, tenant_slug, code, name):
    """Create a village of a township."""
    from tenants.operations import create_village as create

    village = create(sess, _tenant(sess, tenant_slug), code, name)
    click.echo(f"已创建村 {village.name}（{village.code}）。")


@main.command("create-user")
@click.option("--username", required=True)
@click.option("--password", required=True)
@click.option("--name", "display_name", default="", help="姓名")
@click.option("--tenant", "tenant_slug", help="授予角色的单位标识")
@click.option("--role", "role_key", help="角色，如 township_admin、village_secretary")
@click.option("--village", "village_code", help="村级角色所在村的代码")
@click.option("--superuser", is_flag=True, help="平台运维人员（可创建县区）")
@with_app
def create_user(
    app, sess, username, password, display_name, tenant_slug, role_key, village_code, superuser
):
    """Create a user, or add a membership to an existing one."""
    from core.auth.models import User
    from core.auth.operations import add_membership
    from core.auth.operations import create_user as create
    from tenants.operations import village_by_code

    if bool(tenant_slug) != bool(role_key):
        raise click.UsageError("--tenant 与 --role 需要同时提供。")
    if village_code and not tenant_slug:
        raise click.UsageError("--village 需要与 --tenant、--role 一起使用。")
    user = sess.scalar(select(User).where(User.username == username))
    if user is None:
        user = create(sess, username, password, display_name=display_name, superuser=superuser)
        click.echo(f"已创建用户 {username}。")
    if tenant_slug:
        tenant = _tenant(sess, tenant_slug)
        village = village_by_code(sess, tenant, village_code) if village_code else None
        membership = add_membership(sess, user, tenant, role_key, village)
        where = f"{tenant.name}{village.name if village else ''}"
        click.echo(f"{username} 在 {where} 担任 {membership.role.name}。")


@main.group("plugins")
def plugins_group():
    """Domain plugins."""


@plugins_group.command("list")
@with_app
def plugins_list(app, sess):
    """Show each plugin, its version, its domain and its state."""
    from core.plugins import host

    rows = [("插件", "版本", "领域", "来源", "状态")]
    for info in host().infos.values():
        domain = info.domain["name"] if info.domain else "-"
        origin = "内置" if info.builtin else "第三方"
        rows.append((info.key, info.version, domain, origin, info.status_label))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)))
    for info in host().infos.values():
        if info.load_error:
            click.echo(f"! {info.key}: {info.load_error}", err=True)


@main.group("audit")
def audit_group():
    """The audit log."""


@audit_group.command("verify")
@click.option("--tenant", "tenant_slug", help="只检查这个单位的审计链")
@with_app
def audit_verify(app, sess, tenant_slug):
    """Recompute every audit chain; name the first edited or deleted event of each (exit 1)."""
    from core.audit import verify
    from core.audit.models import AuditEvent
    from tenants.models import Tenant

    tenants = [_tenant(sess, tenant_slug)] if tenant_slug else sess.scalars(select(Tenant)).all()
    ids = [t.id for t in tenants]
    problems = verify(sess, ids[0] if tenant_slug else None)
    if problems:
        names = {t.id: f"{t.name}（{t.slug}）" for t in tenants}
        for p in problems:
            click.echo(f"{names[p.tenant_id]}：第 {p.seq} 条记录（编号 {p.event_id}）{p.message}。")
        click.echo(f"审计链不完整：{len(problems)} 个单位的记录被改动或删除。")
        raise click.exceptions.Exit(1)
    events = sess.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.tenant_id.in_(ids)))
    click.echo(f"审计链完整：{len(tenants)} 个单位，{events} 条记录")


@main.group("tenant")
def tenant_group():
    """A township's whole data: export, import, delete."""


@tenant_group.command("export")
@click.option("--tenant", "tenant_slug", required=True, help="要导出的单位标识")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="导出文件")
@with_owner
def tenant_export(app, sess, tenant_slug, out):
    """Write one tenant's rows, attachment files and audit chain to one zip file."""
    from core.attachments.storage import current_storage
    from tenants.archive import export_tenant

    manifest = export_tenant(sess, current_storage(), _tenant(sess, tenant_slug), Path(out))
    click.echo(
        f"已导出“{manifest.name}”：{sum(manifest.rows.values())} 行，{manifest.files} 个附件。"
    )


@tenant_group.command("import")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@with_owner
def tenant_import(app, sess, archive):
    """Restore a tenant exported with `qingdan tenant export` (into a database without it)."""
    from core.attachments.storage import current_storage
    from tenants.archive import import_tenant

    manifest = import_tenant(sess, current_storage(), Path(archive))
    click.echo(
        f"已导入“{manifest.name}”：{sum(manifest.rows.values())} 行，{manifest.files} 个附件。"
    )


@tenant_group.command("delete")
@click.option("--tenant", "tenant_slug", required=True, help="要删除的单位标识")
@click.option("--yes", is_flag=True, help="确认删除（不可恢复）")
@with_owner
def tenant_delete(app, sess, tenant_slug, yes):
    """Delete a township and everything it owns (export it first to keep its record)."""
    from core.attachments.storage import current_storage
    from tenants.deletion import delete_tenant

    tenant = _tenant(sess, tenant_slug)
    if not yes:
        raise click.UsageError(f"删除“{tenant.name}”不可恢复；确认请加 --yes。")
    removed = delete_tenant(sess, current_storage(), tenant)
    click.echo(f"已删除“{tenant.name}”：{sum(removed.values())} 行。")


@main.command()
@click.option("--burst", is_flag=True, help="处理完队列后退出（不定时巡检）")
def worker(burst):
    """Start an rq worker (with its scheduler) on QINGDAN_REDIS_URL.

    Unless ``--burst``, it also enqueues the sweep every QINGDAN_SWEEP_SECONDS, taking turns
    with the other workers so that each period gets one sweep.
    """
    from rq import Worker

    from core.app import create_app
    from core.jobs import QUEUE, redis_connection, serve_jobs_with
    from core.workflow.sweep_clock import worker_clock

    app = create_app()
    url = app.config["QINGDAN"].redis_url
    if not url:
        raise click.UsageError("未配置 QINGDAN_REDIS_URL：没有 Redis 时任务在 Web 进程内执行。")
    serve_jobs_with(app)
    clock = None if burst else worker_clock(app)
    if clock is not None:
        clock.start()
    try:
        Worker([QUEUE], connection=redis_connection(url)).work(burst=burst, with_scheduler=True)
    finally:
        if clock is not None:
            clock.stop()


@main.command("job-failures")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--traceback", "show_traceback", is_flag=True, help="同时显示错误堆栈")
@with_app
def job_failures_command(app, sess, limit, show_traceback):
    """List the latest failed background jobs (kept for core.job_failures.KEEP_DAYS days)."""
    from core import job_failures

    failures = job_failures.latest(sess, limit)
    if not failures:
        click.echo("没有失败的后台任务。")
    for failure in failures:
        click.echo(f"{failure.failed_at:%Y-%m-%d %H:%M:%S} UTC  {failure.job}  {failure.args}")
        click.echo(f"    {failure.error}")
        if show_traceback:
            click.echo(failure.traceback)


@main.command("sweep")
def sweep_command():
    """Close the notices whose days are over and run the sweep rules, once, now (exit 1 if a
    tenant's sweep failed)."""
    from core.app import create_app
    from core.workflow.sweep import sweep

    app = create_app()
    with app.app_context():
        report = sweep(app.extensions["qingdan.sessionmaker"])
    click.echo(report.summary())
    if report.failed:
        raise click.exceptions.Exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
def serve(host, port, workers):
    """Serve what the database holds (gunicorn)."""
    from core.serve import run

    run(host, port, workers)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def demo(host, port):
    """Seed the demo county (once) and serve."""
    from core.app import create_app
    from core.demo import seed
    from core.schema import upgrade
    from core.serve import run

    app = create_app()
    config = app.config["QINGDAN"]
    upgrade(config.database_owner_url, config.database_url)
    seed(app)
    run(host, port, 2)


def _tenant(sess, slug):
    from tenants.models import Tenant

    tenant = sess.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        raise click.UsageError(f"找不到单位“{slug}”。")
    return tenant


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
