"""Load from wrk (Debian's ``/usr/bin/wrk``) through ``bench/wrk/walk.lua``, and the few
plain HTTP calls that prepare it: signing in for a session cookie, asking for a bearer token,
checking that a route answers 200 before it is measured."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

from .report import parse_wrk

WRK = "/usr/bin/wrk"
SCRIPT = Path(__file__).parent / "wrk" / "walk.lua"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def write_list(path: Path, lines: list[tuple[str, ...]]) -> Path:
    """The request list walk.lua reads: ``METHOD<TAB>PATH[<TAB>AUTHORIZATION<TAB>BODY]``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("\t".join(fields) + "\n" for fields in lines), encoding="utf-8")
    return path


def run_wrk(
    url: str,
    request_list: Path,
    *,
    seconds: float,
    threads: int,
    connections: int,
    once: bool = False,
    headers: dict[str, str] | None = None,
) -> dict:
    """Load ``url`` with the list's requests for ``seconds``; the figures of
    :func:`bench.report.parse_wrk`."""
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    command += ["--timeout", "10s", "-s", str(SCRIPT)]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command += [url, "--", str(request_list), "once" if once else "cycle", str(threads)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(done.stdout)


def visit_each(url: str, paths: list[str], headers: dict[str, str], workers: int = 4) -> None:
    """Request every path once, a few at a time: the pages the app keeps are kept before the
    load measures them, however long the first renders take."""

    def visit(path: str) -> None:
        request = urllib.request.Request(f"{url}{path}", headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(visit, paths))


def sign_in(url: str, username: str, password: str) -> str:
    """A session cookie (``session=…``) for ``username``, through the login form."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{url}/login") as page:
        token = _CSRF.search(page.read().decode()).group(1)
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrf_token": token}
    ).encode()
    opener.open(urllib.request.Request(f"{url}/login", data=form)).close()
    cookie = next((c for c in jar if c.name == "session"), None)
    if cookie is None:
        raise RuntimeError(f"signing in as {username} gave no session cookie")
    return f"session={cookie.value}"


def bearer_token(url: str, username: str, password: str) -> str:
    body = json.dumps({"username": username, "password": password}).encode()
    request = urllib.request.Request(
        f"{url}/api/v1/auth/token", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)["token"]


class NotOk(RuntimeError):
    """A route meant for measuring answered something else than 200."""


def check_ok(url: str, path: str, headers: dict[str, str] | None = None) -> None:
    """Refuse to measure a route that does not answer 200 (a redirect to the login page
    would measure the wrong page)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(f"{url}{path}", headers=headers or {})
    try:
        with opener.open(request) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    if status != 200:
        raise NotOk(f"{path} answered {status}, not 200")
