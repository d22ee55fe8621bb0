"""Issue 9: a hot page reads in a number of queries that does not grow with the rows it shows,
and reads the tables that grow through an index.

Each page is loaded once with one case (or warning, or report) and once with five; the count
of SQL statements must be the same. A page that loads a relationship per row (N+1) fails here
long before it is slow in production.

On PostgreSQL every SELECT a hot page runs is also explained, with sequential scans priced out
of the planner's reach: a table that grows with the county's work and is still read whole, or
through an index without a condition on it, has no index for that query.
"""

import json
from datetime import timedelta

import pytest
from sqlalchemy import event

from core import db
from core.db import utcnow
from core.rules.models import Warning
from core.supervision.models import Complaint
from tests.core.public.seed import DEFINITION, case_data


@pytest.fixture
def township(sess, world, make_user, api_token, client):
    """Township A1 with ``local.help`` in force and the people who read its hot pages;
    ``add()`` files one more case (with a running notice), warning and report in village X."""
    from core.catalog.operations import create_item, publish

    publish(sess, create_item(sess, world.a, DEFINITION, origin="county", actor_id=None))
    village = world.villages.a1x
    people = {
        "committee": make_user("qc-committee", (world.a1, "village_committee", village)),
        "director": make_user("qc-director", (world.a1, "village_director", village)),
        "inspector": make_user("qc-inspector", (world.a1, "township_inspector")),
    }
    sess.commit()
    headers = api_token(people["committee"])
    added = []

    def add() -> None:
        n = len(added)
        response = client.post(
            "/api/v1/t/town-a1/cases",
            json={"item": "local.help", "village": village.code, "data": case_data()},
            headers=headers,
        )
        assert response.status_code == 201, response.json
        sess.add(
            Warning(
                tenant_id=world.a1.id,
                rule="overdue_step",
                severity="yellow",
                subject=f"query-count:{n}",
                case_id=response.json["id"],
                village_id=village.id,
                message="逾期",
                details={},
            )
        )
        sess.add(
            Complaint(
                tenant_id=world.a1.id,
                tracking_code=f"QC{n:010d}",
                kind="report",
                village_id=village.id,
                text="村口垃圾无人清运。",
                photo_ids=[],
                status="received",
                created_at=utcnow(),
                due_at=utcnow() + timedelta(days=10),
            )
        )
        sess.commit()
        added.append(response.json)

    return type("Township", (), {"add": staticmethod(add), "people": people, "cases": added})


def statements(app, client, url: str) -> int:
    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", counter)
    try:
        response = client.get(url)
        assert response.status_code == 200, url
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return count


PAGES = {
    "village page": (None, lambda t, w: f"/p/town-a1/{w.villages.a1x.code}"),
    "case page": (None, lambda t, w: f"/p/town-a1/cases/{t.cases[0]['code']}"),
    "to-do list": ("director", lambda t, w: "/t/town-a1/todo"),
    "case list": ("director", lambda t, w: "/t/town-a1/cases"),
    "catalog": ("director", lambda t, w: "/t/town-a1/items"),
    "warnings inbox": ("inspector", lambda t, w: "/t/town-a1/warnings"),
    "reports queue": ("inspector", lambda t, w: "/t/town-a1/reports"),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_hot_page_reads_in_a_fixed_number_of_queries(app, client, login, world, township, page):
    who, url_of = PAGES[page]
    if who:
        login(township.people[who])
    township.add()
    url = url_of(township, world)
    client.get(url)  # the first visit copies the plugins' items and lists into the county
    one = statements(app, client, url)
    for _ in range(4):
        township.add()
    assert statements(app, client, url) == one, f"{page}: queries grow with its rows"


#: tables that grow with the county's work (cases, their steps, notices, warnings, reports,
#: the audit trail, notifications): read whole, they make a page's cost grow with the county
GROWING = {
    "audit_events",
    "cases",
    "complaint_events",
    "complaints",
    "notices",
    "notifications",
    "objections",
    "public_submissions",
    "step_runs",
    "warning_events",
    "warnings",
}


def unindexed_reads(plan: dict) -> list[str]:
    """The growing tables a plan reads without an index condition."""
    found = []
    table = plan.get("Relation Name")
    if table in GROWING:
        indexed = "Index Cond" in plan or plan["Node Type"] == "Bitmap Heap Scan"
        if not indexed:
            found.append(f"{plan['Node Type']} on {table} {plan.get('Filter', '')}".strip())
    for child in plan.get("Plans", []):
        found += unindexed_reads(child)
    return found


def explained(app, client, url: str) -> dict[str, list[str]]:
    """Each SELECT the page runs, with the growing tables its plan reads without an index."""
    misses: dict[str, list[str]] = {}

    def explain(conn, _cursor, statement, parameters, _context, _executemany):
        if not statement.lstrip().upper().startswith("SELECT"):
            return
        with conn.connection.dbapi_connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
            (document,) = cursor.fetchone()
            cursor.execute("SET LOCAL enable_seqscan = on")
        plan = (json.loads(document) if isinstance(document, str) else document)[0]["Plan"]
        if reads := unindexed_reads(plan):
            misses[" ".join(statement.split())[:300]] = reads

    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", explain)
    try:
        assert client.get(url).status_code == 200, url
    finally:
        event.remove(engine, "before_cursor_execute", explain)
    return misses


@pytest.mark.postgres
@pytest.mark.parametrize("page", PAGES)
def test_a_hot_page_reads_growing_tables_through_indexes(app, client, login, world, township, page):
    who, url_of = PAGES[page]
    if who:
        login(township.people[who])
    for _ in range(3):
        township.add()
    url = url_of(township, world)
    client.get(url)
    assert explained(app, client, url) == {}
