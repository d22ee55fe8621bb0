"""The sweep closes notices whose days are over, runs the sweep rules, and keeps no state."""

from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.cli import main
from core.db import utcnow
from core.rules.models import Warning
from core.workflow import notices
from core.workflow import sweep as sweep_module
from core.workflow.models import Case, Notice, StepRun


@pytest.fixture
def run_sweep(app):
    def run(now=None):
        with app.app_context():
            return sweep_module.sweep(app.extensions["qingdan.sessionmaker"], now)

    return run


@pytest.fixture
def notice_running(api, works, start, meeting_ok, sess):
    """``notice_running(over=True)``: a case at its 5-day result notice, by default with the
    days already over (posted six days ago)."""

    def make(over=True):
        case = start()
        p = works.people
        for user, step, data in (
            (p.reviewer, "review", {"decision": "approve"}),
            (p.secretary, "sign", {"role": "village_secretary"}),
            (p.director, "sign", {"role": "village_director"}),
            (p.director, "council", meeting_ok),
        ):
            response = api(user).post(f"/cases/{case['id']}/steps/{step}", {"data": data})
            assert response.status_code == 200, response.json
        if over:
            backdate(sess, case["id"])
        return case

    return make


def backdate(sess, case_id, days=6):
    notice = sess.scalar(select(Notice).where(Notice.case_id == case_id, Notice.status == "open"))
    notice.starts_at = utcnow() - timedelta(days=days)
    notice.ends_at = notice.starts_at + timedelta(days=notice.days)
    sess.commit()
    return notice


def state(sess, case_id):
    sess.expire_all()
    case = sess.get(Case, case_id)
    notice = sess.scalar(select(Notice).where(Notice.case_id == case_id))
    return case, notice


def completions(sess, case_id, step="notice"):
    return sess.scalar(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "step.completed",
            AuditEvent.subject_id == str(case_id),
            AuditEvent.payload["step"].as_string() == step,
        )
    )


def test_a_notice_whose_days_are_over_is_closed_and_the_case_moves_on(
    notice_running, run_sweep, sess
):
    created = notice_running()
    report = run_sweep()
    case, notice = state(sess, created["id"])
    assert report.notices_closed == 1
    assert (notice.status, case.status) == ("closed", "completed")
    run = sess.get(StepRun, notice.step_run_id)
    assert (run.status, run.actor_id) == ("completed", None)
    event = sess.scalar(
        select(AuditEvent)
        .where(AuditEvent.action == "step.completed", AuditEvent.subject_id == str(case.id))
        .order_by(AuditEvent.id.desc())
    )
    assert (event.actor_label, event.payload["step"]) == ("system", "notice")


def test_a_notice_still_running_is_left_alone(notice_running, run_sweep, sess):
    created = notice_running(over=False)
    assert run_sweep().notices_closed == 0
    assert state(sess, created["id"])[1].status == "open"


def test_an_open_objection_holds_the_notice(notice_running, run_sweep, sess):
    created = notice_running()
    notices.file_objection(sess, state(sess, created["id"])[1], "金额与实际不符", None)
    sess.commit()
    assert run_sweep().notices_closed == 0
    assert state(sess, created["id"])[1].status == "open"


def test_running_it_twice_completes_nothing_twice(notice_running, run_sweep, sess):
    created = notice_running()
    first, second = run_sweep(), run_sweep()
    assert (first.notices_closed, second.notices_closed) == (1, 0)
    assert completions(sess, created["id"]) == 1


def test_a_failing_tenant_does_not_stop_the_others(
    notice_running, run_sweep, sess, world, monkeypatch
):
    created = notice_running()
    real = sweep_module._close_notices

    def failing_in_county_a(sess_factory, tenant_id, now):
        if tenant_id == world.a.id:
            raise RuntimeError("磁盘已满")
        return real(sess_factory, tenant_id, now)

    monkeypatch.setattr(sweep_module, "_close_notices", failing_in_county_a)
    report = run_sweep()
    assert report.failed == ["county-a"]
    assert report.notices_closed == 1
    assert state(sess, created["id"])[0].status == "completed"


@pytest.fixture
def cli(qingdan_config, app, monkeypatch):
    monkeypatch.setenv("QINGDAN_DATABASE_URL", qingdan_config.database_url)
    monkeypatch.setenv("QINGDAN_INSTANCE_PATH", str(qingdan_config.instance_path))
    monkeypatch.delenv("QINGDAN_REDIS_URL", raising=False)
    return lambda *args: CliRunner().invoke(main, list(args), catch_exceptions=False)


def overdue_step(sess, api, works):
    """A case whose first step (5 working days) started ten days ago and is still running."""
    response = api(works.people.committee).post(
        "/cases", {"item": "local.street_lights", "village": works.village.code, "data": {}}
    )
    run = sess.scalar(select(StepRun).where(StepRun.case_id == response.json["id"]))
    run.started_at, run.due_at = utcnow() - timedelta(days=10), utcnow() - timedelta(days=2)
    sess.commit()
    return response.json


def test_in_process_the_sweep_closes_the_notice_and_warns_once_however_often_it_runs(
    notice_running, api, works, run_sweep, cli, sess
):
    """Issue 4, must show 6, without Redis: the sweep function and ``qingdan sweep``."""
    created = notice_running()
    overdue_step(sess, api, works)
    run_sweep()
    run_sweep()
    for result in (cli("sweep"), cli("sweep")):
        assert result.exit_code == 0, result.output
        assert result.output == "关闭公示 0 个，新增预警 0 条，解除预警 0 条。\n"
    assert state(sess, created["id"])[1].status == "closed"
    assert completions(sess, created["id"]) == 1
    overdue = sess.scalars(select(Warning).where(Warning.rule == "overdue_step")).all()
    assert [(w.severity, w.status) for w in overdue] == [("yellow", "open")]


def test_qingdan_sweep_prints_what_it_did(notice_running, api, works, cli, sess):
    notice_running()
    overdue_step(sess, api, works)
    result = cli("sweep")
    assert result.exit_code == 0, result.output
    assert result.output == "关闭公示 1 个，新增预警 1 条，解除预警 0 条。\n"
