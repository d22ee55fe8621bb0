"""The supervision dashboard: who may see it, what it counts, its charts and its exports.

The fixtures here (``overseers``, ``seeded``) are shared with the drill-down test, which
imports them.
"""

from datetime import timedelta
from io import BytesIO
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from core.db import utcnow
from core.rules.models import Warning
from core.supervision import charts
from core.supervision.models import Complaint
from core.workflow.models import Case, StepRun
from tests.core.supervision import test_orders, test_orders_sweep

inspection, orders_api, issued = test_orders.inspection, test_orders.orders_api, test_orders.issued
run_sweep = test_orders_sweep.run_sweep
DAY = timedelta(days=1)


@pytest.fixture
def overseers(inspection, make_user, world):
    """Everyone the dashboard concerns, from county A down to village A1-X."""
    p = inspection.people
    return SimpleNamespace(
        **vars(p),
        county_admin=world.users.county_admin,
        a2_admin=world.users.a2_admin,
    )


@pytest.fixture
def warning_of(sess):
    """``warning_of(village, severity, rule="test.watch", days_ago=0, status="open")``."""
    counter = iter(range(1, 10_000))

    def make(village, severity, rule="test.watch", days_ago=0, status="open"):
        opened = utcnow() - days_ago * DAY
        row = Warning(
            tenant_id=village.tenant_id,
            rule=rule,
            severity=severity,
            subject=f"dash:{next(counter)}",
            village_id=village.id,
            message=f"{village.name}的{severity}预警",
            status=status,
            opened_at=opened,
            updated_at=opened,
        )
        sess.add(row)
        sess.commit()
        return row

    return make


@pytest.fixture
def report_of(sess):
    """``report_of(village, due_in_days, answered_after_days=None)``: a villager's report."""
    counter = iter(range(1, 10_000))

    def make(village, due_in_days, answered_after_days=None):
        now = utcnow()
        row = Complaint(
            tenant_id=village.tenant_id,
            tracking_code=f"DASH{next(counter):08d}",
            village_id=village.id,
            text="村里修路的账目不公开",
            created_at=now - 5 * DAY,
            due_at=now + due_in_days * DAY,
            answered_at=None
            if answered_after_days is None
            else now - 5 * DAY + answered_after_days * DAY,
            answer=None if answered_after_days is None else "已核实并公开账目",
            status="received" if answered_after_days is None else "answered",
        )
        sess.add(row)
        sess.commit()
        return row

    return make


@pytest.fixture
def timed_case(client, api_token, make_user, sess):
    """``timed_case(tenant, village, [(days_taken, days_allowed), …])``: a case of village
    with completed steps that took and were allowed those days."""
    from core.testing.cases import sample_data
    from formbuilder.definitions import load_item_definition
    from plugins.procurement.items import ITEMS

    item = next(i for i in ITEMS if i["key"] == "procurement.small_works")
    first = load_item_definition(item)["steps"][0]
    counter = iter(range(1, 10_000))

    def make(tenant, village, timings):
        starter = make_user(f"starter-{next(counter)}", (tenant, first["role"], village))
        response = client.post(
            f"/api/v1/t/{tenant.slug}/cases",
            headers=api_token(starter),
            json={"item": item["key"], "village": village.code, "data": sample_data(first)},
        )
        assert response.status_code == 201, response.json
        case = sess.get(Case, response.json["id"])
        end = utcnow() - DAY
        for n, (taken, allowed) in enumerate(timings):
            started = end - taken * DAY
            sess.add(
                StepRun(
                    tenant_id=tenant.id,
                    case_id=case.id,
                    village_id=case.village_id,
                    step_key=f"done{n}",
                    status="completed",
                    started_at=started,
                    due_at=started + allowed * DAY,
                    completed_at=end,
                )
            )
        sess.commit()
        return case

    return make


@pytest.fixture
def seeded(world, overseers, warning_of, report_of, timed_case, issued, run_sweep):
    """Warnings, orders, reports, timed steps and ratings across county A's two townships
    (and one foreign warning in county B), with the sweep run once."""
    v = world.villages
    warning_of(v.a1x, "red")
    warning_of(v.a1x, "blue", days_ago=70)
    warning_of(v.a1x, "red", rule="procurement.test_split", days_ago=40, status="acknowledged")
    warning_of(v.a1x, "red", rule="test.other", status="resolved")
    warning_of(v.a1y, "red", status="dismissed")
    warning_of(v.a1y, "yellow", rule="test.other")
    warning_of(v.a2x, "red", rule="procurement.test_split", days_ago=100)
    warning_of(v.a2x, "blue")
    warning_of(v.b1x, "red")
    report_of(v.a1x, due_in_days=2, answered_after_days=1)  # on time
    report_of(v.a1y, due_in_days=-2, answered_after_days=4)  # late
    report_of(v.a2x, due_in_days=-1)  # overdue, unanswered
    report_of(v.a1x, due_in_days=3)  # pending
    report_of(v.b1x, due_in_days=2, answered_after_days=1)  # another county's
    timed_case(world.a1, v.a1x, [(2, 5), (8, 5)])
    timed_case(world.a2, v.a2x, [(1, 3)])
    issued(colour="red")
    run_sweep()
    return world


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


# --- who may see it ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["inspector", "admin", "county_inspector", "county_admin"])
def test_the_townships_overseers_see_its_dashboard(client, login, overseers, who):
    login(getattr(overseers, who))
    assert "监督看板" in page(client, "/t/town-a1/dashboard")


@pytest.mark.parametrize("who", ["county_inspector", "county_admin"])
def test_the_countys_overseers_see_the_county_dashboard(client, login, overseers, who):
    login(getattr(overseers, who))
    body = page(client, "/t/county-a/dashboard")
    assert "甲一镇" in body and "甲二镇" in body  # links to each township's dashboard


@pytest.mark.parametrize("who", ["supervisor_x", "secretary"])
def test_village_people_have_no_dashboard(client, login, overseers, who):
    login(getattr(overseers, who))
    assert client.get("/t/town-a1/dashboard").status_code == 403
    assert client.get("/t/town-a1/dashboard/villages").status_code == 403


def test_a_townships_inspector_has_no_county_dashboard(client, login, overseers):
    login(overseers.inspector)
    assert client.get("/t/county-a/dashboard").status_code in (403, 404)


def test_another_township_answers_as_if_missing(client, login, overseers):
    login(overseers.a2_inspector)
    assert client.get("/t/town-a1/dashboard").status_code == 404
    assert (
        client.get("/t/town-a1/dashboard").status_code
        == client.get("/t/no-such-town/dashboard").status_code
    )


def test_another_countys_admin_sees_nothing(client, login, world):
    login(world.users.county_b_admin)
    assert client.get("/t/county-a/dashboard").status_code == 404
    assert client.get("/t/town-a1/dashboard/export.xlsx?table=severity").status_code == 404


def test_the_home_page_links_the_dashboard_for_its_overseers_only(client, login, overseers):
    login(overseers.inspector)
    assert "/t/town-a1/dashboard" in page(client, "/t/town-a1/")
    client.post("/logout")
    login(overseers.supervisor_x)
    assert "/t/town-a1/dashboard" not in page(client, "/t/town-a1/")


def test_admins_dashboards_leave_reports_out(client, login, seeded, overseers):
    login(overseers.admin)
    assert "村民举报答复情况" not in page(client, "/t/town-a1/dashboard")
    assert client.get("/t/town-a1/dashboard/reports").status_code == 403
    client.post("/logout")
    login(overseers.inspector)
    assert "村民举报答复情况" in page(client, "/t/town-a1/dashboard")


# --- what it counts ------------------------------------------------------------------------


def figure(body: str, href_part: str) -> int:
    """The count whose link contains ``href_part`` (the first one, in the HTML table)."""
    import re

    for match in re.finditer(r'<a href="([^"]+)" data-count="(\d+)"', body):
        if href_part in match.group(1).replace("&amp;", "&"):
            return int(match.group(2))
    raise AssertionError(f"no figure linking to {href_part}")


def test_the_township_dashboard_counts_only_its_own_warnings(client, login, seeded, overseers):
    login(overseers.inspector)
    body = page(client, "/t/town-a1/dashboard")
    # town-a1: red (now), red (acknowledged, procurement), yellow → 3 open; escalation aside
    assert figure(body, "status=active&severity=red") == 2
    assert figure(body, "status=active&severity=blue") == 1
    assert figure(body, "domain=procurement") == 1


def test_the_county_dashboard_counts_its_townships_and_no_other_county(
    client, login, seeded, overseers
):
    login(overseers.county_inspector)
    body = page(client, "/t/county-a/dashboard")
    assert figure(body, "status=active&severity=red") == 3  # not county B's red one
    assert figure(body, "domain=procurement") == 2


def test_reports_are_counted_by_how_their_answer_went(client, login, seeded, overseers):
    login(overseers.county_inspector)
    body = page(client, "/t/county-a/dashboard")
    assert [figure(body, f"outcome={o}") for o in ("on_time", "late", "overdue", "pending")] == [
        1,
        1,
        1,
        1,
    ]
    assert "33%" in body  # one of the three answers owed so far came on time


def test_step_durations_are_averaged_per_item_against_their_limits(
    client, login, seeded, overseers
):
    login(overseers.county_inspector)
    body = page(client, "/t/county-a/dashboard")
    assert figure(body, "item=procurement.small_works&late=1") == 1
    # 2 + 8 + 1 days over three steps against 5 + 5 + 3
    assert 'data-figure="3.7"' in body and 'data-figure="4.3"' in body


def test_the_ratings_rank_the_village_with_an_order_last(client, login, seeded, overseers):
    login(overseers.inspector)
    body = page(client, "/t/town-a1/dashboard/villages")
    assert body.index("甲一村") < body.index("甲二村")  # worst first: A1-X has the red order


def test_the_trend_counts_warnings_by_the_month_they_opened(client, login, seeded, overseers):
    login(overseers.county_inspector)
    body = page(client, "/t/county-a/dashboard")
    assert "<polyline" in body
    months = [
        int(n)
        for n in __import__("re").findall(
            r"dashboard/warnings\?month=[\d-]+\" data-count=\"(\d+)\"", body
        )
    ]
    assert len(months) == 24  # twelve in the table, twelve on the chart
    assert sum(months[:12]) == 8  # every warning of county A opened within the year


def test_a_month_outside_the_trend_is_not_found(client, login, overseers):
    login(overseers.inspector)
    assert client.get("/t/town-a1/dashboard/warnings?month=1999-01").status_code == 404
    assert client.get("/t/town-a1/dashboard/warnings?month=x").status_code == 404
    assert client.get("/t/town-a1/dashboard/reports?outcome=x").status_code == 404
    assert client.get("/t/town-a1/dashboard/villages?grade=Z").status_code == 404


# --- exports -------------------------------------------------------------------------------


def test_each_table_exports_to_excel_with_its_figures(client, login, seeded, overseers):
    login(overseers.county_inspector)
    response = client.get("/t/county-a/dashboard/export.xlsx?table=severity")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("等级", "预警数")
    assert ("红色", 3) in rows


def test_the_ranking_exports_every_village(client, login, seeded, overseers, sess):
    from tenants.models import Village

    login(overseers.county_inspector)
    response = client.get("/t/county-a/dashboard/export.xlsx?table=ranking")
    sheet = load_workbook(BytesIO(response.data)).active
    villages = sess.scalars(
        select(Village).where(Village.tenant_id.in_([seeded.a1.id, seeded.a2.id]))
    ).all()
    assert sheet.max_row == 1 + len(villages)


def test_an_unknown_table_is_not_found(client, login, overseers):
    login(overseers.inspector)
    assert client.get("/t/town-a1/dashboard/export.xlsx?table=nope").status_code == 404


# --- charts --------------------------------------------------------------------------------


def test_a_bar_chart_is_accessible_and_escapes_its_labels():
    svg = str(charts.bar_chart("<预警>", [charts.Bar("<红>", 3, "/x?a=1&b=2", "red")]))
    assert '<title id="chart-' in svg and "&lt;预警&gt;" in svg
    assert "&lt;红&gt;" in svg and "<红>" not in svg
    assert 'href="/x?a=1&amp;b=2" data-count="3"' in svg
    assert "<desc" in svg and "&lt;红&gt;：3" in svg


def test_a_longer_bar_is_drawn_for_a_larger_value():
    import re

    svg = str(charts.bar_chart("t", [charts.Bar("a", 1), charts.Bar("b", 4)]))
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[0] * 4 == pytest.approx(widths[1])


def test_a_line_chart_labels_every_point():
    svg = str(charts.line_chart("趋势", [charts.Bar("01", 2), charts.Bar("02", 5)]))
    assert svg.count("<circle") == 2 and ">5</text>" in svg and ">02</text>" in svg


def test_an_empty_chart_says_so():
    assert "无数据" in str(charts.bar_chart("空", []))


def test_the_lists_default_to_this_month_and_the_first_table(client, login, seeded, overseers):
    login(overseers.inspector)
    body = page(client, "/t/town-a1/dashboard/warnings")
    assert "甲一村的red预警" in body and "甲二村的yellow预警" in body
    assert client.get("/t/town-a1/dashboard/export.xlsx").status_code == 200
