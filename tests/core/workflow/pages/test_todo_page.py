"""``/t/<slug>/todo``: each person sees the steps waiting for them, overdue ones first, a page
at a time, in a fixed number of queries."""

from datetime import timedelta

from sqlalchemy import event, select

from core import db
from core.db import utcnow
from core.workflow.models import Case, StepRun
from core.workflow.views import todo

PAGE_URL = "/t/town-a1/todo"


def todo_text(client, query: str = "") -> str:
    """The to-do page as ``client``'s user reads it (``query``: e.g. ``"?page=2"``)."""
    return client.get(f"{PAGE_URL}{query}").get_data(as_text=True)


def test_the_secretary_sees_the_four_deliberations_step(works, start, as_user):
    case = start("80000.00")
    page = todo_text(as_user(works.people.secretary))
    assert case["code"] in page
    assert "村党组织提议" in page


def test_the_reviewer_sees_the_review_and_not_village_steps(works, start, as_user):
    big, small = start("80000.00"), start()
    page = todo_text(as_user(works.people.reviewer))
    assert small["code"] in page and "镇街审核" in page
    assert big["code"] not in page


def test_a_person_of_another_village_sees_nothing(works, start, as_user):
    start()
    page = todo_text(as_user(works.people.outsider))
    assert "目前没有需要您办理的环节" in page


def test_each_run_is_kept_with_its_case_s_village(works, start, api, sess):
    """The list finds a village's steps by the run's own village."""
    case = start()
    done = api(works.people.reviewer).post(
        f"/cases/{case['id']}/steps/review", {"data": {"decision": "approve"}}
    )
    assert done.status_code == 200, done.json
    runs = sess.scalars(select(StepRun).where(StepRun.case_id == case["id"])).all()
    village_id = sess.get(Case, case["id"]).village_id
    assert len(runs) > 1 and {run.village_id for run in runs} == {village_id}


def test_a_user_of_another_township_sees_nothing_of_it(works, world, start, as_user):
    case = start()
    client = as_user(world.users.a2_admin)
    assert client.get(PAGE_URL).status_code == 404
    assert case["code"] not in client.get("/t/town-a2/todo").get_data(as_text=True)


def test_a_transferred_step_shows_for_its_new_holder_only(
    works, world, start, make_user, api, as_user
):
    second = make_user("second-admin", (world.a1, "township_admin"))
    case = start()
    api(works.people.reviewer).post(
        f"/cases/{case['id']}/steps/review/transfer", {"to_user": "second-admin"}
    )
    assert case["code"] in todo_text(as_user(second))
    assert case["code"] not in todo_text(as_user(works.people.reviewer))


def test_overdue_steps_come_first_with_a_red_badge(works, start, sess, as_user):
    soon, late = start(), start()
    runs = {r.case_id: r for r in sess.scalars(select(StepRun).where(StepRun.status == "active"))}
    runs[soon["id"]].due_at = utcnow() + timedelta(days=1)
    runs[late["id"]].due_at = utcnow() - timedelta(days=2, hours=3)
    sess.commit()
    page = todo_text(as_user(works.people.reviewer))
    assert "已超期 3 天" in page
    assert page.index(late["code"]) < page.index(soon["code"])


def test_a_countersign_leaves_the_list_of_whoever_signed_it(
    works, start, complete, as_user, submit, step_path
):
    case = start()
    complete(works.people.reviewer, case["id"], "review", {"decision": "approve"})
    secretary, director = as_user(works.people.secretary), as_user(works.people.director)
    assert case["code"] in todo_text(secretary)
    submit(step_path(case["id"], "sign"), {"step-role": "village_secretary"}, via=secretary)
    assert case["code"] not in todo_text(secretary)
    assert "共 1 项待办" in todo_text(director)


def test_a_long_list_comes_a_page_at_a_time(works, start, as_user, monkeypatch):
    monkeypatch.setattr(todo, "PER_PAGE", 2)
    codes = [start()["code"] for _ in range(5)]
    client = as_user(works.people.reviewer)
    first = todo_text(client)
    assert "共 5 项待办" in first and "第 1 / 3 页" in first
    last = todo_text(client, "?page=3")
    shown = [code for code in codes if code in first] + [code for code in codes if code in last]
    assert len(shown) == 3 and "上一页" in last and "下一页" not in last
    beyond = todo_text(client, "?page=99")
    assert "第 3 / 3 页" in beyond
    assert client.get(f"{PAGE_URL}?page=x").status_code == 200


def _queries(app, client, path) -> int:
    count = 0

    def counted(*_args):
        nonlocal count
        count += 1

    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", counted)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count


def test_the_query_count_does_not_grow_with_the_rows(app, works, start, as_user):
    client = as_user(works.people.reviewer)
    for _ in range(2):
        start()
    two = _queries(app, client, PAGE_URL)
    for _ in range(todo.PER_PAGE + 8):
        start()
    many = _queries(app, client, PAGE_URL)
    page = todo_text(client)
    assert page.count("镇街审核") == todo.PER_PAGE
    assert f"共 {todo.PER_PAGE + 10} 项待办" in page
    assert many == two
