"""Supervision orders (督查令) through the pages: issue, rectify, send back, accept.

The fixtures here (``inspection``, ``orders_api``, ``issued``) are shared with the other
order, rating and integrity tests, which import them.
"""

from datetime import date, timedelta
from io import BytesIO
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from core.audit.models import AuditEvent
from core.db import utcnow
from core.notifications.models import Notification
from core.rules.models import Warning
from core.supervision.order_models import Rectification, SupervisionOrder
from core.testing import csrf_token

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def inspection(world, make_user, sess):
    """Township A1's supervision people, and a village supervisor of each of its villages."""
    v = world.villages
    people = SimpleNamespace(
        inspector=make_user("a1-inspector", (world.a1, "township_inspector")),
        county_inspector=make_user("a-inspector", (world.a, "county_inspector")),
        a2_inspector=make_user("a2-inspector", (world.a2, "township_inspector")),
        secretary=world.users.a1_secretary,
        director=make_user("a1x-director", (world.a1, "village_director", v.a1x)),
        supervisor_x=make_user("a1x-supervisor", (world.a1, "village_supervisor", v.a1x)),
        supervisor_y=make_user("a1y-supervisor", (world.a1, "village_supervisor", v.a1y)),
        secretary_y=make_user("a1y-secretary", (world.a1, "village_secretary", v.a1y)),
        admin=world.users.a1_admin,
    )
    return SimpleNamespace(world=world, people=people, village=v.a1x, other=v.a1y)


@pytest.fixture
def orders_api(client, api_token):
    """``orders_api(user).post("/orders", body)`` against township A1's API."""

    class Caller:
        def __init__(self, user, slug="town-a1"):
            self.headers, self.slug = api_token(user), slug

        def get(self, path):
            return client.get(f"/api/v1/t/{self.slug}{path}", headers=self.headers)

        def post(self, path, body=None):
            return client.post(f"/api/v1/t/{self.slug}{path}", json=body, headers=self.headers)

    return Caller


@pytest.fixture
def issued(orders_api, inspection):
    """``issued(**changes)``: an order to village A1-X, issued by the township inspector."""

    def issue(**changes):
        body = {
            "village": inspection.village.code,
            "colour": "yellow",
            "failing": "村务公开栏三个月未更新",
            "deadline": (date.today() + timedelta(days=10)).isoformat(),
            "responsible": [{"user_id": inspection.people.secretary.id}, {"name": "王会计"}],
            **changes,
        }
        response = orders_api(inspection.people.inspector).post("/orders", body)
        assert response.status_code == 201, response.json
        return response.json

    return issue


def red_warning(sess, tenant, village, subject="case:1:tier"):
    warning = Warning(
        tenant_id=tenant.id,
        rule="tier_bypass",
        severity="red",
        subject=subject,
        village_id=village.id,
        message="越级审批",
        details={},
        opened_at=utcnow(),
        updated_at=utcnow(),
    )
    sess.add(warning)
    sess.commit()
    return warning


def count(sess, model, *where):
    sess.expire_all()
    return sess.scalar(select(func.count()).select_from(model).where(*where))


def form(client, path, data, **kw):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path_of(path))}, **kw)


def path_of(post_path: str) -> str:
    """The page whose form posts to ``post_path``: the order's page, or the new-order page."""
    if post_path.endswith("/orders"):
        return post_path + "/new"
    return post_path.rsplit("/", 1)[0]


def test_the_township_inspector_issues_an_order_from_a_warning(client, login, inspection, sess):
    warning = red_warning(sess, inspection.world.a1, inspection.village)
    login(inspection.people.inspector)
    page = client.get(f"/t/town-a1/orders/new?warning={warning.id}").get_data(as_text=True)
    assert "越级审批" in page
    response = form(
        client,
        "/t/town-a1/orders",
        {
            "village": str(inspection.village.id),
            "colour": "red",
            "failing": "越级审批，未经乡镇审核",
            "deadline": (date.today() + timedelta(days=7)).isoformat(),
            "people": [str(inspection.people.secretary.id)],
            "names": "王会计",
            "warnings": [str(warning.id)],
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    order = sess.scalar(select(SupervisionOrder))
    assert (order.colour, order.status, order.village_id) == (
        "red",
        "issued",
        inspection.village.id,
    )
    assert [w.id for w in order.warnings] == [warning.id]
    assert [p["name"] for p in order.responsible] == ["a1-secretary", "王会计"]
    assert count(sess, AuditEvent, AuditEvent.action == "order.issued") == 1
    told = Notification.user_id == inspection.people.secretary.id
    assert count(sess, Notification, told) == 1


def test_a_refused_order_shows_the_form_again_with_what_was_typed(client, login, inspection):
    login(inspection.people.inspector)
    response = form(
        client,
        "/t/town-a1/orders",
        {
            "village": str(inspection.village.id),
            "colour": "blue",
            "failing": "账目不清",
            "deadline": "",
            "names": "王会计",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "请填写整改期限" in page
    assert "账目不清" in page and "王会计" in page


def test_a_warning_of_another_village_is_refused(client, login, inspection, sess):
    warning = red_warning(sess, inspection.world.a1, inspection.other)
    login(inspection.people.inspector)
    response = form(
        client,
        "/t/town-a1/orders",
        {
            "village": str(inspection.village.id),
            "colour": "red",
            "failing": "越级审批",
            "deadline": (date.today() + timedelta(days=7)).isoformat(),
            "names": "王会计",
            "warnings": [str(warning.id)],
        },
    )
    assert response.status_code == 422
    assert "只能选择本村的预警" in response.get_data(as_text=True)
    assert count(sess, SupervisionOrder) == 0


def test_village_people_and_admins_cannot_issue_orders(client, login, inspection):
    for user in (inspection.people.secretary, inspection.people.admin):
        login(user)
        assert client.get("/t/town-a1/orders/new").status_code == 403


def test_the_county_inspector_issues_in_a_township_of_its_county(orders_api, inspection, issued):
    body = {
        "village": inspection.village.code,
        "colour": "blue",
        "failing": "会议记录缺失",
        "deadline": (date.today() + timedelta(days=3)).isoformat(),
        "responsible": [{"name": "李主任"}],
    }
    assert orders_api(inspection.people.county_inspector).post("/orders", body).status_code == 201


def test_the_village_submits_its_rectification_with_files(client, login, inspection, issued, sess):
    order = issued()
    login(inspection.people.secretary)
    path = f"/t/town-a1/orders/{order['id']}"
    assert "提交整改" in client.get(path).get_data(as_text=True)
    response = client.post(
        f"{path}/rectifications",
        data={
            "text": "已更新公开栏并建立每月更新台账",
            "files": (BytesIO(PNG), "公开栏照片.png"),
            "csrf_token": csrf_token(client, path),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    sess.expire_all()
    rectification = sess.scalar(select(Rectification))
    assert rectification.text == "已更新公开栏并建立每月更新台账"
    assert len(rectification.attachment_ids) == 1
    assert sess.get(SupervisionOrder, order["id"]).status == "rectification_submitted"
    assert "公开栏照片.png" in client.get(path).get_data(as_text=True)


def test_an_empty_rectification_is_refused_and_keeps_the_stored_file(
    client, login, inspection, issued
):
    order = issued()
    login(inspection.people.director)
    path = f"/t/town-a1/orders/{order['id']}"
    response = client.post(
        f"{path}/rectifications",
        data={
            "text": " ",
            "files": (BytesIO(PNG), "照片.png"),
            "csrf_token": csrf_token(client, path),
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "请填写整改情况" in page
    assert "已上传 1 个文件" in page


def test_who_may_not_judge_is_refused_before_the_comment_is_read(client, login, inspection, issued):
    order = issued()
    login(inspection.people.secretary)
    refused = form(client, f"/t/town-a1/orders/{order['id']}/send-back", {"comment": ""})
    assert refused.status_code == 403


def test_sending_back_needs_a_comment_then_accepting_ends_the_order(
    client, login, inspection, issued, orders_api, sess
):
    order = issued()
    assert (
        orders_api(inspection.people.secretary)
        .post(f"/orders/{order['id']}/submit", {"text": "已整改"})
        .status_code
        == 200
    )
    login(inspection.people.inspector)
    path = f"/t/town-a1/orders/{order['id']}"
    refused = form(client, f"{path}/send-back", {"comment": ""})
    assert refused.status_code == 422
    assert "退回时请写明理由" in refused.get_data(as_text=True)
    assert form(client, f"{path}/send-back", {"comment": "缺少台账照片"}).status_code == 302
    assert sess.get(SupervisionOrder, order["id"]).status == "sent_back"
    assert (
        orders_api(inspection.people.secretary)
        .post(f"/orders/{order['id']}/submit", {"text": "已补充台账照片"})
        .status_code
        == 200
    )
    assert form(client, f"{path}/accept", {"comment": ""}).status_code == 302
    sess.expire_all()
    done = sess.get(SupervisionOrder, order["id"])
    assert done.status == "accepted" and done.accepted_at is not None
    assert [r.verdict for r in done.rectifications] == ["sent_back", "accepted"]


def test_the_village_cannot_judge_its_own_rectification(
    client, login, inspection, issued, orders_api
):
    order = issued()
    orders_api(inspection.people.secretary).post(
        f"/orders/{order['id']}/submit", {"text": "已整改"}
    )
    login(inspection.people.secretary)
    response = form(client, f"/t/town-a1/orders/{order['id']}/accept", {})
    assert response.status_code == 403


def test_the_orders_page_lists_only_the_supervisors_own_village(client, login, inspection, issued):
    issued(failing="甲一村的问题")
    issued(village=inspection.other.code, failing="甲二村的问题")
    login(inspection.people.supervisor_x)
    page = client.get("/t/town-a1/orders").get_data(as_text=True)
    assert "甲一村的问题" in page and "甲二村的问题" not in page
