"""What the benchmark county holds: its layout, and the plan of every case in it.

Case number ``n`` (1, 2, 3, … across the county) is planned from ``(seed, n)`` alone, so
seeding 10 cases and then 30 plans the same first ten as seeding 30 at once. A plan says
where the case runs, which item, on which of a few start days (:data:`SLOT_DAYS` before the
seeding's *anchor* day), how far it gets, and a few minutes of offset that spread cases of
the same start day over the morning.

How a case moves through time is fixed by its item and start day (the *timeline*): one step
completed every day or two, a notice closed the day after it runs out, nothing on or after
the anchor day. Cases of the same item and start day therefore differ only in who, where and
the minutes of offset — which is what lets the bulk path stamp them out (``bench.seed_bulk``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from stdnum.cn import ric

from core.workflow.samples import sample_data, sample_value

COUNTY = ("bench", "基准县")
PASSWORD = "qingdan-bench"
#: days before the anchor day on which cases start
SLOT_DAYS = (30, 45, 60, 75, 90, 105, 120, 150, 180, 210, 240, 300)
#: the share of cases planned to run to their end; the others stop at a random step of the
#: later half of their process (or earlier, when the anchor day comes first)
COMPLETED_SHARE = 0.1
#: cases start at this local time on their day, plus their offset and a minute per step
MORNING = time(9, 0)
MAX_OFFSET_MINUTES = 360
#: village roles each village has one holder of; township roles have two (approvals must
#: often be by someone other than the township admin who checked the matter first)
VILLAGE_ROLES = (
    "village_secretary",
    "village_director",
    "village_committee",
    "village_accountant",
    "village_supervisor",
    "group_leader",
)
TOWNSHIP_ROLES = ("township_admin", "township_inspector")
TOWNSHIP_HOLDERS = 2
#: one villager's report (码上举报) per this many cases
CASES_PER_REPORT = 25


@dataclass(frozen=True)
class Layout:
    townships: int
    villages: int

    def township_slug(self, t: int) -> str:
        return f"{COUNTY[0]}-t{t:02d}"

    def village_code(self, t: int, v: int) -> str:
        return f"3399{t:03d}{v:05d}"


def township_name(t: int) -> str:
    return f"基准{t}镇"


def village_name(t: int, v: int) -> str:
    return f"基准{t}镇{v}村"


@dataclass(frozen=True)
class CasePlan:
    number: int
    township: int
    village: int
    item_key: str
    slot: int
    #: step completions to make (fewer when the case ends or reaches the anchor day first)
    depth_share: float
    completed: bool
    offset_minutes: int

    def depth(self, step_count: int) -> int:
        """How many completions to make on a process of ``step_count`` steps."""
        if self.completed:
            return 10**6
        return int((0.5 + 0.5 * self.depth_share) * step_count)

    @property
    def tag(self) -> str:
        """Goes into the case's text fields, so ledgers keyed by them never merge two cases
        (it ends alike for every case, so a masked text, first and last character shown,
        reads alike too)."""
        return case_tag(self.number)

    @property
    def person_id(self) -> str:
        return person_id(self.number)


def case_tag(number: int) -> str:
    return f"#{number:07d}号"


def person_id(number: int) -> str:
    """A valid resident ID number of an adult, different for every case number."""
    born = date(1950, 1, 1) + timedelta(days=number % 18_000)
    body = f"110105{born:%Y%m%d}{number // 18_000 % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def plan_case(seed: int, number: int, layout: Layout, items: dict[str, list[str]]) -> CasePlan:
    """The plan of case ``number``; ``items`` lists the item keys of each domain."""
    rng = random.Random(f"{seed}:{number}")
    spot = number - 1
    domain = rng.choice(sorted(items))
    return CasePlan(
        number=number,
        township=spot % layout.townships + 1,
        village=spot // layout.townships % layout.villages + 1,
        item_key=rng.choice(items[domain]),
        slot=rng.randrange(len(SLOT_DAYS)),
        depth_share=rng.random(),
        completed=rng.random() < COMPLETED_SHARE,
        offset_minutes=rng.randrange(MAX_OFFSET_MINUTES),
    )


# --- the timeline --------------------------------------------------------------------------


def start_day(anchor_day: date, slot: int) -> date:
    return anchor_day - timedelta(days=SLOT_DAYS[slot])


def next_day(day: date, op: int) -> date:
    """The day of completion ``op`` (1, 2, …) after one on ``day``: one to three days on."""
    return day + timedelta(days=1 + op % 3)


def moment(zone: ZoneInfo, day: date, op: int, offset_minutes: int) -> datetime:
    """When operation ``op`` of a case happens on ``day``, in UTC."""
    local = datetime.combine(day, MORNING, tzinfo=zone)
    return (local + timedelta(minutes=op + offset_minutes)).astimezone(UTC)


# --- what the forms are filled with --------------------------------------------------------


def step_data(step: dict, day: date, zone: ZoneInfo, tag: str, person: str) -> dict:
    """Valid values for every field of ``step``, as on the day it is done: text carries the
    case's tag, ID numbers are the case's person, dates are that day."""
    return sample_data(step, lambda field: field_value(field, day, zone, tag, person))


def field_value(field: dict, day: date, zone: ZoneInfo, tag: str, person: str):
    kind = field.get("type")
    if kind in ("text", "textarea"):
        value = sample_value(field)
        fits = len(value) + len(tag) <= field.get("max_length", 200)
        return value + tag if fits else value
    if kind == "date":
        return day.isoformat()
    if kind == "datetime":
        return moment(zone, day, 0, 0).isoformat()
    if kind == "id_number":
        return person
    if kind == "person":
        return {"name": "张三", "id_number": person}
    if kind == "table":
        rows = max(field.get("min_rows") or 1, 1)
        return [
            {
                c["key"]: field_value(c, day, zone, tag, person)
                for c in field["columns"]
                if c.get("type") != "section"
            }
            for _ in range(rows)
        ]
    return sample_value(field)
