"""A notice step's page: what is published, its objections and their resolution, and the
engine refusing to end it early or over an open objection."""

from sqlalchemy import select

from core.workflow.models import Case, Notice
from core.workflow.notices import file_objection


def _objection(sess, case_id, text="灯装在我家门口太亮"):
    notice = sess.scalar(select(Notice).where(Notice.case_id == case_id, Notice.status == "open"))
    found = file_objection(sess, notice, text, None)
    sess.commit()
    return found


def test_the_notice_page_shows_what_is_published_and_the_objections(
    works, at_final_notice, sess, as_user, step_path
):
    case = at_final_notice()
    _objection(sess, case["id"])
    page = (
        as_user(works.people.director).get(step_path(case["id"], "notice")).get_data(as_text=True)
    )
    assert "12,000.00 元" in page
    assert "灯装在我家门口太亮" in page
    assert "还剩约 5 天" in page
    assert "记录处理结果" in page and "结束公示" in page


def test_ending_a_notice_early_is_refused_with_the_engines_message(
    works, at_final_notice, as_user, submit, step_path
):
    case = at_final_notice()
    response = submit(step_path(case["id"], "notice"), via=as_user(works.people.director))
    assert response.status_code == 409
    assert "公示期未满：须公示 5 天" in response.get_data(as_text=True)


def test_an_open_objection_holds_the_notice_until_resolved(
    works, at_final_notice, sess, end_notice, as_user, submit, step_path
):
    case = at_final_notice()
    objection = _objection(sess, case["id"])
    end_notice(case["id"])
    client = as_user(works.people.director)
    response = submit(step_path(case["id"], "notice"), via=client)
    assert response.status_code == 409
    assert "1 条异议尚未处理" in response.get_data(as_text=True)
    resolve = f"/t/town-a1/cases/{case['id']}/objections/{objection.id}/resolve"
    empty = submit(
        resolve,
        {f"objection-{objection.id}-resolution": ""},
        via=client,
        form_page=step_path(case["id"], "notice"),
    )
    assert empty.status_code == 422
    assert "请写明处理结果" in empty.get_data(as_text=True)
    done = submit(
        resolve,
        {f"objection-{objection.id}-resolution": "已调整灯的朝向"},
        via=client,
        form_page=step_path(case["id"], "notice"),
    )
    assert done.status_code == 302
    assert submit(step_path(case["id"], "notice"), via=client).status_code == 302
    sess.expire_all()
    assert sess.get(Case, case["id"]).status == "completed"
    assert "已办结" in client.get(f"/t/town-a1/cases/{case['id']}").get_data(as_text=True)


def test_only_the_notice_holder_resolves_an_objection(
    works, at_final_notice, sess, as_user, submit, step_path
):
    case = at_final_notice()
    objection = _objection(sess, case["id"])
    response = submit(
        f"/t/town-a1/cases/{case['id']}/objections/{objection.id}/resolve",
        {f"objection-{objection.id}-resolution": "我来处理"},
        via=as_user(works.people.secretary),
    )
    assert response.status_code == 403
    sess.refresh(objection)
    assert objection.status == "open"
