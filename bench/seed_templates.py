"""Recording what the operations write for one case, to be copied by the bulk path.

For each item and start day, one case is run through the real operations (``bench.seed_ops``)
in a stand-in township made like the real ones, and after its start and each completion every
row it has written so far is read back: the *captures*. It all happens in a transaction that
is rolled back, so the database keeps nothing of it.

To make the copies easy to tell apart from the rest, every id sequence first jumps to a
*sentinel* range of its own (2 000 000 000 and up, far above any real id), and the stand-in's
names, codes, tag and ID number are recognisable strings; ``bench.seed_bulk`` replaces them
with the real case's. Afterwards the sequences are set back where they were, so the real rows
get exactly the ids they would have had.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

from core.auth.models import Membership, User
from core.plugins import PluginHost
from core.schema import all_metadata
from core.workflow import process
from core.workflow.models import Case
from formbuilder.fieldtypes.submission import field_type
from tenants.models import Tenant, Village
from tenants.operations import create_tenant

from . import seed_ops
from .seed_plan import CasePlan, Layout, case_tag, person_id, township_name, village_name
from .seed_setup import cheap_passwords, make_township

SENTINEL_BASE = 2_000_000_000
SENTINEL_STRIDE = 1_000_000
#: the stand-in township's number (its slug, name, village codes and names derive from it)
STAND_IN = 999
#: rows the bulk path writes itself, from the project's functions, rather than copies
NOT_COPIED = ("process_snapshots", "case_counters")


@dataclass
class StandIn:
    """The stand-in township and what of it may appear in a copied row."""

    tenant_id: int
    village_id: int
    #: user id -> username
    users: dict[int, str]
    #: stand-in string -> what it stands for: ``code``, ``tag``, ``person``, ``person_masked``,
    #: ``village_name``, ``village_code``, ``township_name``, ``township_slug``
    strings: dict[str, str] = field(default_factory=dict)


@dataclass
class Template:
    """One case of an item and start day as the operations wrote it, after each operation."""

    item_key: str
    slot: int
    code: str
    #: the stand-in snapshot id -> item version id
    snapshot: tuple[int, int]
    step_count: int
    #: per operation (0: started): table name -> rows, in id order
    captures: list[dict[str, list[dict]]]
    #: the operations after which the case waits at its last step (not a notice), if it gets
    #: there
    at_last: int | None
    #: the operations after which the case waits at a notice step
    at_notice: frozenset[int]

    def operations(self, plan: CasePlan) -> int:
        """How many completions ``plan``'s case gets, as ``seed_ops.run_case`` counts them."""
        done = min(plan.depth(self.step_count), len(self.captures) - 1)
        while done in self.at_notice and done < len(self.captures) - 1:
            done += 1
        return done if plan.completed or self.at_last is None else min(done, self.at_last)


#: per database, county and anchor day: the stand-in and the templates recorded so far, so
#: that seeding on (10 000, then 100 000 cases) records only what it has not yet
_recorded: dict[tuple, tuple[StandIn, dict[tuple[str, int], Template]]] = {}


def templates_for(
    sess: Session,
    host: PluginHost,
    county: Tenant,
    layout: Layout,
    wanted: list[tuple[str, int]],
    anchor_day: date,
    progress=None,
) -> tuple[StandIn, dict[tuple[str, int], Template]]:
    """The templates of ``wanted`` (item key, slot), recorded unless this process has them.

    A stand-in made again is made alike — same sentinel ids, same names — so templates
    recorded by an earlier call stay good."""
    key = (sess.get_bind().url.render_as_string(), county.id, anchor_day, layout)
    stand_in, known = _recorded.get(key, (None, {}))
    missing = [w for w in wanted if w not in known]
    if missing or stand_in is None:
        stand_in, added = record(sess, host, county, layout, missing, anchor_day, progress)
        known = {**known, **added}
        _recorded[key] = (stand_in, known)
    return stand_in, known


def tenant_tables() -> list[Table]:
    """The tables whose rows a case may write, in the order their foreign keys allow."""
    return [
        t
        for t in all_metadata().sorted_tables
        if "tenant_id" in t.c and "id" in t.c and t.name not in NOT_COPIED
    ]


def record(
    sess: Session,
    host: PluginHost,
    county: Tenant,
    layout: Layout,
    wanted: list[tuple[str, int]],
    anchor_day: date,
    progress=None,
) -> tuple[StandIn, dict[tuple[str, int], Template]]:
    """The templates of ``wanted`` (item key, slot), recorded and rolled back."""
    sequences = _sequences(sess)
    sess.commit()
    try:
        _jump(sess, sequences)
        stand_in = _stand_in(sess, host, county, layout)
        tables = tenant_tables()
        baseline = {t.name: _max_id(sess, t) for t in tables}
        templates = {}
        for number, (item_key, slot) in enumerate(wanted, start=1):
            templates[(item_key, slot)] = _one(
                sess, host, stand_in, tables, baseline, item_key, slot, anchor_day
            )
            if progress and number % 50 == 0:
                progress(f"模板 {number}/{len(wanted)}")
    finally:
        sess.rollback()
        _restore(sess, sequences)
    return stand_in, templates


def _one(sess, host, stand_in, tables, baseline, item_key, slot, anchor_day) -> Template:
    township = sess.get(Tenant, stand_in.tenant_id)
    village = sess.get(Village, stand_in.village_id)
    plan = CasePlan(0, STAND_IN, 1, item_key, slot, 1.0, True, 0)
    captures: list[dict[str, list[dict]]] = []
    at_last: list[int] = []
    at_notice: set[int] = set()

    def done(case: Case, ops: int) -> None:
        sess.flush()
        active = case.active_runs
        step = process.step(case, active[0].step_key) if active else None
        if step and step["kind"] == "notice":
            at_notice.add(ops)
        elif step and case.status != "completed" and not at_last and seed_ops.is_last(step):
            at_last.append(ops)
        captures.append(
            {
                t.name: rows
                for t in tables
                if (rows := _rows(sess, t, stand_in.tenant_id, baseline[t.name]))
            }
        )

    nested = sess.begin_nested()
    try:
        case = seed_ops.run_case(
            sess,
            host,
            township,
            village,
            plan,
            anchor_day,
            tag=case_tag(0),
            person=person_id(0),
            offset_minutes=0,
            done=done,
            depth=10**6,
        )
        template = Template(
            item_key,
            slot,
            case.code,
            (case.process_id, case.item_version_id),
            len(case.process.steps),
            captures,
            at_last[0] if at_last else None,
            frozenset(at_notice),
        )
    finally:
        nested.rollback()
    return template


def _stand_in(sess: Session, host: PluginHost, county: Tenant, layout: Layout) -> StandIn:
    """A township like the real ones, with one village and its people."""
    one = Layout(layout.townships, 1)
    slug = one.township_slug(STAND_IN)
    township = create_tenant(sess, slug, township_name(STAND_IN), "township", county)
    with cheap_passwords():
        make_township(sess, host, township, one, STAND_IN)
    village = sess.scalar(select(Village).where(Village.tenant_id == township.id))
    users = dict(
        sess.execute(
            select(User.id, User.username)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.tenant_id == township.id)
        ).all()
    )
    person = person_id(0)
    strings = {
        case_tag(0): "tag",
        person: "person",
        field_type({"type": "id_number"}).public_text(person, {}): "person_masked",
        village_name(STAND_IN, 1): "village_name",
        one.village_code(STAND_IN, 1): "village_code",
        township_name(STAND_IN): "township_name",
        slug: "township_slug",
    }
    return StandIn(township.id, village.id, users, strings)


def _rows(sess: Session, table: Table, tenant_id: int, after: int) -> list[dict]:
    stmt = (
        select(table).where(table.c.tenant_id == tenant_id, table.c.id > after).order_by(table.c.id)
    )
    return [dict(row._mapping) for row in sess.execute(stmt)]


def _max_id(sess: Session, table: Table) -> int:
    """The highest id so far: every row written after it has a higher one."""
    return sess.scalar(select(func.max(table.c.id))) or 0


# --- sequences -----------------------------------------------------------------------------


def _sequences(sess: Session) -> dict[str, tuple[int | None, int]]:
    """Each id sequence's name -> (last value or None if never used, its sentinel base)."""
    found = {}
    for index, table in enumerate(all_metadata().sorted_tables):
        if "id" not in table.c:
            continue
        name = sess.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name})
        if name is None:
            continue
        last = sess.scalar(text(f"SELECT CASE WHEN is_called THEN last_value END FROM {name}"))
        found[name] = (last, SENTINEL_BASE + index * SENTINEL_STRIDE)
    return found


def _jump(sess: Session, sequences) -> None:
    for name, (_last, base) in sequences.items():
        sess.execute(text("SELECT setval(:s, :v, false)"), {"s": name, "v": base})


def _restore(sess: Session, sequences) -> None:
    """Put the sequences back (``setval`` is not transactional, so after the rollback)."""
    for name, (last, _base) in sequences.items():
        if last is None:
            sess.execute(text("SELECT setval(:s, 1, false)"), {"s": name})
        else:
            sess.execute(text("SELECT setval(:s, :v, true)"), {"s": name, "v": last})
    sess.commit()
