"""``deploy/run`` starts the production topology and every request here goes through its
nginx: pages reach both app servers, static files never reach them, an upload made on one is
served by the other, background jobs run on the rq workers, and ``deploy/stop`` leaves no
process behind. The tests run in file order; the last one stops the topology."""

from __future__ import annotations

import gzip
import os
import re
import secrets
import shlex
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from redis import Redis
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from core.workflow import sweep_clock
from deploy import topology
from tests.core.attachments.attachment_files import png

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]

REPO = Path(__file__).resolve().parents[2]
USERNAME, PASSWORD = "zhen-admin", "deploy-test-password"
TOWNSHIP = "zhen"


@dataclass(frozen=True)
class Running:
    run_dir: Path
    state: dict
    #: QINGDAN_* variables of the topology, for ``qingdan`` commands
    env: dict[str, str]

    @property
    def url(self) -> str:
        return self.state["url"]

    def app_server_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.state['web_ports'][name]}/"

    def log(self, name: str) -> str:
        return (self.run_dir / "logs" / f"{name}.log").read_text()

    def qingdan(self, *args: str) -> None:
        command = [str(REPO / ".venv" / "bin" / "qingdan"), *args]
        subprocess.run(command, env=os.environ | self.env, check=True, capture_output=True)


def deploy(command: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REPO / "deploy" / command), *args],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    if not Path(topology.NGINX).exists():
        reason = f"{topology.NGINX} is missing: apt-get install nginx (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = make_url(os.environ["QINGDAN_TEST_DATABASE_URL"]).set(database="postgres")
    server_url = server.render_as_string(hide_password=False)
    database = f"qingdan_deploy_test_{os.getpid()}_{secrets.token_hex(3)}"
    run_dir = tmp_path_factory.mktemp("deploy")
    options = ["--run-dir", str(run_dir), "--port", "0", "--database", database]
    options += ["--server", server_url, "--redis-url", os.environ["QINGDAN_TEST_REDIS_URL"]]
    options += ["--web-workers", "1"]
    # a sweep period claimed in this Redis database by an earlier test or topology would hold
    # the topology's first sweep back for most of a period
    Redis.from_url(os.environ["QINGDAN_TEST_REDIS_URL"]).delete(sweep_clock.CLAIM_KEY)
    try:
        started = deploy("run", *options)
        assert started.returncode == 0, started.stdout + started.stderr
        state = topology.read_state(run_dir)
        yield Running(run_dir, state, read_env(run_dir / "env"))
    finally:
        deploy("stop", "--run-dir", str(run_dir))
        admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def township_admin(running) -> Running:
    """A county, its township and the township's admin, made with the ``qingdan`` command."""
    running.qingdan("create-tenant", "--slug", "xian", "--name", "测试县", "--kind", "county")
    running.qingdan(
        "create-tenant", "--slug", TOWNSHIP, "--name", "测试镇", "--kind", "township",
        "--parent", "xian",
    )  # fmt: skip
    running.qingdan(
        "create-user", "--username", USERNAME, "--password", PASSWORD,
        "--tenant", TOWNSHIP, "--role", "township_admin",
    )  # fmt: skip
    return running


@pytest.fixture
def signed_in(township_admin) -> requests.Session:
    """A session signed in through nginx, its CSRF token in ``csrf``."""
    session = requests.Session()
    login = township_admin.url + "login"
    session.post(
        login,
        data={"username": USERNAME, "password": PASSWORD, "csrf_token": csrf_token(session, login)},
        timeout=30,
    ).raise_for_status()
    session.csrf = csrf_token(session, f"{township_admin.url}t/{TOWNSHIP}/documents")
    return session


def read_env(path: Path) -> dict[str, str]:
    """The variables of a file of ``export NAME=value`` lines."""
    pairs = (shlex.split(line)[1].partition("=") for line in path.read_text().splitlines())
    return {name: value for name, _, value in pairs}


def csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    page.raise_for_status()
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)


WEB = topology.WEB
#: how long a handbook may take to render on a busy 2-core machine
JOB_SECONDS = 120


def _served_by(running, marker: str) -> list[str]:
    """The app servers whose access log shows a request carrying ``marker``."""
    return [name for name in WEB if marker in running.log(name)]


def _eventually(check, what: str, seconds: float = JOB_SECONDS):
    """``check()``'s first true answer: logs are written, and jobs run, a moment later."""
    deadline = time.monotonic() + seconds
    while not (answer := check()):
        assert time.monotonic() < deadline, what
        time.sleep(0.5)
    return answer


def test_a_page_answers_through_nginx(running):
    response = requests.get(running.url + "login", timeout=30)

    assert response.status_code == 200
    assert response.headers["Server"] == "nginx"
    assert "登录" in response.text


def test_run_again_only_reports_the_running_topology(running):
    again = deploy("run", "--run-dir", str(running.run_dir))

    assert again.returncode == 0
    assert f"already running: {running.url}" in again.stdout
    assert topology.read_state(running.run_dir) == running.state


def test_static_files_come_from_nginx_with_cache_headers(running):
    marker = uuid.uuid4().hex
    for path, on_disk in (
        ("static/css/app.css", "core/static/css/app.css"),
        ("static/formbuilder/vendor/json-logic.js", "formbuilder/static/vendor/json-logic.js"),
        ("static/designer/designer.js", "formbuilder/designer/static/designer.js"),
    ):
        response = requests.get(f"{running.url}{path}?{marker}", timeout=30)

        assert response.status_code == 200, path
        assert response.content == (REPO / on_disk).read_bytes()
        assert response.headers["Cache-Control"] == "public, max-age=604800"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert _served_by(running, marker) == []
    assert marker in running.log("nginx/access")


def test_nginx_compresses_text(running):
    response = requests.get(
        running.url + "static/css/app.css", headers={"Accept-Encoding": "gzip"}, stream=True
    )

    assert response.headers["Content-Encoding"] == "gzip"
    body = gzip.decompress(response.raw.read())
    assert body == (REPO / "core/static/css/app.css").read_bytes()


def test_requests_reach_both_app_servers(running):
    markers = [uuid.uuid4().hex for _ in range(8)]
    for marker in markers:
        assert requests.get(f"{running.url}login?{marker}", timeout=30).status_code == 200

    def served():
        return {name for marker in markers for name in _served_by(running, marker)} == set(WEB)

    _eventually(served, "one app server got every request", seconds=10)


def test_an_upload_through_one_app_server_is_served_by_the_other(running, signed_in):
    marker = uuid.uuid4().hex
    content = png(3, 3)
    uploaded = signed_in.post(
        f"{running.url}t/{TOWNSHIP}/attachments?{marker}",
        files={"file": ("现场照片.png", content, "image/png")},
        headers={"X-CSRFToken": signed_in.csrf, "Accept": "application/json"},
        timeout=30,
    )
    assert uploaded.status_code == 201, uploaded.text
    (receiver,) = _eventually(lambda: _served_by(running, marker), "no app server logged it")
    (other,) = set(WEB) - {receiver}

    download = signed_in.get(
        f"{running.app_server_url(other)}t/{TOWNSHIP}/attachments/{uploaded.json()['token']}",
        timeout=30,
    )

    assert download.status_code == 200
    assert download.content == content


def test_a_job_enqueued_by_the_app_runs_on_a_worker(running, signed_in):
    requested = signed_in.post(
        f"{running.url}t/{TOWNSHIP}/documents/handbook",
        data={"csrf_token": signed_in.csrf, "village": ""},
        allow_redirects=False,
        timeout=30,
    )
    assert requested.status_code == 302, requested.text
    download = urljoin(running.url, requested.headers["Location"]).rstrip("/") + "/download"

    deadline = time.monotonic() + JOB_SECONDS
    while (pdf := signed_in.get(download, timeout=30)).status_code != 200:
        assert time.monotonic() < deadline, "the handbook was not rendered"
        time.sleep(1)

    assert pdf.content.startswith(b"%PDF")

    def rendered():
        logs = [running.log(name) for name in topology.WORKERS]
        return any("core.printing.jobs.render_handbook" in log for log in logs)

    _eventually(rendered, "no worker logged the handbook job")


def test_the_workers_run_the_scheduler_and_the_sweep(running):
    redis = Redis.from_url(running.env["QINGDAN_REDIS_URL"])

    assert redis.exists("rq:scheduler-lock:qingdan")

    def swept():
        logs = [running.log(name) for name in topology.WORKERS]
        return any("Successfully completed core.workflow.sweep.job" in log for log in logs)

    _eventually(swept, "no worker completed a sweep")


def test_stop_leaves_no_process(running):
    processes = topology.processes(running.state)
    assert all(p.alive() for p in processes)

    stopped = deploy("stop", "--run-dir", str(running.run_dir))

    assert stopped.returncode == 0, stopped.stderr
    assert not any(p.group_alive() for p in processes)
    assert topology.read_state(running.run_dir) is None
    assert "not running" in deploy("stop", "--run-dir", str(running.run_dir)).stdout
