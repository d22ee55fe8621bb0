"""``GET /api/v1/t/<slug>/warnings``: a tenant's warnings, filtered, and no one else's."""

import pytest

from core.db import utcnow
from core.rules.models import Warning

URL = "/api/v1/t/{}/warnings"


@pytest.fixture
def stored(sess, world, works, start):
    """Warnings of townships A1 (one about a case, one closed) and A2."""
    case = start()
    rows = [
        Warning(
            tenant_id=world.a1.id,
            rule="overdue_step",
            severity="yellow",
            subject=f"case:{case['id']}:step:review",
            case_id=case["id"],
            village_id=world.villages.a1x.id,
            message="环节超期",
        ),
        Warning(
            tenant_id=world.a1.id,
            rule="quorum_fail",
            severity="red",
            subject="case:0:step:council",
            village_id=world.villages.a1y.id,
            message="人数不足",
            status="closed",
            closed_at=utcnow(),
            closed_reason="预警原因已消除，系统自动解除",
        ),
        Warning(
            tenant_id=world.a2.id,
            rule="overdue_step",
            severity="red",
            subject="case:0:step:apply",
            village_id=world.villages.a2x.id,
            message="乙镇的超期",
        ),
    ]
    sess.add_all(rows)
    sess.commit()
    return case


def get(client, api_token, user, slug, query=""):
    return client.get(URL.format(slug) + query, headers=api_token(user))


def test_lists_the_townships_warnings(client, api_token, world, stored):
    response = get(client, api_token, world.users.a1_admin, "town-a1")
    assert response.status_code == 200
    assert {w["message"] for w in response.json} == {"环节超期", "人数不足"}
    overdue = next(w for w in response.json if w["rule"] == "overdue_step")
    assert overdue["rule_name"] == "环节超期"
    assert overdue["case"] == {"id": stored["id"], "code": stored["code"]}
    assert overdue["village"] == world.villages.a1x.code
    assert (overdue["severity"], overdue["status"], overdue["closed_at"]) == (
        "yellow",
        "open",
        None,
    )
    assert set(overdue) >= {"id", "subject", "opened_at", "closed_reason"}


@pytest.mark.parametrize(
    ("query", "messages"),
    [
        ("?status=open", {"环节超期"}),
        ("?status=closed", {"人数不足"}),
        ("?severity=red", {"人数不足"}),
        ("?rule=overdue_step", {"环节超期"}),
        ("?village=990101001002", {"人数不足"}),
        ("?village=990101002001", set()),
        ("?status=open&severity=red", set()),
    ],
)
def test_filters(client, api_token, world, stored, query, messages):
    response = get(client, api_token, world.users.a1_admin, "town-a1", query)
    assert {w["message"] for w in response.json} == messages


def test_a_bad_filter_is_refused_in_chinese(client, api_token, world, stored):
    response = get(client, api_token, world.users.a1_admin, "town-a1", "?severity=green")
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {"severity": "应为 blue、yellow 或 red"}


def test_a_foreign_slug_is_404(client, api_token, world, stored):
    assert get(client, api_token, world.users.a2_admin, "town-a1").status_code == 404


def test_township_a2_sees_none_of_a1s(client, api_token, world, stored):
    response = get(client, api_token, world.users.a2_admin, "town-a2")
    assert [w["message"] for w in response.json] == ["乙镇的超期"]


def test_the_county_sees_its_townships(client, api_token, world, stored):
    response = get(client, api_token, world.users.county_admin, "county-a")
    assert {w["message"] for w in response.json} == {"环节超期", "人数不足", "乙镇的超期"}


def test_a_township_does_not_see_its_countys_own(client, api_token, world, stored, sess):
    sess.add(
        Warning(tenant_id=world.a.id, rule="x.y", severity="blue", subject="s", message="县里的")
    )
    sess.commit()
    response = get(client, api_token, world.users.a1_admin, "town-a1")
    assert "县里的" not in {w["message"] for w in response.json}


def test_it_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json
    operation = document["paths"]["/api/v1/t/{slug}/warnings"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["items"] == {"$ref": "#/components/schemas/Warning"}
    assert "422" in operation["responses"]
