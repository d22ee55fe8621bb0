"""The demo county, and ``qingdan demo`` serving it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from sqlalchemy import func, select

from core.auth.models import User
from core.demo import seed
from core.demo_cases import CASES
from core.workflow.models import Case, Notice
from tenants.models import Tenant, Village


def test_seed_builds_the_demo_county_once(app, sess):
    accounts = seed(app)
    seed(app)
    county = sess.scalar(select(Tenant).where(Tenant.slug == "qinghe"))
    assert county.name == "清河县"
    assert len(county.children) == 3
    assert sess.scalar(select(func.count(Village.id))) == 31
    assert sess.scalar(select(func.count(User.id))) == len(accounts) == 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_qingdan_demo_serves_healthz(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QINGDAN_")}
    env["QINGDAN_INSTANCE_PATH"] = str(tmp_path / "instance")
    cli = os.path.join(os.path.dirname(sys.executable), "qingdan")
    proc = subprocess.Popen(
        [cli, "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        for _ in range(600):  # up to a minute: the first start syncs every plugin item
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.1)
        assert body is not None, "qingdan demo did not answer /healthz"
        assert '"status":"ok"' in body.replace(" ", "")
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=10)
    assert "演示账号" in output
    assert "county-admin" in output


def test_seed_leaves_cases_under_way_with_a_running_notice(app, sess):
    seed(app)
    seed(app)
    cases = sess.scalars(select(Case)).all()
    assert {c.status for c in cases} == {"open"}
    assert len({c.code for c in cases}) == len(cases) == len(CASES)
    assert sess.scalar(select(func.count(Notice.id)).where(Notice.status == "open")) >= 1
