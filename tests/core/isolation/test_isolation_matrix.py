"""The isolation matrix: every route of the URL map, tried by every persona with its own rows
and (by the personas ``conftest.plan`` picks) a sibling village's, a foreign tenant's and
made-up ones, answers as docs/permissions.md says.

Routes come from ``app.url_map``, so a route added later fails the first test below until
someone declares in the table who may use it.
"""

from __future__ import annotations

from collections import defaultdict

from conftest import triable
from permission_table import expected, read_table, routes

FOREIGN_PAIRS = (("foreign_ids", "missing_ids"), ("foreign_tenant", "missing_tenant"))


def test_every_route_is_declared_in_the_permission_table(matrix_app):
    table = read_table()
    missing = sorted(
        f"{rule.endpoint} {method} {rule.rule}"
        for rule, method in routes(matrix_app)
        if (rule.endpoint, method) not in table
    )
    assert not missing, "routes missing from docs/permissions.md:\n" + "\n".join(missing)


def test_every_route_argument_has_rows_in_the_world(matrix_app):
    untried = sorted(
        f"{rule.endpoint} {rule.rule}" for rule, _ in routes(matrix_app) if not triable(rule)
    )
    assert not untried, (
        "routes whose arguments have no rows in the matrix's world (add a provider in "
        "tests/core/isolation/conftest.py):\n" + "\n".join(untried)
    )


def test_the_permission_table_names_only_routes_that_exist(matrix_app):
    existing = {(rule.endpoint, method) for rule, method in routes(matrix_app)}
    stale = sorted(f"{e} {m}" for e, m in read_table() if (e, m) not in existing)
    assert not stale, "docs/permissions.md rows without a route:\n" + "\n".join(stale)


def test_no_route_answers_a_server_error(answers):
    errors = sorted(
        {f"{a.persona} {a.method} {a.path} -> {a.status}" for a in answers if a.outcome == "error"}
    )
    assert not errors, "server errors:\n" + "\n".join(errors)


def test_own_and_sibling_village_rows_answer_as_declared(answers):
    table = read_table()
    mismatches = []
    for a in answers:
        permission = table.get((a.endpoint, a.method))
        if permission is None or a.variant not in ("own", "sibling_village"):
            continue
        want = expected(permission, a.persona, a.variant)
        if a.outcome != want and not (want == "refused" and a.outcome in ("forbidden", "hidden")):
            mismatches.append(
                f"{a.endpoint} {a.method} as {a.persona} ({a.variant}): "
                f"declared {want}, got {a.outcome} ({a.status}) for {a.path}"
            )
    assert not mismatches, f"{len(mismatches)} answers differ from the table:\n" + "\n".join(
        sorted(mismatches)
    )


def _by_try(answers) -> dict:
    by_try = defaultdict(dict)
    for a in answers:
        by_try[(a.endpoint, a.method, a.persona)][a.variant] = a
    return by_try


def test_foreign_ids_answer_exactly_like_missing_ones(answers):
    table = read_table()
    differences = []
    for (endpoint, method, persona), tried in _by_try(answers).items():
        public = _public(table, endpoint, method)
        for foreign, missing in FOREIGN_PAIRS:
            if foreign not in tried or (
                foreign == "foreign_tenant" and (persona == "superuser" or public)
            ):
                continue
            f, m = tried[foreign], tried[missing]
            same_body = f.body == m.body or not f.path.startswith("/api/")
            if f.status != m.status or not same_body:
                differences.append(
                    f"{endpoint} {method} as {persona}: {f.path} -> {f.status}, "
                    f"{m.path} -> {m.status}"
                )
    assert not differences, "foreign ids answer unlike missing ones:\n" + "\n".join(
        sorted(differences)
    )


def test_public_rows_answer_through_their_own_tenant_as_own_rows_do(answers):
    """Another township's village page is public too, through that township's slug."""
    table = read_table()
    differences = sorted(
        f"{endpoint} {method} as {persona}: {tried['foreign_tenant'].path} -> "
        f"{tried['foreign_tenant'].status}, {tried['own'].path} -> {tried['own'].status}"
        for (endpoint, method, persona), tried in _by_try(answers).items()
        if _public(table, endpoint, method)
        and "foreign_tenant" in tried
        and tried["foreign_tenant"].status != tried["own"].status
    )
    assert not differences, "public rows answer unlike the own ones:\n" + "\n".join(differences)


def test_public_pages_answer_everyone_alike(answers):
    table = read_table()
    statuses = defaultdict(set)
    for a in answers:
        if a.variant == "own" and _public(table, a.endpoint, a.method):
            statuses[(a.endpoint, a.method)].add(a.status)
    unalike = sorted(f"{e} {m}: {sorted(s)}" for (e, m), s in statuses.items() if len(s) > 1)
    assert not unalike, "public pages answer by who is signed in:\n" + "\n".join(unalike)


def test_a_made_up_tenant_is_hidden_from_everyone_signed_in(answers):
    table = read_table()
    wrong = sorted(
        f"{a.endpoint} {a.method} as {a.persona}: {a.status}"
        for a in answers
        if a.variant == "missing_tenant"
        and a.outcome != ("login" if a.persona == "anonymous" and _private(table, a) else "hidden")
    )
    assert not wrong, "a tenant that does not exist answers other than 404:\n" + "\n".join(wrong)


def _private(table, answer) -> bool:
    return not _public(table, answer.endpoint, answer.method)


def _public(table, endpoint: str, method: str) -> bool:
    permission = table.get((endpoint, method))
    return permission is not None and permission.scope == "public"
