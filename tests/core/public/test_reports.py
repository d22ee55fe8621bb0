"""Reports (码上举报) and objections: tracking codes, follow-up, spam and rate limits."""

import io
import re

from PIL import Image
from sqlalchemy import func, select

from core.supervision.models import Complaint
from core.testing import csrf_token
from core.workflow.models import Objection

CODE = re.compile(r"/p/town-a1/complaints/([A-Z2-9]{12})")


def _post(client, url, token, text="村口路灯款项去向不明，请核查。", **extra):
    return client.post(url, data={"csrf_token": token, "text": text, **extra})


def _report(client, village_world, **extra):
    token = csrf_token(client, village_world.url)
    return _post(client, f"{village_world.url}/complaints", token, **extra)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    return out.getvalue()


def test_a_report_answers_with_a_tracking_code_to_follow(client, sess, village_world):
    response = _report(client, village_world)
    assert response.status_code == 303
    code = CODE.search(response.location).group(1)
    page = client.get(response.location).get_data(as_text=True)
    assert code in page and "已受理" in page
    stored = sess.scalar(select(Complaint).where(Complaint.tracking_code == code))
    assert stored.status == "received" and stored.phone is None


def test_a_phone_number_is_kept_but_never_shown(client, sess, village_world):
    response = _report(client, village_world, phone="139 1234 5678")
    assert "13912345678" not in client.get(response.location).get_data(as_text=True)
    assert sess.scalar(select(Complaint.phone)) == "13912345678"


def test_a_photo_is_stored_as_an_attachment(client, sess, village_world):
    token = csrf_token(client, village_world.url)
    response = client.post(
        f"{village_world.url}/complaints",
        data={
            "csrf_token": token,
            "text": "垃圾堆放在河边。",
            "photos": (io.BytesIO(_png()), "河边.png"),
        },
    )
    assert response.status_code == 303
    assert len(sess.scalar(select(Complaint)).photo_ids) == 1


def test_a_file_that_is_not_a_photo_is_refused_and_the_text_kept(client, sess, village_world):
    token = csrf_token(client, village_world.url)
    response = client.post(
        f"{village_world.url}/complaints",
        data={
            "csrf_token": token,
            "text": "垃圾堆放在河边。",
            "photos": (io.BytesIO(b"%PDF-1.4 x"), "a.jpg"),
        },
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "只能上传照片" in page and "垃圾堆放在河边。" in page
    assert sess.scalar(select(func.count(Complaint.id))) == 0


def test_the_honeypot_refuses_robots(client, sess, village_world):
    response = _report(client, village_world, website="http://spam.example")
    assert response.status_code == 422
    assert "请留空" in response.get_data(as_text=True)
    assert sess.scalar(select(func.count(Complaint.id))) == 0


def test_the_same_text_twice_from_one_address_is_refused(client, village_world):
    assert _report(client, village_world).status_code == 303
    again = _report(client, village_world)
    assert again.status_code == 409
    assert "重复提交" in again.get_data(as_text=True)


def test_a_bad_phone_number_says_why(client, village_world):
    response = _report(client, village_world, phone="12345")
    assert response.status_code == 422
    assert "手机号码不对" in response.get_data(as_text=True)


def test_two_hundred_reports_in_a_minute_are_limited_and_none_accepted_is_lost(
    client, sess, village_world
):
    token = csrf_token(client, village_world.url)
    url = f"{village_world.url}/complaints"
    answers = [_post(client, url, token, text=f"第 {n} 条：路灯款项去向不明。") for n in range(200)]
    accepted = [a for a in answers if a.status_code == 303]
    limited = [a for a in answers if a.status_code == 429]
    assert len(accepted) + len(limited) == 200
    assert 0 < len(accepted) < 200
    assert all(int(a.headers["Retry-After"]) > 0 for a in limited)
    assert "提交过于频繁" in limited[0].get_data(as_text=True)
    assert sess.scalar(select(func.count(Complaint.id))) == len(accepted)
    codes = {CODE.search(a.location).group(1) for a in accepted}
    assert set(sess.scalars(select(Complaint.tracking_code))) == codes


def test_an_unknown_tracking_code_reads_as_missing(client, village_world):
    assert client.get("/p/town-a1/complaints/ABCDEFGHJKMN").status_code == 404
    assert client.get("/p/town-a1/complaints/x").status_code == 404


def test_another_township_cannot_read_a_report(client, village_world):
    location = _report(client, village_world).location
    code = CODE.search(location).group(1)
    assert client.get(f"/p/town-a2/complaints/{code}").status_code == 404


def test_the_look_up_form_leads_to_the_report(client, village_world):
    code = CODE.search(_report(client, village_world).location).group(1)
    response = client.get(f"/p/town-a1/complaints?code={code.lower()}")
    assert response.location.endswith(f"/p/town-a1/complaints/{code}")


def test_an_objection_holds_the_notice_open_and_has_a_tracking_code(client, sess, village_world):
    village_world.start()
    url = "/p/town-a1/notices/1"
    token = csrf_token(client, url)
    response = _post(client, f"{url}/objections", token, text="受助人家里有车，不符合条件。")
    assert response.status_code == 303
    objection = sess.scalar(select(Objection))
    assert objection.status == "open"
    complaint = sess.scalar(select(Complaint))
    assert complaint.kind == "objection" and complaint.objection_id == objection.id
    assert "处理中" in client.get(response.location).get_data(as_text=True)


def test_an_objection_to_a_closed_notice_is_refused(client, sess, village_world):
    from core.workflow.models import Notice

    village_world.start()
    token = csrf_token(client, "/p/town-a1/notices/1")
    sess.scalar(select(Notice)).status = "closed"
    sess.commit()
    response = _post(client, "/p/town-a1/notices/1/objections", token, text="不同意这个结果。")
    assert response.status_code == 409
    assert sess.scalar(select(func.count(Complaint.id))) == 0
