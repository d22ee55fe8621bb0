"""Fixtures of the warning-work tests: supervisors at every level of county A, and warnings
of township A1's villages X and Y stored as the rule engine would have written them."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.db import utcnow
from core.rules.models import Warning
from core.supervision.warning_models import WarningEvent

#: a rule no engine run touches, so the sweep leaves these warnings to supervision
RULE = "test.watch"


@pytest.fixture
def people(world, make_user):
    v = world.villages
    return SimpleNamespace(
        sup_x=make_user("sup-x", (world.a1, "village_supervisor", v.a1x)),
        sup_y=make_user("sup-y", (world.a1, "village_supervisor", v.a1y)),
        inspector=make_user("insp-a1", (world.a1, "township_inspector")),
        inspector2=make_user("insp2-a1", (world.a1, "township_inspector")),
        inspector_a2=make_user("insp-a2", (world.a2, "township_inspector")),
        county=make_user("insp-a", (world.a, "county_inspector")),
        secretary=world.users.a1_secretary,
        admin=world.users.a1_admin,
        county_admin=world.users.county_admin,
    )


@pytest.fixture
def stored(sess, world):
    """``stored(village, severity="yellow", days_ago=1, **columns)``: a warning of ``village``."""
    counter = iter(range(1, 10_000))

    def make(village, severity="yellow", days_ago=1, **columns):
        n = next(counter)
        opened = columns.pop("opened_at", utcnow() - timedelta(days=days_ago))
        warning = Warning(
            tenant_id=village.tenant_id,
            rule=columns.pop("rule", RULE),
            severity=severity,
            subject=f"test:{n}",
            village_id=village.id,
            message=columns.pop("message", f"{village.name}的预警{n}"),
            opened_at=opened,
            updated_at=opened,
            **columns,
        )
        sess.add(warning)
        sess.commit()
        return warning

    return make


@pytest.fixture
def xy(stored, world):
    """One yellow warning of village X and one red of village Y (both township A1)."""
    return SimpleNamespace(
        x=stored(world.villages.a1x, "yellow", message="甲一村的预警"),
        y=stored(world.villages.a1y, "red", message="甲二村的预警"),
    )


@pytest.fixture
def wapi(client, api_token):
    """``wapi(user).post(warning_id, action, body)`` / ``.get(path)`` on town-a1's warnings."""

    class Caller:
        def __init__(self, user, slug="town-a1"):
            self.headers, self.base = api_token(user), f"/api/v1/t/{slug}/warnings"

        def get(self, path=""):
            return client.get(self.base + path, headers=self.headers)

        def post(self, warning_id, action, body=None):
            url = f"{self.base}/{warning_id}/{action}"
            return client.post(url, json=body or {}, headers=self.headers)

    return Caller


def reload(sess, warning):
    sess.expire_all()
    return sess.get(Warning, warning.id)


def events(sess, warning):
    sess.expire_all()
    found = sess.scalars(
        select(WarningEvent).where(WarningEvent.warning_id == warning.id).order_by(WarningEvent.id)
    )
    return [e.kind for e in found]


def audited(sess, warning):
    sess.expire_all()
    found = sess.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.subject_type == "warning", AuditEvent.subject_id == str(warning.id))
        .order_by(AuditEvent.id)
    )
    return list(found)
