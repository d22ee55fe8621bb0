"""Twenty people completing the same step at once: exactly one succeeds (PostgreSQL)."""

import threading

import pytest
from sqlalchemy import func, select

from core.workflow.models import StepRun


@pytest.mark.postgres
def test_twenty_concurrent_completions_of_one_step(app, api_token, works, start, sess):
    case = start()
    headers = api_token(works.people.reviewer)
    barrier = threading.Barrier(20)
    statuses = []

    def complete():
        client = app.test_client()
        barrier.wait()
        response = client.post(
            f"/api/v1/t/town-a1/cases/{case['id']}/steps/review",
            json={"data": {"decision": "approve"}},
            headers=headers,
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=complete) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [409] * 19
    completed = sess.scalar(
        select(func.count(StepRun.id)).where(
            StepRun.case_id == case["id"],
            StepRun.step_key == "review",
            StepRun.status == "completed",
        )
    )
    assert completed == 1
    signing = sess.scalar(
        select(func.count(StepRun.id)).where(
            StepRun.case_id == case["id"], StepRun.step_key == "sign"
        )
    )
    assert signing == 1
