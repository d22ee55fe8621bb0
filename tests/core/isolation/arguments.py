"""What each route argument becomes: the id of a row of the world in a given place, or a
made-up value of the same form (a foreign id must not differ from a missing one by its shape
alone)."""

from __future__ import annotations

import json
import re
import sys
from datetime import date, timedelta

from world import EXAMPLE, FILED_KEY, SWITCHED_KEY

from core import db
from core.testing import PASSWORD

MISSING_INT = 2_000_000_000
ARG = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
#: made-up values where a made-up word would be refused by its form before any look-up
MADE_UP = {"key": "local.no_such_item", "step_key": "apply", "kind": "duty"}
#: arguments that name one of a fixed set of pages, not a row: no tenant owns them
NOT_ROWS = {"slug", "name"}
#: routes that file a township's local item (the world's filed draft is the own row)
FILING = {
    "api.submit",
    "api.withdraw",
    "api.approve",
    "api.return_draft",
    "api.publish",
    "api.save_item",
}


def value_for(world, rule, name: str, place: str | None, persona: str) -> str:
    """The value of argument ``name`` for rows of ``place`` (``None``: made up)."""
    if place is None:
        if _is_int(rule, name):
            return "1" if name == "number" else str(MISSING_INT)
        return MADE_UP.get(name, f"no-such-{name}")
    return str(provider(rule, name)(world, rule, place, persona))


def provider(rule, name: str):
    """How to get a row's id for argument ``name`` of ``rule``, or ``None`` when the world
    has no such rows (the route cannot be tried, and a test lists it)."""
    blueprint = rule.endpoint.split(".")[0]
    return (
        PROVIDERS.get((rule.endpoint, name))
        or PROVIDERS.get((blueprint, name))
        or PROVIDERS.get((None, name))
    )


def _place(attribute: str):
    return lambda w, rule, place, persona: getattr(w.places[place], attribute)


def _filed_key(w, rule, place, persona) -> str:
    return FILED_KEY if place in ("own", "sibling_village") else w.items[place]


def _switched_key(w, rule, place, persona) -> str:
    return SWITCHED_KEY if place in ("own", "sibling_village") else w.items[place]


PROVIDERS = {
    (None, "case_id"): lambda w, rule, place, persona: w.places[place].case.id,
    (None, "case_code"): lambda w, rule, place, persona: w.places[place].case.code,
    (None, "step_key"): lambda w, rule, place, persona: "apply",
    (None, "objection_id"): _place("objection_id"),
    (None, "notice_id"): _place("notice_id"),
    (None, "key"): lambda w, rule, place, persona: w.items[place],
    (None, "name"): lambda w, rule, place, persona: ledger_name(w.app, rule),
    (None, "token"): _place("attachment"),
    (None, "village_id"): lambda w, rule, place, persona: w.places[place].village.id,
    (None, "village_code"): lambda w, rule, place, persona: w.places[place].village.code,
    (None, "membership_id"): lambda w, rule, place, persona: _fresh_membership(w, place),
    (None, "day_id"): lambda w, rule, place, persona: _fresh_day(w, place),
    (None, "warning_id"): _place("warning_id"),
    (None, "order_id"): _place("order_id"),
    (None, "report_id"): _place("report_id"),
    (None, "tracking_code"): _place("tracking_code"),
    (None, "document_id"): _place("document_id"),
    (None, "filing_id"): _place("filing_id"),
    (None, "user_id"): lambda w, rule, place, persona: w.places[place].cadre.id,
    (None, "number"): lambda w, rule, place, persona: 1,
    (None, "notification_id"): lambda w, rule, place, persona: w.notifications[
        persona if place in ("own", "sibling_village") and persona != "anonymous" else "stranger"
    ],
    ("catalog", "kind"): lambda w, rule, place, persona: "duty",
    ("catalog", "entry_id"): lambda w, rule, place, persona: _fresh_entry(w, place),
    ("library", "entry_id"): lambda w, rule, place, persona: _fresh_template(w, place),
    ("filing", "key"): _filed_key,
    ("designer", "key"): _filed_key,
    ("catalog.switch", "key"): _switched_key,
    **{(endpoint, "key"): _filed_key for endpoint in FILING},
}


def ledger_name(app, rule) -> str:
    """The first ledger of the plugin page's ``LEDGERS`` (plugin ledgers are named, not rows)."""
    module = sys.modules[app.view_functions[rule.endpoint].__module__]
    return next(iter(getattr(module, "LEDGERS", {"ledger": None})))


def _is_int(rule, name: str) -> bool:
    return type(rule._converters.get(name)).__name__ in ("IntegerConverter", "NumberConverter")


def _county(world, place: str):
    """The county whose rows ``place`` stands for: templates and calendars are a county's,
    and county A's are its townships' own."""
    own = place in ("own", "sibling_village")
    return world.tenants["county" if own else "other_county_seat"]


def _fresh_membership(world, place) -> int:
    """A throwaway role: removing it must not take a persona's own role away."""
    from core.auth.operations import add_membership, create_user

    with world.session() as sess, db.system_scope(sess):
        user = create_user(sess, f"spare-{next(world.made)}", PASSWORD)
        tenant = sess.merge(world.places[place].tenant)
        membership = add_membership(sess, user, tenant, "township_inspector", None)
        sess.commit()
        return membership.id


def _fresh_entry(world, place) -> int:
    from core.catalog.lists import add_responsibility

    with world.session() as sess, db.system_scope(sess):
        entry = add_responsibility(
            sess, sess.merge(world.places[place].tenant), "village_secretary", "职责"
        )
        sess.commit()
        return entry.id


def _fresh_day(world, place) -> int:
    """A holiday entered by the county of ``place`` (the calendar is a county's)."""
    from core.workflow.holidays import enter_days

    with world.session() as sess, db.system_scope(sess):
        n = next(world.made)
        day = date(2040, 1, 2) + timedelta(days=7 * n)  # a Monday each time
        row = enter_days(sess, sess.merge(_county(world, place)), day, None, "holiday")[0]
        sess.commit()
        return row.id


def _fresh_template(world, place) -> int:
    """A template of the county's library (removing one must leave the others)."""
    from core.catalog.operations import canonical_json
    from formbuilder.library.models import LibraryEntry

    with world.session() as sess, db.system_scope(sess):
        entry = LibraryEntry(
            tenant_id=_county(world, place).id,
            source_key="local.street_lights",
            name="路灯安装",
            description="模板",
            definition_json=canonical_json(json.loads(EXAMPLE.read_text("utf-8"))),
        )
        sess.add(entry)
        sess.commit()
        return entry.id
