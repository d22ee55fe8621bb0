"""The isolation matrix's world: a small set of tenants with a real row of every kind a route
takes an id of, in four places, so each route can be tried with the persona's own row, a
sibling village's, a foreign tenant's and a made-up one.

Counties A and B; A has townships A1 and A2, B has B1. The personas sit in county A, township
A1 and village A1-X ("own"); the other places are village A1-Y ("sibling_village"), a village
of A2 ("sibling_township") and one of B1 ("other_county").
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import count
from pathlib import Path

from permission_table import PERSONAS
from werkzeug.datastructures import FileStorage

from core import db
from core.testing import PASSWORD

ROOT = Path(__file__).parents[3]
EXAMPLE = ROOT / "tests" / "formbuilder" / "test_definitions_example.json"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
#: the local item each township files with its county (a draft under review)
FILED_KEY = "local.filed"
#: the county item the matrix switches off and on in township A1 (switching the item every
#: other route uses would take it from the villages' pages tried after)
SWITCHED_KEY = "local.switchable"


@dataclass
class Place:
    """The rows of one village (and of its tenant) that routes name by id."""

    tenant: object
    village: object
    cadre: object = None
    case: object = None
    notice_id: int = 0
    objection_id: int = 0
    attachment: str = ""
    warning_id: int = 0
    order_id: int = 0
    report_id: int = 0
    tracking_code: str = ""
    document_id: int = 0
    filing_id: int = 0


@dataclass
class World:
    app: object
    tenants: dict
    places: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    #: each persona's own notification, and one of somebody else's
    notifications: dict = field(default_factory=dict)
    made: count = field(default_factory=lambda: count(1))

    def session(self):
        return self.app.extensions["qingdan.sessionmaker"]()


def seed(app) -> World:
    from core.auth.operations import add_membership, create_user, ensure_standard_roles
    from core.catalog.operations import create_item, publish
    from tenants.operations import create_tenant, create_village

    with app.extensions["qingdan.sessionmaker"]() as sess, db.system_scope(sess):
        ensure_standard_roles(sess)
        a = create_tenant(sess, "county-a", "甲县", "county", None)
        b = create_tenant(sess, "county-b", "乙县", "county", None)
        a1 = create_tenant(sess, "town-a1", "甲一镇", "township", a)
        a2 = create_tenant(sess, "town-a2", "甲二镇", "township", a)
        b1 = create_tenant(sess, "town-b1", "乙一镇", "township", b)
        tenants = {"county": a, "other_county_seat": b, "township": a1}
        world = World(app, tenants)
        world.places = {
            "own": Place(a1, create_village(sess, a1, "990101001001", "甲一村")),
            "sibling_village": Place(a1, create_village(sess, a1, "990101001002", "甲二村")),
            "sibling_township": Place(a2, create_village(sess, a2, "990101002001", "乙一村")),
            "other_county": Place(b1, create_village(sess, b1, "990201001001", "丙一村")),
        }
        own = world.places["own"].village
        for name, who in PERSONAS.items():
            user = create_user(sess, name, PASSWORD, superuser=name == "superuser")
            if who:
                level, role, in_village = who
                add_membership(sess, user, tenants[level], role, own if in_village else None)
            world.users[name] = user
        definition = json.loads(EXAMPLE.read_text("utf-8"))
        definition["steps"][0]["role"] = "village_secretary"
        publish(sess, create_item(sess, a, definition, origin="county", actor_id=None))
        publish(sess, create_item(sess, b, definition, origin="county", actor_id=None))
        a2_only = {**definition, "key": "local.a2_only", "name": "甲二镇特色事项"}
        publish(sess, create_item(sess, a2, a2_only, origin="township", actor_id=None))
        switchable = {**definition, "key": SWITCHED_KEY, "name": "可停用的事项"}
        publish(sess, create_item(sess, a, switchable, origin="county", actor_id=None))
        b_only = {**definition, "key": "local.b_only", "name": "乙县事项"}
        publish(sess, create_item(sess, b, b_only, origin="county", actor_id=None))
        world.items = {
            "own": "local.street_lights",
            "sibling_village": "local.street_lights",
            "sibling_township": "local.a2_only",
            "other_county": "local.b_only",
        }
        sess.commit()
        for name, place in world.places.items():
            _seed_place(world, sess, name, place)
        filings = {t.id: _filing(sess, t, definition) for t in (a1, a2, b1)}
        for place in world.places.values():
            place.filing_id = filings[place.tenant.id]
        _notifications(world, sess)
        sess.commit()
    return world


def _seed_place(world, sess, name: str, place: Place) -> None:
    """In the place's village: a cadre, a case of the example item (first step active) with a
    notice and an objection, a photo, a warning, a supervision order, a villager's report
    with the photo, and a printed handbook."""
    from core.attachments.operations import store_upload
    from core.auth.operations import add_membership, create_user
    from core.db import utcnow
    from core.workflow.cases import start_case
    from core.workflow.models import Notice, Objection

    tenant, village = place.tenant, place.village
    cadre = create_user(sess, f"starter-{name}", PASSWORD)
    add_membership(sess, cadre, tenant, "village_secretary", village)
    case = start_case(
        sess, world.app.extensions["qingdan.plugins"], tenant, village, "local.street_lights", cadre
    )
    run = case.runs[0]
    notice = Notice(
        tenant_id=tenant.id,
        case_id=case.id,
        step_run_id=run.id,
        step_key=run.step_key,
        title="公示",
        published=[],
        days=5,
        ends_at=utcnow() + timedelta(days=5),
    )
    notice.objections.append(Objection(tenant_id=tenant.id, text="有异议"))
    sess.add(notice)
    sess.flush()
    place.cadre, place.case = cadre, case
    place.notice_id, place.objection_id = notice.id, notice.objections[0].id
    sess.commit()  # the upload checks the cadre's role in a session of its own
    with world.app.test_request_context():
        upload = FileStorage(io.BytesIO(PNG), filename="photo.png", content_type="image/png")
        photo = store_upload(sess, tenant, cadre, upload, accept=None, max_size_mb=1)
        place.attachment = photo.token
        _supervision(sess, place, photo.id)
        place.document_id = _handbook(sess, place)
    sess.commit()


def _supervision(sess, place: Place, photo_id: int) -> None:
    from core.db import utcnow
    from core.public.reports import new_code
    from core.rules.models import Warning
    from core.supervision.models import Complaint
    from core.supervision.order_models import SupervisionOrder

    tenant, village = place.tenant, place.village
    warning = Warning(
        tenant_id=tenant.id,
        rule="test.watch",
        severity="yellow",
        subject=f"matrix:{village.code}",
        village_id=village.id,
        case_id=place.case.id,
        message=f"{village.name}的预警",
    )
    order = SupervisionOrder(
        tenant_id=tenant.id,
        village_id=village.id,
        colour="yellow",
        failing="公示期不足",
        deadline=utcnow().date() + timedelta(days=30),
        responsible=[],
    )
    report = Complaint(
        tenant_id=tenant.id,
        tracking_code=new_code(),
        village_id=village.id,
        text="村干部优亲厚友。",
        photo_ids=[photo_id],
        due_at=utcnow() + timedelta(days=10),
    )
    sess.add_all([warning, order, report])
    sess.flush()
    place.warning_id, place.order_id = warning.id, order.id
    place.report_id, place.tracking_code = report.id, report.tracking_code


def _handbook(sess, place: Place) -> int:
    """A finished handbook of the village, its PDF in storage."""
    from core.attachments.storage import current_storage
    from core.db import utcnow
    from core.printing.models import DONE, Document

    key = f"{place.tenant.id}/documents/matrix-{place.village.id}"
    size = current_storage().put(key, io.BytesIO(b"%PDF-1.4\n%%EOF\n"))
    document = Document(
        tenant_id=place.tenant.id,
        kind="handbook",
        village_id=place.village.id,
        subject=place.village.name,
        status=DONE,
        progress=100,
        storage_key=key,
        size=size,
        finished_at=utcnow(),
    )
    sess.add(document)
    sess.flush()
    return document.id


def _filing(sess, township, definition: dict) -> int:
    """The township's local item ``FILED_KEY``, its draft submitted to the county."""
    from core.auth.operations import add_membership, create_user
    from formbuilder.filing import operations as filing

    admin = create_user(sess, f"filer-{township.slug}", PASSWORD)
    add_membership(sess, admin, township, "township_admin", None)
    local = {**definition, "key": FILED_KEY, "name": "备案中的特色事项"}
    item = filing.create_local_item(sess, township, local, admin)
    found = filing.submit(sess, township, item, admin)
    sess.commit()
    return found.id


def _notifications(world: World, sess) -> None:
    from core.notifications.models import Notification

    township = world.tenants["township"]
    stranger = world.places["sibling_township"].cadre
    for name, user in [*world.users.items(), ("stranger", stranger)]:
        if name == "anonymous":
            continue
        row = Notification(tenant_id=township.id, user_id=user.id, text="通知", link="/inbox")
        sess.add(row)
        sess.flush()
        world.notifications[name] = row.id
