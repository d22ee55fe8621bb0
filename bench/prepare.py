"""What the load needs from the seeded county, made with the project's own operations: the
bench's people, the lists of pages to walk, and open cases whose first step the API completes.

The bench's people are its own (``loadtest-…``), whatever the seeder made: ``loadtest-staff`` signs
in for the to-do list and the catalog; in each township ``loadtest-<slug>`` holds the first
step's role of :data:`COMPLETION_ITEM` in the township's last village, where the cases that
are completed under load are started (away from the first village, whose to-do list is
measured).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import db
from core.auth.models import User
from core.auth.operations import add_membership, create_user, issue_token
from core.catalog.operations import items_in_force
from core.plugins import host
from core.workflow import process
from core.workflow.cases import start_case
from core.workflow.models import Case
from core.workflow.samples import sample_data
from tenants.models import Tenant, Village

PASSWORD = "qingdan-bench"
STAFF = "loadtest-staff"
#: how the bench's people are named, apart from the seeder's
PREFIX = "loadtest-"
#: the item whose cases the load completes: a task step, as most first steps are
COMPLETION_ITEM = "procurement.quotation"
#: the public case pages walked: a sample of this many cases
CASE_SAMPLE = 1000


@dataclass(frozen=True)
class OpenStep:
    """A case waiting on its first step, and who may complete it."""

    slug: str
    case_id: int
    step_key: str
    user_id: int
    data: dict

    @property
    def path(self) -> str:
        return f"/api/v1/t/{self.slug}/cases/{self.case_id}/steps/{self.step_key}"


def townships(sess: Session) -> list[Tenant]:
    return list(sess.scalars(select(Tenant).where(Tenant.kind == "township").order_by(Tenant.id)))


def villages(sess: Session, township: Tenant) -> list[Village]:
    return list(
        sess.scalars(select(Village).where(Village.tenant_id == township.id).order_by(Village.code))
    )


def ensure_people(app: Flask) -> None:
    """Create the bench's people where missing (a second stage finds them)."""
    with app.app_context(), db.system_scope() as sess:
        first = townships(sess)[0]
        role = _first_step(sess, first)["role"]
        _person(sess, STAFF, first, role, villages(sess, first)[0])
        for township in townships(sess):
            _person(sess, f"{PREFIX}{township.slug}", township, role, villages(sess, township)[-1])
        sess.commit()


def _person(sess: Session, username: str, tenant: Tenant, role: str, village: Village) -> User:
    user = sess.scalar(select(User).where(User.username == username))
    if user is None:
        user = create_user(sess, username, PASSWORD, display_name="压力测试")
    add_membership(sess, user, tenant, role, village)
    return user


def _first_step(sess: Session, township: Tenant) -> dict:
    in_force = {item.key: version for item, version in items_in_force(sess, host(), township)}
    if COMPLETION_ITEM not in in_force:
        raise RuntimeError(f"{COMPLETION_ITEM} is not in force in {township.slug}")
    return process.snapshot_for(sess, township, in_force[COMPLETION_ITEM]).steps[0]


def page_lists(app: Flask, seed: int = 1) -> dict[str, list[str]]:
    """The public pages to walk: every village's page, and a sample of the seeded cases'
    pages (never the bench's own cases)."""
    with app.app_context(), db.system_scope() as sess:
        slugs = {t.id: t.slug for t in townships(sess)}
        village_paths = [
            f"/p/{slugs[v.tenant_id]}/{v.code}"
            for v in sess.scalars(select(Village).order_by(Village.tenant_id, Village.code))
            if v.tenant_id in slugs
        ]
        ours = select(User.id).where(User.username.startswith(PREFIX))
        rows = sess.execute(
            select(Case.tenant_id, Case.code)
            .where(Case.created_by_id.not_in(ours) | Case.created_by_id.is_(None))
            .order_by(Case.id)
        ).all()
    sample = random.Random(seed).sample(rows, min(CASE_SAMPLE, len(rows)))
    return {
        "village": village_paths,
        "case": [f"/p/{slugs[tenant_id]}/cases/{code}" for tenant_id, code in sample],
    }


def staff_pages(app: Flask) -> dict[str, str]:
    """The signed-in pages of ``loadtest-staff``'s township."""
    with app.app_context(), db.system_scope() as sess:
        slug = townships(sess)[0].slug
    return {"todo": f"/t/{slug}/todo", "catalog": f"/t/{slug}/items"}


def open_steps(app: Flask, count: int) -> list[OpenStep]:
    """Start ``count`` cases of :data:`COMPLETION_ITEM`, round-robin over the townships,
    each waiting on its first step."""
    made: list[OpenStep] = []
    with app.app_context(), db.system_scope() as sess:
        places = []
        for township in townships(sess):
            user = sess.scalar(select(User).where(User.username == f"{PREFIX}{township.slug}"))
            places.append((township, villages(sess, township)[-1], user))
        for n in range(count):
            township, village, user = places[n % len(places)]
            case = start_case(
                sess, host(), township, village, COMPLETION_ITEM, user, title="压力测试办件"
            )
            sess.flush()
            key = case.active_runs[0].step_key
            made.append(
                OpenStep(township.slug, case.id, key, user.id, sample_data(process.step(case, key)))
            )
            if n % 100 == 99:
                sess.commit()
        sess.commit()
    return made


def tokens(app: Flask, user_ids: set[int]) -> dict[int, str]:
    """A bearer token for each user (issued as ``POST /api/v1/auth/token`` would)."""
    with app.app_context(), db.system_scope() as sess:
        found = {uid: issue_token(sess, sess.get(User, uid), days=1)[0] for uid in user_ids}
        sess.commit()
    return found


def completion_lines(steps: list[OpenStep], token_of: dict[int, str]) -> list[tuple[str, ...]]:
    """walk.lua's lines: one POST per open step, with its holder's token."""
    return [
        (
            "POST",
            s.path,
            f"Bearer {token_of[s.user_id]}",
            json.dumps({"data": s.data}, ensure_ascii=False),
        )
        for s in steps
    ]


def open_counts(app: Flask) -> dict[str, int]:
    """All cases, and the open cases and notices the sweep walks."""
    from core.workflow.models import Notice

    with app.app_context(), db.system_scope() as sess:
        return {
            "cases": sess.scalar(select(func.count(Case.id))),
            "open_cases": sess.scalar(select(func.count(Case.id)).where(Case.status == "open")),
            "open_notices": sess.scalar(
                select(func.count(Notice.id)).where(Notice.status == "open")
            ),
        }
