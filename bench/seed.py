"""Seeding the benchmark county at scale: ``seed_county(owner_url, cases=100_000)``.

The county ``bench`` (townships ``bench-t01``…, villages, one person per role, every built-in
plugin on, the catalog synced) is made once through the project's operations. Cases are then
added until the county holds ``cases`` of them — called again with a larger number, it adds
the difference, planned exactly as one call would have planned them (``bench.seed_plan``).

Two paths write the cases and must agree (``tests/bench/test_bulk_seed.py``):

* ``via="operations"``: each case is started and its steps completed through
  ``core.workflow``, one transaction per change, as the API does — exact, and slow;
* ``via="bulk"`` (the default): one case per item and start day goes through the operations
  and is recorded (``bench.seed_templates``), every planned case is a copy of its template
  written with ``COPY`` (``bench.seed_bulk``).

Both then file the villagers' reports and run the sweep rules (overdue steps, the plugins'
rules) through the project's own functions, as of the county's *anchor*: the moment it was
created, which every case's timeline ends before.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from core import db
from core.app import create_app
from core.config import Config
from core.db import utcnow
from core.plugins import host
from core.schema import all_metadata

from . import seed_clock, seed_ops, seed_templates
from .seed_bulk import Copier
from .seed_plan import Layout, plan_case
from .seed_setup import county_of, domain_items, make_county, places

BATCH = 2000


@dataclass
class SeedFigures:
    """What one call did: how long it took and the rows it added, per table."""

    seconds: float
    cases: int
    added_cases: int
    rows: dict[str, int] = field(default_factory=dict)


def seed_county(
    owner_url: str,
    *,
    townships: int = 20,
    villages: int = 25,
    cases: int,
    seed: int = 1,
    progress: Callable[[str], None] | None = None,
    via: str = "bulk",
    now: datetime | None = None,
) -> SeedFigures:
    """Make the county (once) and add cases until it holds ``cases``; ``now`` fixes the
    moment the county is created at (tests), by default the present."""
    if via not in ("bulk", "operations"):
        raise ValueError(f"via must be 'bulk' or 'operations', not {via!r}")
    started = time.monotonic()
    now = now or utcnow()
    say = progress or (lambda _line: None)
    layout = Layout(townships, villages)
    with tempfile.TemporaryDirectory() as instance:
        app = create_app(_config(owner_url, instance))
        with app.app_context(), db.system_scope() as sess, seed_clock.stopped():
            before = _counts(sess)
            county = county_of(sess)
            if county is None:
                seed_clock.at(now)
                county = make_county(sess, host(), layout)
                sess.commit()
                say(f"建立 {county.name}：{townships} 个乡镇，每乡镇 {villages} 个村")
            added = _add_cases(sess, county, layout, cases, seed, via, say)
            after = _counts(sess)
        app.extensions["qingdan.engine"].dispose()
    return SeedFigures(
        seconds=time.monotonic() - started,
        cases=after["cases"],
        added_cases=added,
        rows={name: n - before[name] for name, n in after.items() if n != before[name]},
    )


def _add_cases(sess: Session, county, layout: Layout, target: int, seed: int, via: str, say) -> int:
    found = places(sess, county, layout)
    townships = [place.township for place in found.values()]
    zone = ZoneInfo(county.timezone)
    anchor = county.created_at
    anchor_day = anchor.astimezone(zone).date()
    seed_clock.at(anchor)
    existing = seed_ops.case_count(sess, townships)
    items = domain_items(sess, host(), townships[0])
    plans = [plan_case(seed, n, layout, items) for n in range(existing + 1, target + 1)]
    if via == "operations":
        for plan in plans:
            place = found[plan.township]
            seed_ops.run_case(
                sess,
                host(),
                place.township,
                place.villages[plan.village],
                plan,
                anchor_day,
                tag=plan.tag,
                person=plan.person_id,
                offset_minutes=plan.offset_minutes,
                done=lambda _case, _ops: sess.commit(),
            )
    elif plans:
        _bulk(sess, county, layout, found, plans, anchor_day, zone, say)
    villages = [v for place in found.values() for v in place.villages.values()]
    seed_ops.file_reports(
        sess,
        villages,
        seed_ops.reports_for(existing) + 1,
        seed_ops.reports_for(target),
        anchor_day,
        zone,
    )
    sess.commit()
    _analyze(sess)
    say(f"办件 {len(plans)} 件已写入，运行巡检规则")
    seed_ops.sweep_rules(sess, townships, anchor)
    _analyze(sess)
    return len(plans)


def _analyze(sess: Session) -> None:
    """Refresh the planner's statistics after a bulk load, as autovacuum would in time (it may
    be off, or not yet round): plans made for empty tables read 100,000 cases row by row."""
    sess.execute(text("ANALYZE"))
    sess.commit()


def _bulk(sess: Session, county, layout, found, plans, anchor_day, zone, say) -> None:
    wanted = sorted({(plan.item_key, plan.slot) for plan in plans})
    stand_in, templates = seed_templates.templates_for(
        sess, host(), county, layout, wanted, anchor_day, say
    )
    say(f"已录制 {len(templates)} 个模板")
    copier = Copier(sess, stand_in, templates, zone, anchor_day)
    for first in range(0, len(plans), BATCH):
        batch = [
            (plan, found[plan.township].township, found[plan.township].villages[plan.village])
            for plan in plans[first : first + BATCH]
        ]
        copier.copy(batch)
        sess.commit()
        say(f"已写入 {first + len(batch)}/{len(plans)} 件")


def _config(owner_url: str, instance: str) -> Config:
    return Config.from_env(
        environ={},
        instance_path=instance,
        database_url=owner_url,
        database_owner_url=owner_url,
        redis_url="",
        secret_key="qingdan-bench",
        testing=True,
    )


def _counts(sess: Session) -> dict[str, int]:
    return {
        table.name: sess.scalar(select(func.count()).select_from(table))
        for table in all_metadata().sorted_tables
    }
