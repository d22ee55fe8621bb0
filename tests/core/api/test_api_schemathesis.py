"""Schemathesis against ``/api/v1/openapi.json``: every operation, signed in as a county admin,
with generated requests — for a real township (``town-a1``) and for made-up tenants and ids. No response may be a 5xx, and every response must match what the document declares for
it (status code, content type, body schema)."""

import json
import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core.testing import ARTIFACTS

pytestmark = pytest.mark.slow
#: examples per operation, shared between the real township and made-up ones
EXAMPLES = int(os.environ.get("QINGDAN_SCHEMATHESIS_EXAMPLES", "100"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def headers(world, api_token):
    return api_token(world.users.county_admin)


def test_every_operation_answers_as_documented(app, headers):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    sent = Counter()
    for operation in operations:
        targets = [{"slug": "town-a1"}, None] if "slug" in operation.path_parameters else [None]
        for path_parameters in targets:
            strategy = operation.as_strategy(path_parameters=path_parameters, headers=headers)
            exercise(strategy, EXAMPLES // len(targets))
            sent[operation.label] += exercise.calls
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "schemathesis.json").write_text(json.dumps(sent, indent=1), "utf-8")
    assert operations and set(sent) == {operation.label for operation in operations}, sent
    # fewer only where the real township leaves nothing else to vary, or nothing varies at all
    assert all(n > EXAMPLES // 2 for op, n in sent.items() if op != "GET /api/v1/tenants"), sent


def exercise(strategy, examples: int) -> None:
    """Send what ``strategy`` generates and check each answer; count the calls made."""
    exercise.calls = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def call(case):
        case.call_and_validate(checks=CHECKS)
        exercise.calls += 1

    call()
