"""The bulk seeding path writes the rows the project's operations would.

A small county is seeded twice with the same plan — once case by case through
``core.workflow`` (``via="operations"``), once by the bulk path — into two fresh databases,
and every table is compared row by row. Both run on the seeding clock from the same moment
and take ids from their sequences in the same order, so rows match exactly, ids, timestamps
and audit hashes included; only what is random by design is left out (password salts, the
tracking codes of reports). Incremental seeding (10, then 30) is compared with one call after
mapping ids to what they stand for, since the sweep's warnings then interleave differently.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from bench.seed import seed_county
from core import db
from core.audit.chain import verify
from core.schema import all_metadata
from core.testing import fresh_database

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 5, 20, 2, 0, tzinfo=UTC)
SMALL = {"townships": 2, "villages": 2, "seed": 7, "now": NOW}
#: random by design: argon2 salts, report tracking codes
RANDOM = {("users", "password_hash"), ("complaints", "tracking_code")}


def tables(url: str) -> dict[str, list[dict]]:
    """Every table's rows in id order, less the columns that are random by design."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = {}
            for table in all_metadata().sorted_tables:
                order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
                found[table.name] = [
                    {k: v for k, v in row._mapping.items() if (table.name, k) not in RANDOM}
                    for row in conn.execute(select(table).order_by(*order))
                ]
            return found
    finally:
        engine.dispose()


def assert_same(left: dict[str, list[dict]], right: dict[str, list[dict]]) -> None:
    for name in left:
        assert len(left[name]) == len(right[name]), name
        for a, b in zip(left[name], right[name], strict=True):
            assert a == b, (name, {k: (a[k], b[k]) for k in a if a[k] != b[k]})


def chain_problems(url: str) -> list:
    engine = db.make_engine(url)
    try:
        with Session(engine) as sess, db.system_scope(sess):
            return verify(sess)
    finally:
        engine.dispose()


@pytest.fixture
def databases(tmp_path):
    with (
        fresh_database(tmp_path / "a") as first,
        fresh_database(tmp_path / "b") as second,
    ):
        yield first.owner_url, second.owner_url


def test_bulk_path_writes_what_the_operations_write(databases):
    operations, bulk = databases
    by_operations = seed_county(operations, cases=30, via="operations", **SMALL)
    by_bulk = seed_county(bulk, cases=30, **SMALL)

    assert by_bulk.cases == by_operations.cases == 30
    assert by_bulk.rows == by_operations.rows
    for table in ("step_runs", "notices", "audit_events", "warnings", "complaints"):
        assert by_bulk.rows.get(table), f"the plan should produce {table}"
    found = tables(bulk)
    assert_same(tables(operations), found)
    assert chain_problems(bulk) == []
    still_open = [n["ends_at"] for n in found["notices"] if n["status"] == "open"]
    assert all(end > NOW - timedelta(days=2) for end in still_open), "a notice long run out"


def test_a_copy_that_changes_a_column_is_caught(databases, monkeypatch):
    """The comparison sees a single column the bulk path got wrong."""
    from bench import seed_bulk

    fill = seed_bulk._fill

    def wrong_deadlines(row, where):
        values = fill(row, where)
        if row.table.name == "step_runs":
            values[row.table.c.keys().index("due_at")] = None
        return values

    operations, bulk = databases
    seed_county(operations, cases=12, via="operations", **SMALL)
    monkeypatch.setattr(seed_bulk, "_fill", wrong_deadlines)
    seed_county(bulk, cases=12, **SMALL)
    left, right = tables(operations)["step_runs"], tables(bulk)["step_runs"]
    assert any(row["due_at"] for row in left), "the plan should give some step a deadline"
    with pytest.raises(AssertionError, match="due_at"):
        assert_same({"step_runs": left}, {"step_runs": right})


def test_seeding_in_two_calls_adds_the_same_cases(databases):
    once, twice = databases
    seed_county(once, cases=30, **SMALL)
    first = seed_county(twice, cases=10, **SMALL)
    second = seed_county(twice, cases=30, **SMALL)

    assert (first.added_cases, second.added_cases) == (10, 20)
    assert "tenants" not in second.rows
    assert natural(tables(once)) == natural(tables(twice))
    assert chain_problems(twice) == []


def natural(found: dict[str, list[dict]]) -> dict[str, list]:
    """Rows compared as sets, with the warnings' ids (which depend on when the sweep ran)
    replaced by their rule and subject, and the audit chain's order left out."""
    warnings = {w["id"]: (w["rule"], w["subject"]) for w in found["warnings"]}
    out = {}
    for name, rows in found.items():
        shown = []
        for row in rows:
            row = dict(row)
            if name == "warnings":
                row.pop("id")
            if name == "audit_events":
                for key in ("id", "seq", "prev_hash", "hash"):
                    row.pop(key)
                if row["subject_type"] == "warning":
                    row["subject_id"] = warnings[int(row["subject_id"])]
            shown.append(repr(sorted(row.items())))
        out[name] = sorted(shown)
    return out
