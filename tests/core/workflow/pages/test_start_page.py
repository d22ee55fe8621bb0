"""``/t/<slug>/cases/new``: starting a case from a page, and its refusals."""

from sqlalchemy import select

from core.workflow.models import Case, StepRun

NEW = "/t/town-a1/cases/new"


def test_the_item_comes_preselected_from_the_catalog(works, as_user):
    page = as_user(works.people.committee).get(f"{NEW}?item=local.street_lights")
    assert '<option selected value="local.street_lights">路灯安装</option>' in page.get_data(
        as_text=True
    )


def test_starting_a_case_leads_to_the_first_step(works, as_user, submit, sess):
    client = as_user(works.people.committee)
    response = submit(
        NEW,
        {"village": works.village.code, "item": "local.street_lights", "title": "村口路灯"},
        via=client,
    )
    assert response.status_code == 302
    case = sess.scalar(select(Case))
    assert response.headers["Location"].endswith(f"/t/town-a1/cases/{case.id}/steps/apply")
    assert case.title == "村口路灯"
    assert case.created_by_id == works.people.committee.id


def test_on_behalf_of_chosen_at_start_shows_on_the_first_step(works, as_user, submit, sess):
    client = as_user(works.people.committee)
    response = submit(
        NEW,
        {
            "village": works.village.code,
            "item": "local.street_lights",
            "on_behalf-filed": "y",
            "on_behalf-name": "王大妈",
        },
        via=client,
    )
    run = sess.scalar(select(StepRun))
    assert run.on_behalf_of == {"name": "王大妈", "id_number": None}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="王大妈"' in page


def test_a_bad_id_number_for_on_behalf_is_refused_next_to_it(works, as_user, submit, sess):
    client = as_user(works.people.committee)
    response = submit(
        NEW,
        {
            "village": works.village.code,
            "item": "local.street_lights",
            "title": "留着的标题",
            "on_behalf-filed": "y",
            "on_behalf-name": "王大妈",
            "on_behalf-id_number": "110101199003070000",
        },
        via=client,
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "身份证号校验位不对" in page
    assert 'value="留着的标题"' in page
    assert sess.scalar(select(Case)) is None


def test_an_item_not_in_force_is_refused_next_to_the_item(works, as_user, submit):
    client = as_user(works.people.committee)
    response = submit(
        NEW, {"village": works.village.code, "item": "local.nothing", "title": "标题"}, via=client
    )
    assert response.status_code == 422
    assert "不在本乡镇现行清单中" in response.get_data(as_text=True)


def test_the_wrong_role_is_told_above_the_form_and_keeps_the_title(works, as_user, submit, sess):
    client = as_user(works.people.secretary)
    response = submit(
        NEW,
        {"village": works.village.code, "item": "local.street_lights", "title": "书记想发起"},
        via=client,
    )
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "须由本村的" in page
    assert 'value="书记想发起"' in page
    assert sess.scalar(select(Case)) is None


def test_only_the_users_villages_are_offered(works, world, as_user):
    page = as_user(works.people.committee).get(NEW).get_data(as_text=True)
    assert works.village.name in page
    assert world.villages.a1y.name not in page


def test_a_county_is_told_that_villages_start_cases(world, as_user):
    page = as_user(world.users.county_admin).get("/t/county-a/cases/new")
    assert page.status_code == 200
    assert "办件由乡镇（街道）下的村发起" in page.get_data(as_text=True)


def test_the_item_page_offers_to_start_a_case_to_who_may(works, as_user):
    item = "/t/town-a1/items/local.street_lights"
    link = "/t/town-a1/cases/new?item=local.street_lights"
    assert link in as_user(works.people.committee).get(item).get_data(as_text=True)
    assert link not in as_user(works.people.secretary).get(item).get_data(as_text=True)
