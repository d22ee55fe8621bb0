"""The isolation matrix's stage: the seeded world (``world.py``), one signed-in client per
persona, and every route of the URL map tried the ways ``plan`` says.

Trying every route as every persona with every kind of id would take minutes, so each kind of
try goes to the personas whose answer it can tell something about (see ``plan``); every route
is still tried by every persona with its own rows.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from arguments import ARG, NOT_ROWS, provider, value_for
from permission_table import COUNTY_LEVEL, PERSONAS, read_table, routes
from world import seed

from core import db
from core.testing import PASSWORD, csrf_token, wipe


@dataclass(frozen=True)
class Answer:
    endpoint: str
    method: str
    path: str
    persona: str
    variant: str
    status: int
    outcome: str
    body: bytes


def outcome(response) -> str:
    status = response.status_code
    if status >= 500:
        return "error"
    if status == 401 or (
        status in (301, 302, 303) and "/login?next=" in response.headers.get("Location", "")
    ):
        return "login"
    return {403: "forbidden", 404: "hidden"}.get(status, "ok")


def foreign_place(persona: str) -> str:
    """Whose rows are foreign to ``persona``: a sibling township's, or for a county persona
    another county's (its own townships are not foreign to it)."""
    county = persona in COUNTY_LEVEL or persona == "superuser"
    return "other_county" if county else "sibling_township"


#: who tries foreign and made-up ids: one persona of each kind of reach (the county's admin
#: and inspector, the township's, a village cadre and the village's supervisor, the
#: operator); the other two village roles differ from the cadre only by role, which their
#: own-row tries cover
ID_TRIERS = {
    "county_admin",
    "county_inspector",
    "township_admin",
    "township_inspector",
    "village_secretary",
    "village_supervisor",
    "superuser",
}
#: who tries another tenant's slug and a made-up one: one persona per level (whether a tenant
#: is visible depends on the level of a person's roles, not on the role)
TENANT_TRIERS = {"county_inspector", "township_admin", "village_secretary", "superuser"}
#: who tries the public pages' other rows: they must answer alike whoever is signed in (the
#: own-row tries of every persona check that)
PUBLIC_TRIERS = {"anonymous", "county_admin", "township_admin"}
#: who tries a sibling village's rows: only village people are narrowed to their village, by
#: their membership's village whatever their role; a cadre and the supervisor (who reads
#: supervision) stand for the four
IN_VILLAGE = {"village_secretary", "village_supervisor"}


def plan(rule, persona: str, scope: str | None) -> list[tuple[str, str | None]]:
    """``(variant, place)`` for each way ``persona`` tries ``rule``; the place ``None`` is
    made up, and a variant ending in ``_tenant`` goes to another tenant's slug.

    Anonymous visitors of private pages are sent to sign in before anything is looked up,
    so they try the public pages' rows only.
    """
    public = scope == "public"
    foreign = foreign_place(persona)
    has_ids = any(a not in NOT_ROWS for a in rule.arguments)
    found = [("own", "own")]
    if has_ids and persona in IN_VILLAGE:
        found.append(("sibling_village", "sibling_village"))
    if has_ids and persona in (PUBLIC_TRIERS if public else ID_TRIERS):
        found += [("foreign_ids", foreign), ("missing_ids", None)]
    if "slug" in rule.arguments and persona in (PUBLIC_TRIERS if public else TENANT_TRIERS):
        found += [("foreign_tenant", foreign), ("missing_tenant", None)]
    return found


def path_for(world, rule, persona: str, variant: str, place: str | None, scope: str | None):
    """The URL of one try: the persona's own tenant (its county for a county page) with the
    place's rows, or another tenant's slug with that tenant's own rows, or a made-up slug."""
    county_route = scope == "county"
    if variant == "missing_tenant":
        slug = "no-such-town"
    elif variant == "foreign_tenant":
        slug = (
            world.tenants["other_county_seat"].slug
            if county_route
            else world.places[place].tenant.slug
        )
    else:
        slug = world.tenants["county" if county_route else "township"].slug

    def fill(match):
        name = match.group(2)
        return slug if name == "slug" else value_for(world, rule, name, place, persona)

    return ARG.sub(fill, rule.rule)


#: what the matrix does not draw: it asks who may print, not how the pages look (the
#: printing tests do); a handbook's job alone would take a minute in-process
NOT_DRAWN = {
    "core.jobs.enqueue": lambda *args, **kwargs: None,
    "core.printing.views.poster_pdf": lambda *args, **kwargs: b"%PDF-1.4\n%%EOF\n",
    "core.printing.views.notice_sheet_pdf": lambda *args, **kwargs: b"%PDF-1.4\n%%EOF\n",
}


@pytest.fixture(scope="module")
def matrix_app(qingdan_database, tmp_path_factory):
    """One app and one seeded world for the whole matrix (seeding per test would cost minutes)."""
    from core.app import create_app
    from core.config import Config

    undrawn = pytest.MonkeyPatch()
    for target, stand_in in NOT_DRAWN.items():
        undrawn.setattr(target, stand_in)

    config = Config.from_env(
        environ={},
        instance_path=tmp_path_factory.mktemp("isolation") / "instance",
        database_url=qingdan_database.app_url,
        database_owner_url=qingdan_database.owner_url,
        redis_url="",
        secret_key="test-secret",
        testing=True,
    )
    app = create_app(config)
    try:
        yield app
    finally:
        with app.app_context():
            db.engine().dispose()
        wipe(qingdan_database.owner_url)
        undrawn.undo()


@pytest.fixture(scope="module")
def matrix_world(matrix_app):
    with matrix_app.app_context():
        return seed(matrix_app)


def _signed_in(app, world, persona):
    client = app.test_client()
    headers: dict[str, str] = {}
    if persona != "anonymous":
        token = csrf_token(client, "/login")
        response = client.post(
            "/login", data={"username": persona, "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 302, persona
        from core.auth.operations import issue_token

        with app.app_context(), db.system_scope() as sess:
            bearer, _ = issue_token(sess, sess.merge(world.users[persona]), days=1)
            sess.commit()
        headers["Authorization"] = f"Bearer {bearer}"
    headers["X-CSRFToken"] = csrf_token(client, "/login")
    return SimpleNamespace(client=client, headers=headers)


def triable(rule) -> bool:
    return all(name == "slug" or provider(rule, name) for name in rule.arguments)


#: tried last, in this order: they change the persona's session, then end it (a POST after
#: the end would be refused for its stale form token, whatever the route does)
LAST = ("auth.switch", "auth.logout")


def ask(caller, rule, method: str, path: str):
    """The response, or a 500 carrying the traceback when the view raised (the test app
    propagates exceptions: one crash must not hide every other answer)."""
    api = rule.rule.startswith("/api/")
    headers = dict(caller.headers)
    if not api:
        headers.pop("Authorization", None)
    body = {} if method != "GET" else None
    try:
        response = caller.client.open(
            path,
            method=method,
            headers=headers,
            json=body if api else None,
            data=None if api else body,
        )
    except Exception:
        return 500, "error", traceback.format_exc().encode()
    return response.status_code, outcome(response), response.get_data()


def collect(app, world) -> list[Answer]:
    """Every route × method × persona, tried the ways :func:`plan` says."""
    table = read_table()
    found: list[Answer] = []
    ordered = sorted(
        routes(app),
        key=lambda rm: (LAST.index(rm[0].endpoint) if rm[0].endpoint in LAST else -1, rm[0].rule),
    )
    for persona in PERSONAS:
        caller = _signed_in(app, world, persona)
        for rule, method in ordered:
            if not triable(rule):
                continue
            permission = table.get((rule.endpoint, method))
            scope = permission.scope if permission else None
            for variant, place in plan(rule, persona, scope):
                path = path_for(world, rule, persona, variant, place, scope)
                status, result, body = ask(caller, rule, method, path)
                found.append(
                    Answer(rule.endpoint, method, path, persona, variant, status, result, body)
                )
    return found


@pytest.fixture(scope="module")
def answers(matrix_app, matrix_world):
    return collect(matrix_app, matrix_world)
