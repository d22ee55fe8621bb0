"""Reports land in the supervision queue: received, answer owed within 10 working days."""

from sqlalchemy import select

from core.supervision.models import Complaint
from core.testing import csrf_token
from core.workflow.calendar import Calendar


def test_a_report_lands_received_with_its_answer_deadline(client, sess, world):
    url = f"/p/town-a1/{world.villages.a1x.code}"
    token = csrf_token(client, url)
    response = client.post(
        f"{url}/complaints", data={"csrf_token": token, "text": "集体鱼塘被私自承包。"}
    )
    assert response.status_code == 303
    complaint = sess.scalar(select(Complaint))
    assert complaint.status == "received" and complaint.status_label == "已受理"
    assert complaint.kind == "report" and complaint.village_id == world.villages.a1x.id
    assert Calendar().working_days_between(complaint.created_at, complaint.due_at) == 10
