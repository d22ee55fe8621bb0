"""The in-app inbox: notify by role or by user, the unread count, marking read."""

from sqlalchemy import select

from core.notifications.models import Notification
from core.notifications.operations import notify, unread_count
from core.testing import csrf_token


def test_notifying_a_role_reaches_each_holder_once(sess, world, make_user):
    make_user("second-admin", (world.a, "county_admin"), (world.a, "county_inspector"))
    made = notify(sess, world.a, "county_admin", "有新的备案", "/t/town-a1/filings/1")
    assert len(made) == 2
    assert {n.tenant_id for n in made} == {world.a.id}


def test_notifying_user_ids(sess, world):
    notify(sess, world.a1, [world.users.a1_admin.id], "你好")
    assert unread_count(sess, world.users.a1_admin.id) == 1
    assert unread_count(sess, world.users.county_admin.id) == 0


def test_the_header_shows_the_unread_count(client, login, sess, world):
    notify(sess, world.a1, [world.users.a1_admin.id], "路灯安装已通过备案")
    sess.commit()
    login(world.users.a1_admin)
    assert "通知（1）" in client.get("/t/town-a1/").get_data(as_text=True)


def test_reading_a_notification_follows_its_link_and_marks_it_read(client, login, sess, world):
    (note,) = notify(sess, world.a1, [world.users.a1_admin.id], "请查看", "/t/town-a1/filings")
    sess.commit()
    login(world.users.a1_admin)
    assert "请查看" in client.get("/inbox").get_data(as_text=True)
    token = csrf_token(client, "/inbox")
    response = client.post(f"/inbox/{note.id}/read", data={"csrf_token": token})
    assert response.location == "/t/town-a1/filings"
    sess.expire_all()
    assert sess.get(Notification, note.id).read_at is not None


def test_a_link_off_the_site_is_never_followed(client, login, sess, world):
    (note,) = notify(sess, world.a1, [world.users.a1_admin.id], "钓鱼", "//evil.example/x")
    sess.commit()
    login(world.users.a1_admin)
    token = csrf_token(client, "/inbox")
    response = client.post(f"/inbox/{note.id}/read", data={"csrf_token": token})
    assert response.location == "/inbox"


def test_another_users_notification_answers_404(client, login, sess, world):
    (note,) = notify(sess, world.a1, [world.users.a1_admin.id], "私信")
    sess.commit()
    login(world.users.a2_admin)
    assert "私信" not in client.get("/inbox").get_data(as_text=True)
    token = csrf_token(client, "/inbox")
    assert client.post(f"/inbox/{note.id}/read", data={"csrf_token": token}).status_code == 404


def test_mark_all_read(client, login, sess, world):
    notify(sess, world.a1, [world.users.a1_admin.id], "一")
    notify(sess, world.a1, [world.users.a1_admin.id], "二")
    sess.commit()
    login(world.users.a1_admin)
    client.post("/inbox/read-all", data={"csrf_token": csrf_token(client, "/inbox")})
    sess.expire_all()
    assert sess.scalar(select(Notification).where(Notification.read_at.is_(None))) is None
