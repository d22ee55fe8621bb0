"""``/api/v1/t/<slug>/reports``: a report's life through the API, its filters, bad input, the
OpenAPI document, and must show 3 — a village supervisor of one village can neither see nor
act on another village's reports."""

from datetime import timedelta

import pytest

from core.db import utcnow
from tests.core.supervision.report_world import PHONE, filed, people, rapi, started, xy

__all__ = ["filed", "people", "rapi", "started", "xy"]  # fixtures


def test_a_report_runs_assign_note_link_answer_close(rapi, people, xy, started):
    case = started()
    inspector = rapi(people.inspector)
    assert inspector.post(xy.x.id, "assign", {"to_user": "insp2-a1"}).json["status"] == "handling"
    handler = rapi(people.inspector2)
    handler.post(xy.x.id, "note", {"text": "约谈会计"})
    linked = handler.post(xy.x.id, "link", {"kind": "case", "ref": case.code}).json
    assert linked["links"] == [{"kind": "case", "id": case.id, "label": f"{case.code} 鱼塘发包"}]
    answered = handler.post(xy.x.id, "answer", {"text": "经查属实。"}).json
    assert answered["status"] == "answered" and answered["answered_late"] is False
    done = handler.post(xy.x.id, "close").json
    assert done["status"] == "closed" and done["actions"] == ["note"]
    assert [e["kind"] for e in done["events"]] == [
        "assigned",
        "noted",
        "linked",
        "answered",
        "closed",
    ]
    assert handler.get(f"/{xy.x.id}").json == done


def test_the_list_filters_by_status_village_and_overdue(rapi, people, filed, world):
    late = filed(world.villages.a1x, due_at=utcnow() - timedelta(hours=1))
    answered = filed(world.villages.a1y, status="answered", answered_at=utcnow())
    inspector = rapi(people.inspector)
    assert [r["id"] for r in inspector.get("?overdue=true").json] == [late.id]
    assert [r["id"] for r in inspector.get("?status=answered").json] == [answered.id]
    code = world.villages.a1y.code
    assert [r["id"] for r in inspector.get(f"?village={code}").json] == [answered.id]
    assert inspector.get("?overdue=true").json[0]["overdue"] is True


def test_a_village_supervisor_lists_and_reads_their_village_only(rapi, people, xy):
    supervisor = rapi(people.sup_x)
    assert [r["id"] for r in supervisor.get().json] == [xy.x.id]
    foreign, missing = supervisor.get(f"/{xy.y.id}"), supervisor.get("/2000000000")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json == missing.json


@pytest.mark.parametrize(
    "action, body",
    [
        ("assign", {"to_user": "insp-a1"}),
        ("note", {"text": "备注"}),
        ("answer", {"text": "答复"}),
        ("link", {"kind": "case", "ref": "X"}),
        ("close", {}),
    ],
)
def test_a_village_supervisor_cannot_act_on_another_village(rapi, people, xy, action, body):
    assert rapi(people.sup_x).post(xy.y.id, action, body).status_code == 404


def test_a_village_supervisor_is_refused_handling_their_own_village(rapi, people, xy):
    supervisor = rapi(people.sup_x)
    assert supervisor.post(xy.x.id, "answer", {"text": "答复"}).status_code == 403
    assert supervisor.post(xy.x.id, "note", {"text": "村监委备注"}).status_code == 200


@pytest.mark.parametrize("action", ["assign", "answer", "link", "close"])
def test_who_may_not_handle_is_refused_before_the_body_is_read(rapi, people, xy, action):
    assert rapi(people.sup_x).post(xy.x.id, action, {}).status_code == 403


def test_a_foreign_township_answers_like_a_missing_one(rapi, people, xy):
    other = rapi(people.inspector_a2, slug="town-a2")
    assert other.get(f"/{xy.x.id}").status_code == 404
    assert rapi(people.inspector_a2).get(f"/{xy.x.id}").status_code == 404


def test_the_phone_is_masked_unless_assigned_or_county(rapi, people, xy):
    assert rapi(people.inspector).get(f"/{xy.x.id}").json["phone"] == "138****5678"
    assert rapi(people.county).get(f"/{xy.x.id}").json["phone"] == PHONE
    assert rapi(people.county).get(f"/{xy.y.id}").json["phone"] is None


def test_roles_without_reach_are_refused_the_list(rapi, people):
    assert rapi(people.admin).get().status_code == 403


@pytest.mark.parametrize(
    "action, body, field",
    [
        ("answer", {}, "text"),
        ("answer", {"text": "x" * 2001}, "text"),
        ("answer", {"text": "a\x00b"}, "text"),
        ("note", {"text": 5}, "text"),
        ("link", {"kind": "file", "ref": "1"}, "kind"),
        ("link", {"kind": "order", "ref": "1"}, "ref"),
        ("assign", {"to_user": "nobody"}, "to_user"),
        ("close", {"extra": 1}, "extra"),
    ],
)
def test_bad_input_is_refused_field_by_field(rapi, people, xy, action, body, field):
    response = rapi(people.inspector).post(xy.x.id, action, body)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_a_bad_filter_is_a_422(rapi, people):
    response = rapi(people.inspector).get("?status=lost&overdue=maybe")
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"status", "overdue"}


def test_closing_an_unanswered_report_is_a_conflict(rapi, people, xy):
    assert rapi(people.inspector).post(xy.x.id, "close").status_code == 409


def test_every_report_operation_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    report = "/api/v1/t/{slug}/reports/{report_id}"
    assert "get" in paths["/api/v1/t/{slug}/reports"] and "get" in paths[report]
    for action in ("assign", "note", "answer", "link", "close"):
        assert "post" in paths[f"{report}/{action}"]
