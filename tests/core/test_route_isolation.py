"""Every route under a tenant answers a foreign tenant exactly like a missing one.

Routes come from the app's URL map, so a route added later is covered without anyone
remembering to add it here.
"""

import re

import pytest

from core.testing import csrf_token

ARG = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def tenant_routes(app):
    for rule in app.url_map.iter_rules():
        if "slug" in rule.arguments and rule.endpoint != "static":
            yield rule


def fill(rule, slug: str) -> str:
    """The rule's path with ``slug`` and made-up values for the other arguments."""

    def value(match):
        converter, name = match.groups()
        if name == "slug":
            return slug
        return "1" if converter == "int" else "x"

    return ARG.sub(value, rule.rule)


def answers(client, rule, path, headers):
    method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
    return client.open(path, method=method, headers=headers, json={} if method != "GET" else None)


@pytest.fixture
def signed_in(client, login, world):
    login(world.users.a1_admin)
    return client


def test_every_page_route_answers_404_for_a_sibling_township(app, signed_in, world):
    token = csrf_token(signed_in, "/t/town-a1/")
    headers = {"X-CSRFToken": token}
    checked = 0
    for rule in tenant_routes(app):
        if rule.rule.startswith("/api/") or rule.rule.startswith("/p/"):
            continue
        foreign = answers(signed_in, rule, fill(rule, "town-a2"), headers)
        missing = answers(signed_in, rule, fill(rule, "no-such-town"), headers)
        assert foreign.status_code == missing.status_code == 404, rule.rule
        checked += 1
    assert checked >= 10


def test_every_api_route_answers_404_for_another_county(app, client, world, api_token):
    headers = api_token(world.users.county_admin)
    checked = 0
    for rule in tenant_routes(app):
        if not rule.rule.startswith("/api/"):
            continue
        foreign = answers(client, rule, fill(rule, "town-b1"), headers)
        missing = answers(client, rule, fill(rule, "no-such-town"), headers)
        assert foreign.status_code == missing.status_code == 404, rule.rule
        assert foreign.json == missing.json, rule.rule
        checked += 1
    assert checked >= 8


def test_a_county_reads_its_townships(client, login, world):
    login(world.users.county_admin)
    assert client.get("/t/town-a1/admin/villages").status_code == 200
    assert client.get("/t/town-b1/admin/villages").status_code == 404
