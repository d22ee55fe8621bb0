"""docs/permissions.md read as data: the personas, the groups a row may name, and what a
row says a persona gets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).parents[3] / "docs" / "permissions.md"

#: who each persona is: (tenant, role, in village A1-X?)
PERSONAS = {
    "anonymous": None,
    "county_admin": ("county", "county_admin", False),
    "county_inspector": ("county", "county_inspector", False),
    "township_admin": ("township", "township_admin", False),
    "township_inspector": ("township", "township_inspector", False),
    "village_secretary": ("township", "village_secretary", True),
    "village_director": ("township", "village_director", True),
    "village_accountant": ("township", "village_accountant", True),
    "village_supervisor": ("township", "village_supervisor", True),
    "superuser": None,
}
#: the names a table row may use for several personas at once
GROUPS = {
    "everyone": set(PERSONAS),
    "signed-in": set(PERSONAS) - {"anonymous"},
    "members": set(PERSONAS) - {"anonymous"},
    "admins": {"county_admin", "township_admin", "superuser"},
    "county admins": {"county_admin", "superuser"},
    "township staff": {
        "township_admin",
        "township_inspector",
        "village_secretary",
        "village_director",
        "village_accountant",
        "village_supervisor",
        "county_admin",
        "superuser",
    },
    "village staff": {
        "village_secretary",
        "village_director",
        "village_accountant",
        "village_supervisor",
    },
    # the example item's first step is the village secretary's in this world
    "step holders": {"village_secretary"},
    "filers": {"township_admin", "superuser"},
    "inspectors": {"county_inspector", "township_inspector"},
    "supervisors": {"county_inspector", "township_inspector", "village_supervisor"},
    "rectifiers": {"village_secretary", "village_director"},
}
COUNTY_LEVEL = {"county_admin", "county_inspector"}


@dataclass(frozen=True)
class Permission:
    """One row of docs/permissions.md."""

    endpoint: str
    method: str
    who: frozenset[str]
    #: ``platform`` (no tenant in the path), ``township``, ``county`` or ``public``
    scope: str
    #: how a visible tenant refuses someone not in ``who``: 403, or 404 where even the
    #: row's existence is private; 0 (``either``) where both occur, by the row's state
    refusal: int
    #: how a sibling village's rows answer village people (who may use the route for their own
    #: village's rows only): ``refusal``'s answer, or 404 (``village:404``) where the route
    #: treats them as missing; ``None`` where village people are not narrowed
    village_refusal: int | None


def read_table(path: Path = TABLE) -> dict[tuple[str, str], Permission]:
    rows = {}
    for line in path.read_text("utf-8").splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or not re.fullmatch(r"[\w.]+", cells[0]) or cells[0] == "endpoint":
            continue
        endpoint, method, _path, who, scope, refusal = cells
        names: set[str] = set()
        for name in (n.strip() for n in who.split(",")):
            if name in ("nobody", ""):
                continue
            if name not in GROUPS and name not in PERSONAS:
                raise ValueError(f"{TABLE.name}: unknown persona or group {name!r} ({endpoint})")
            names |= GROUPS.get(name, {name})
        scope, _, narrowing = scope.partition(" ")
        refused = int(refusal) if refusal.isdigit() else (0 if refusal == "either" else 403)
        if narrowing not in ("", "village", "village:404"):
            raise ValueError(f"{TABLE.name}: unknown scope {scope} {narrowing} ({endpoint})")
        rows[(endpoint, method)] = Permission(
            endpoint,
            method,
            frozenset(names),
            scope,
            refused,
            {"": None, "village": refused, "village:404": 404}[narrowing],
        )
    return rows


def route_methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def routes(app):
    """Every (rule, method) of the URL map but static files."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        for method in route_methods(rule):
            yield rule, method


def expected(permission, persona: str, variant: str) -> str:
    """What the table says ``persona`` gets for its own or its sibling village's rows."""
    in_village = bool(PERSONAS[persona] and PERSONAS[persona][2])
    if permission.village_refusal is not None and variant == "sibling_village" and in_village:
        return _refused(permission.village_refusal)
    if permission.scope == "public" or persona in permission.who:
        return "ok"
    if persona == "anonymous":
        return "login"
    if permission.scope == "county" and persona not in COUNTY_LEVEL | {"superuser"}:
        return "hidden"  # a township's people cannot see their county's pages at all
    return _refused(permission.refusal)


def _refused(refusal: int) -> str:
    return {403: "forbidden", 404: "hidden"}.get(refusal, "refused")
