"""Integrity files (廉情档案): what concerns a cadre, open only to the inspectors over them and
to the cadre themself (must show 3: no village supervisor opens any file)."""

from sqlalchemy import select

from core.supervision.integrity_models import CadreEvaluation
from core.testing import csrf_token
from plugins.personnel.models import CadreRelative
from tests.core.supervision import test_orders
from tests.core.workflow import conftest as workflow

inspection, orders_api, issued = (
    test_orders.inspection,
    test_orders.orders_api,
    test_orders.issued,
)  # fixtures, shared
works, start, api = workflow.works, workflow.start, workflow.api


def file_of(inspection, user=None):
    return f"/t/town-a1/integrity/{(user or inspection.people.secretary).id}"


def test_the_file_holds_the_orders_naming_the_cadre_and_their_relatives(
    client, login, inspection, issued, sess
):
    issued(failing="公开栏未更新，由书记负责")
    issued(failing="与书记无关的问题", responsible=[{"name": "王会计"}])
    sess.add(
        CadreRelative(
            tenant_id=inspection.world.a1.id,
            village_id=inspection.village.id,
            cadre_name="a1-secretary",
            cadre_role="village_secretary",
            relative_name="张小明",
            relative_id_number="110101199003074514",
            relation="子女",
        )
    )
    sess.commit()
    login(inspection.people.inspector)
    page = client.get(file_of(inspection)).get_data(as_text=True)
    assert "公开栏未更新，由书记负责" in page
    assert "与书记无关的问题" not in page
    assert "子女 · 张小明" in page


def test_the_cadre_reads_their_own_file(client, login, inspection):
    login(inspection.people.secretary)
    assert client.get(file_of(inspection)).status_code == 200


def test_the_county_inspector_reads_the_file(client, login, inspection):
    login(inspection.people.county_inspector)
    assert client.get(file_of(inspection)).status_code == 200


def test_nobody_else_opens_a_file(client, login, inspection):
    """Village supervisors (of the cadre's village or another), another cadre, the township
    admin, another township's inspector: the file answers like a missing one, and the
    inspectors' index is refused."""
    p = inspection.people
    for user in (p.supervisor_x, p.supervisor_y, p.director, p.admin, p.a2_inspector):
        login(user)
        assert client.get(file_of(inspection)).status_code == 404, user.username
        assert client.get("/t/town-a1/integrity/2000000000").status_code == 404
        assert client.get("/t/town-a1/integrity").status_code in (403, 404), user.username


def test_nobody_else_enters_an_evaluation(client, login, inspection, sess):
    p = inspection.people
    for user in (p.supervisor_y, p.secretary):
        login(user)
        token = csrf_token(client, "/t/town-a1/orders")
        response = client.post(
            f"{file_of(inspection)}/evaluations",
            data={"year": "2026", "result": "优秀", "note": "", "csrf_token": token},
        )
        assert response.status_code in (403, 404), user.username
    assert sess.scalar(select(CadreEvaluation)) is None


def test_the_inspector_enters_the_years_evaluation(client, login, inspection, sess):
    login(inspection.people.inspector)
    path = file_of(inspection)
    response = client.post(
        f"{path}/evaluations",
        data={
            "year": "2026",
            "result": "称职",
            "note": "整改及时",
            "csrf_token": csrf_token(client, path),
        },
    )
    assert response.status_code == 302
    assert "2026 · 称职 · 整改及时" in client.get(path).get_data(as_text=True)


def test_a_bad_evaluation_is_refused_with_what_was_typed(client, login, inspection):
    login(inspection.people.inspector)
    path = file_of(inspection)
    response = client.post(
        f"{path}/evaluations",
        data={
            "year": "二〇二六",
            "result": "称职",
            "note": "留着",
            "csrf_token": csrf_token(client, path),
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "请填写四位年份" in page and "留着" in page


def test_the_inspectors_index_lists_the_cadres(client, login, inspection):
    login(inspection.people.inspector)
    page = client.get("/t/town-a1/integrity").get_data(as_text=True)
    assert file_of(inspection) in page
    assert file_of(inspection, inspection.people.supervisor_y) in page


def test_the_file_holds_the_warnings_on_cases_the_cadre_started_and_apart_the_dismissed(
    client, login, inspection, works, start, sess
):
    case = start()
    for subject, status, message in (
        ("case:tier", "open", "越级审批"),
        ("case:quotes", "dismissed", "询价不足三家"),
    ):
        warning = test_orders.red_warning(sess, works.tenant, works.village, subject)
        warning.case_id, warning.status, warning.message = case["id"], status, message
        warning.decision_reason = "已核实为误报" if status == "dismissed" else None
    sess.commit()
    login(inspection.people.inspector)
    page = client.get(file_of(inspection, works.people.committee)).get_data(as_text=True)
    kept, dismissed = page.split("被排除的预警")
    assert "越级审批" in kept and "询价不足三家" not in kept
    assert "询价不足三家" in dismissed and "已核实为误报" in dismissed
