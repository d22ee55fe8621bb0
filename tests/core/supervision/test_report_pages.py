"""The report pages: the inspectors' queue with its filters and overdue marks, a report's page
with the viewer's actions, the public answer by tracking code, and must show 3 — a village
supervisor of village X can neither see nor act on village Y's reports."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.attachments.models import Attachment
from core.db import utcnow
from core.supervision.models import Complaint
from core.testing import csrf_token
from tests.core.supervision.report_world import PHONE, filed, people, reload, xy

__all__ = ["filed", "people", "xy"]  # fixtures

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def as_user(client, login):
    def sign_in(user):
        login(user)
        return client

    return sign_in


def post(client, report, action, slug="town-a1", **form):
    token = csrf_token(client, f"/t/{slug}/")
    return client.post(
        f"/t/{slug}/reports/{report.id}/{action}", data={**form, "csrf_token": token}
    )


def test_the_queue_lists_the_townships_reports_for_its_inspector(as_user, people, xy):
    page = as_user(people.inspector).get("/t/town-a1/reports").get_data(as_text=True)
    assert xy.x.tracking_code in page and xy.y.tracking_code in page


def test_the_county_inspector_reads_its_townships_reports(as_user, people, xy):
    page = as_user(people.county).get("/t/county-a/reports").get_data(as_text=True)
    assert xy.x.tracking_code in page and xy.y.tracking_code in page


def test_a_village_supervisor_sees_only_their_villages_reports(as_user, people, xy):
    client = as_user(people.sup_x)
    page = client.get("/t/town-a1/reports").get_data(as_text=True)
    assert xy.x.tracking_code in page and xy.y.tracking_code not in page
    assert client.get(f"/t/town-a1/reports/{xy.x.id}").status_code == 200
    assert client.get(f"/t/town-a1/reports/{xy.y.id}").status_code == 404
    assert client.get("/t/town-a1/reports/2000000000").status_code == 404


def test_a_village_supervisor_cannot_act_on_another_villages_report(as_user, people, xy, sess):
    client = as_user(people.sup_x)
    for action, form in (("note", {"text": "看看"}), ("answer", {"text": "答复"}), ("close", {})):
        assert post(client, xy.y, action, **form).status_code == 404
    assert post(client, xy.x, "answer", text="答复").status_code == 403
    assert reload(sess, xy.y).status == "received" and reload(sess, xy.x).answer is None


def test_another_townships_inspector_finds_nothing(as_user, people, xy):
    client = as_user(people.inspector_a2)
    assert client.get(f"/t/town-a2/reports/{xy.x.id}").status_code == 404
    assert client.get(f"/t/town-a1/reports/{xy.x.id}").status_code == 404
    assert post(client, xy.x, "answer", slug="town-a2", text="答复").status_code == 404


def test_admins_and_cadres_are_refused_the_queue(as_user, people, xy):
    assert as_user(people.admin).get("/t/town-a1/reports").status_code == 403


def test_the_queue_filters_by_village_and_overdue_and_marks_the_overdue(
    as_user, people, filed, world
):
    late = filed(world.villages.a1x, "超期没答复的", due_at=utcnow() - timedelta(days=1))
    fresh = filed(world.villages.a1y, "刚收到的")
    client = as_user(people.inspector)
    overdue = client.get("/t/town-a1/reports?overdue=1").get_data(as_text=True)
    assert late.tracking_code in overdue and fresh.tracking_code not in overdue
    assert 'class="overdue"' in overdue and "逾期" in overdue
    code = world.villages.a1y.code
    by_village = client.get(f"/t/town-a1/reports?village={code}").get_data(as_text=True)
    assert fresh.tracking_code in by_village and late.tracking_code not in by_village


def test_a_bad_filter_is_ignored_not_an_error(as_user, people, xy):
    response = as_user(people.inspector).get("/t/town-a1/reports?status=x&page=-2&village=zz")
    assert response.status_code == 200


def test_the_public_answer_shows_by_tracking_code_and_notes_do_not(as_user, people, xy, client):
    inspector = as_user(people.inspector)
    assert post(inspector, xy.x, "note", text="内部线索：会计知情").status_code == 302
    assert post(inspector, xy.x, "answer", text="经查属实，已责令整改。").status_code == 302
    public = client.get(f"/p/town-a1/complaints/{xy.x.tracking_code}").get_data(as_text=True)
    assert "经查属实，已责令整改。" in public and "答复日期" in public
    assert "内部线索" not in public and "已答复" in public


def test_the_phone_is_masked_for_an_inspector_who_is_not_assigned(as_user, people, xy):
    page = as_user(people.inspector).get(f"/t/town-a1/reports/{xy.x.id}").get_data(as_text=True)
    assert "138****5678" in page and PHONE not in page


def test_the_assigned_inspector_sees_the_phone(as_user, people, xy, login, app):
    post(as_user(people.inspector), xy.x, "assign", to_user="insp2-a1")
    other = login(people.inspector2, test_client=app.test_client())
    assert PHONE in other.get(f"/t/town-a1/reports/{xy.x.id}").get_data(as_text=True)


def test_a_missing_answer_shows_the_page_again_in_chinese(as_user, people, xy, sess):
    response = post(as_user(people.inspector), xy.x, "answer", text="  ")
    assert response.status_code == 422
    assert "请填写答复内容" in response.get_data(as_text=True)
    assert reload(sess, xy.x).status == "received"


def test_a_refused_link_keeps_what_was_typed(as_user, people, xy):
    response = post(as_user(people.inspector), xy.x, "link", kind="order", ref="12345")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "本乡镇没有这个督查令" in page and 'value="12345"' in page


@pytest.mark.parametrize(
    "action, form", [("assign", {"to_user": "a\x00b"}), ("link", {"kind": "case", "ref": "\x00"})]
)
def test_a_control_character_is_refused_not_an_error(as_user, people, xy, action, form):
    assert post(as_user(people.inspector), xy.x, action, **form).status_code == 400


def test_photos_are_served_to_those_who_see_the_report_only(client, as_user, people, world, sess):
    url = f"/p/town-a1/{world.villages.a1x.code}"
    client.post(
        f"{url}/complaints",
        data={
            "csrf_token": csrf_token(client, url),
            "text": "村委会私自出租集体厂房。",
            "photos": (io.BytesIO(PNG), "photo.png"),
        },
        content_type="multipart/form-data",
    )
    report = sess.scalar(select(Complaint))
    photo = f"/t/town-a1/reports/{report.id}/photos/1"
    shown = as_user(people.sup_x).get(photo)
    assert shown.status_code == 200 and shown.data == PNG
    assert client.get(f"/t/town-a1/reports/{report.id}/photos/2").status_code == 404
    client.post("/logout", data={"csrf_token": csrf_token(client, "/t/town-a1/")})
    assert as_user(people.sup_y).get(photo).status_code == 404
    client.post("/logout", data={"csrf_token": csrf_token(client, "/t/town-a1/")})
    token = sess.get(Attachment, report.photo_ids[0]).token
    assert as_user(people.admin).get(f"/t/town-a1/attachments/{token}").status_code == 404


def test_the_tenant_home_links_the_queue_for_supervisors_only(client, login, people):
    login(people.sup_x)
    assert "/t/town-a1/reports" in client.get("/t/town-a1/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/t/town-a1/")})
    login(people.secretary)
    assert "/t/town-a1/reports" not in client.get("/t/town-a1/").get_data(as_text=True)
