"""Filing pages: who sees and does what, through HTTP."""

from sqlalchemy import select

from core.testing import csrf_token
from formbuilder.filing.models import Filing


def _post(client, path, data=None, page="/t/town-a1/filings"):
    return client.post(path, data={"csrf_token": csrf_token(client, page), **(data or {})})


def _status(sess, filing_id):
    sess.expire_all()
    return sess.get(Filing, filing_id).status


def test_a_township_admin_submits_from_the_filing_page(client, login, sess, world, draft):
    login(world.users.a1_admin)
    page = client.get("/t/town-a1/filings").get_data(as_text=True)
    assert "路灯安装" in page and "提交县级备案" in page
    response = _post(client, "/t/town-a1/items/local.street_lights/submit")
    assert response.status_code == 302
    assert sess.scalar(select(Filing.status)) == "submitted"


def test_the_county_queue_lists_the_submission_with_a_review_link(
    client, login, world, draft, filing
):
    submitted = filing.submit(draft)
    login(world.users.county_admin)
    page = client.get("/t/county-a/filings").get_data(as_text=True)
    assert "甲一镇" in page and f"/t/town-a1/filings/{submitted.id}" in page


def test_the_county_approves_and_the_township_publishes(
    client, login, sess, world, draft, filing, app
):
    submitted = filing.submit(draft)
    reviewer = login(world.users.county_admin, test_client=app.test_client())
    page = f"/t/town-a1/filings/{submitted.id}"
    assert "通过备案" in reviewer.get(page).get_data(as_text=True)
    assert (
        _post(reviewer, "/t/town-a1/items/local.street_lights/approve", page=page).status_code
        == 302
    )
    assert _status(sess, submitted.id) == "approved"
    login(world.users.a1_admin)
    assert "发布到各村" in client.get(page).get_data(as_text=True)
    assert (
        _post(client, "/t/town-a1/items/local.street_lights/publish", page=page).status_code == 302
    )
    assert _status(sess, submitted.id) == "published"
    assert "路灯安装" in client.get("/t/town-a1/items").get_data(as_text=True)


def test_returning_without_a_comment_is_refused_and_nothing_changes(
    client, login, sess, world, draft, filing
):
    submitted = filing.submit(draft)
    login(world.users.county_admin)
    page = f"/t/town-a1/filings/{submitted.id}"
    response = _post(client, "/t/town-a1/items/local.street_lights/return", {"comment": " "}, page)
    assert "必须填写意见" in client.get(response.location).get_data(as_text=True)
    assert _status(sess, submitted.id) == "submitted"


def test_a_returned_filing_shows_the_comment_to_the_township(client, login, world, draft, filing):
    filing.submit(draft)
    filing.return_draft(draft, "请写明<b>路段</b>")
    login(world.users.a1_admin)
    page = client.get("/t/town-a1/filings").get_data(as_text=True)
    assert "请写明&lt;b&gt;路段&lt;/b&gt;" in page


def test_village_staff_cannot_submit(client, login, sess, world, draft):
    login(world.users.a1_secretary)
    response = _post(client, "/t/town-a1/items/local.street_lights/submit")
    assert response.status_code == 403
    assert sess.scalar(select(Filing.id)) is None


def test_a_township_admin_cannot_approve_its_own_filing(client, login, sess, world, draft, filing):
    submitted = filing.submit(draft)
    login(world.users.a1_admin)
    response = _post(client, "/t/town-a1/items/local.street_lights/approve")
    assert response.status_code == 403
    assert _status(sess, submitted.id) == "submitted"


def test_another_townships_admin_gets_404(client, login, world, draft, filing):
    submitted = filing.submit(draft)
    login(world.users.a2_admin)
    assert client.get(f"/t/town-a1/filings/{submitted.id}").status_code == 404
    assert client.get(f"/t/town-a2/filings/{submitted.id}").status_code == 404
    token = csrf_token(client, "/t/town-a2/filings")
    response = client.post(
        "/t/town-a1/items/local.street_lights/withdraw", data={"csrf_token": token}
    )
    assert response.status_code == 404


def test_a_county_admin_of_another_county_gets_404(client, login, sess, world, draft, filing):
    submitted = filing.submit(draft)
    login(world.users.county_b_admin)
    assert client.get(f"/t/town-a1/filings/{submitted.id}").status_code == 404
    token = csrf_token(client, "/t/county-b/filings")
    response = client.post(
        "/t/town-a1/items/local.street_lights/approve", data={"csrf_token": token}
    )
    assert response.status_code == 404
    assert _status(sess, submitted.id) == "submitted"


def test_the_review_page_shows_the_diff_against_the_published_version(
    client, login, sess, world, draft, filing, definition
):
    from core.catalog.operations import save_draft

    filing.submit(draft)
    filing.approve(draft)
    filing.publish(draft)
    definition["steps"][0]["fields"][1]["label"] = "安装路段"
    save_draft(sess, draft, definition, actor_id=None)
    sess.commit()
    second = filing.submit(draft)
    login(world.users.county_admin)
    page = client.get(f"/t/town-a1/filings/{second.id}").get_data(as_text=True)
    assert "对比现行的第 1 版" in page
    assert "字段“安装路段”的标签：安装地点 → 安装路段" in page
