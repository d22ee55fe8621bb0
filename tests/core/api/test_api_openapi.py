import re

import pytest

OPENAPI = "/api/v1/openapi.json"
METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.fixture
def document(client):
    response = client.get(OPENAPI)
    assert response.status_code == 200
    return response.json


def api_routes(app) -> set[tuple[str, str]]:
    """Every (OpenAPI path, method) under ``/api/v1``, read from the URL map."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = re.sub(r"<(?:[^:<>]+:)?(\w+)>", r"{\1}", rule.rule)
            routes |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return routes


def operations(document):
    """``(path, method, operation)`` of every operation in the document."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_document_is_openapi_3_and_needs_no_token(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] and document["info"]["version"]


def test_every_api_route_is_documented(app, document):
    routes = api_routes(app)
    assert ("/api/v1/t/{slug}/villages/{village_id}", "get") in routes
    documented = {(path, method) for path, method, _ in operations(document)}
    assert routes <= documented


def test_every_reference_resolves(document):
    schemas = document["components"]["schemas"]
    for ref in refs(document["paths"]):
        assert ref.removeprefix("#/components/schemas/") in schemas, ref


def test_operations_need_the_bearer_scheme_except_the_public_ones(document):
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "POST /api/v1/auth/token 换取的令牌",
    }
    assert document["security"] == [{"bearerAuth": []}]
    public = {
        (path, method) for path, method, op in operations(document) if op.get("security") == []
    }
    assert public == {("/api/v1/auth/token", "post"), ("/api/v1/openapi.json", "get")}


def test_request_bodies_come_from_the_marshmallow_schemas(document):
    create = document["paths"]["/api/v1/t/{slug}/villages"]["post"]
    body = create["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/VillageCreate"}
    village_create = document["components"]["schemas"]["VillageCreate"]
    assert set(village_create["required"]) == {"code", "name"}
    assert village_create["additionalProperties"] is False
    assert "201" in create["responses"] and "422" in create["responses"]


def test_path_parameters_are_typed(document):
    parameters = document["paths"]["/api/v1/t/{slug}/villages/{village_id}"]["parameters"]
    assert {p["name"]: p["schema"]["type"] for p in parameters} == {
        "slug": "string",
        "village_id": "integer",
    }


def test_list_responses_are_arrays_of_the_item_schema(document):
    listing = document["paths"]["/api/v1/tenants"]["get"]["responses"]["200"]
    assert listing["content"]["application/json"]["schema"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Tenant"},
    }


def test_errors_are_documented_with_the_error_schema(document):
    responses = document["paths"]["/api/v1/tenants/{slug}/plugins"]["put"]["responses"]
    assert {"400", "401", "403", "404", "422"} <= set(responses)
    assert responses["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_a_route_added_without_documentation_still_appears(app, client):
    def relief_cases(slug):
        """Relief cases of a township."""

    app.add_url_rule("/api/v1/t/<slug>/relief-cases", view_func=relief_cases)
    document = client.get(OPENAPI).json
    operation = document["paths"]["/api/v1/t/{slug}/relief-cases"]["get"]
    assert operation["summary"] == "Relief cases of a township."
    assert "security" not in operation  # the document-wide bearer requirement applies
