"""补贴去哪了 and notices: personal data masked, minors never shown."""

from datetime import date

from relief_ids import adult, minor
from sqlalchemy import select

from core.plugins import tenant_hook
from core.public.masking import is_minor, mask_id
from core.workflow.models import Notice
from plugins.relief.panels import subsidies_panel


def panel_html(app, world, village=None) -> str:
    with app.app_context():
        return str(subsidies_panel(world.a1, village or world.villages.a1x)["html"])


def test_the_panel_masks_names_and_id_numbers(app, world, add_recipient):
    number = adult(7)
    add_recipient(number, head_name="张小明", amount="650.00")
    html = panel_html(app, world)
    assert "张*明" in html and "张小明" not in html
    assert mask_id(number) in html and number not in html
    assert "650.00" in html and "低保" in html


def test_the_panel_never_shows_a_minor(app, world, add_recipient):
    add_recipient(minor(3), head_name="刘小娃", benefit="destitute")
    add_recipient(adult(4), head_name="赵大成")
    html = panel_html(app, world)
    assert "赵*成" in html
    assert "刘*娃" not in html and mask_id(minor(3)) not in html


def test_the_panel_escapes_what_it_shows(app, world, add_recipient):
    add_recipient(adult(5), head_name="<script>x</script>")
    html = panel_html(app, world)
    assert "<script>" not in html and "&lt;" in html


def test_the_panel_shows_only_its_village_and_current_support(app, world, add_recipient):
    add_recipient(adult(1), head_name="周在保")
    add_recipient(
        adult(2), head_name="吴停保", ends_on=date(2025, 12, 31), starts_on=date(2025, 1, 1)
    )
    add_recipient(adult(3), head_name="郑邻村", village=world.villages.a1y)
    html = panel_html(app, world)
    assert "周*保" in html and "吴*保" not in html and "郑*村" not in html


def test_the_panel_comes_through_the_hook(app, world):
    with app.app_context():
        panels = tenant_hook(world.a1, "qingdan_public_panels")(
            tenant=world.a1, village=world.villages.a1x
        )
    assert "relief.subsidies" in {p["key"] for batch in panels for p in batch or ()}


def test_a_minor_is_told_by_the_id_number():
    assert is_minor(minor(), date.today())
    assert not is_minor(adult(1), date.today())
    assert is_minor("not an id", date.today())


def published(sess, case_id):
    return {
        entry["key"]: entry["text"]
        for entry in sess.scalar(select(Notice).where(Notice.case_id == case_id)).published
    }


def test_the_destitute_notice_shows_an_adult_by_masked_name(start, drive, sess):
    case = start("relief.destitute", minor=False)
    drive(case["id"], until="township_review")
    shown = published(sess, case["id"])
    assert shown["public_name"] == "张*"
    assert "applicant" not in shown


def test_the_destitute_notice_never_names_a_minor(start, drive, sess):
    applicant = {"name": "刘小娃", "id_number": minor()}
    case = start("relief.destitute", applicant=applicant, minor=True)
    drive(case["id"], until="township_review")
    shown = published(sess, case["id"])
    assert "public_name" not in shown and "applicant" not in shown
    assert "刘" not in repr(shown)


def test_a_minor_by_id_number_is_kept_off_the_notice_whatever_was_ticked(start, drive, sess):
    applicant = {"name": "刘小娃", "id_number": minor()}
    case = start("relief.destitute", applicant=applicant, minor=False)
    drive(case["id"], until="township_review")
    assert "public_name" not in published(sess, case["id"])
