"""Must-show 4: every number on the county dashboard equals the count of the list behind it.

The county inspector opens the dashboard of county A over seeded warnings, orders, reports,
timed steps and ratings in two townships, and follows the link of every counted figure — in
the tables and on the charts — to its list (the warnings inbox, page after page, or a
dashboard list), which must hold exactly that many rows. Averages are recomputed from the
rows of their list.
"""

from html.parser import HTMLParser
from statistics import mean

import pytest

from tests.core.supervision import test_dashboard

# fixtures, shared
inspection, orders_api, issued = (
    test_dashboard.inspection,
    test_dashboard.orders_api,
    test_dashboard.issued,
)
run_sweep, overseers, seeded = (
    test_dashboard.run_sweep,
    test_dashboard.overseers,
    test_dashboard.seeded,
)
warning_of, report_of, timed_case = (
    test_dashboard.warning_of,
    test_dashboard.report_of,
    test_dashboard.timed_case,
)


class Page(HTMLParser):
    """The figures of a dashboard, or the rows, row data and next page of a list."""

    def __init__(self, body: str):
        super().__init__()
        self.counts: list[tuple[str, int]] = []
        self.averages: list[tuple[str, float]] = []
        self.rows: list[dict] = []
        self.next_page: str | None = None
        self._in_tbody = self._in_pager = False
        self._link: str | None = None
        self.feed(body)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "data-count" in a:
            self.counts.append((a["href"], int(a["data-count"])))
        if tag == "a" and "data-figure" in a:
            self.averages.append((a["href"], a["data-figure"]))
        if tag == "tbody":
            self._in_tbody = True
        if tag == "tr" and self._in_tbody:
            self.rows.append(a)
        if tag == "nav" and "pager" in a.get("class", ""):
            self._in_pager = True
        if tag == "a" and self._in_pager:
            self._link = a["href"]

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_tbody = False
        if tag == "nav":
            self._in_pager = False

    def handle_data(self, data):
        if self._link and data.strip() == "下一页":
            self.next_page = self._link
        self._link = None if data.strip() else self._link


def list_rows(client, href: str) -> list[dict]:
    """Every row of the list at ``href``, following its pages."""
    rows: list[dict] = []
    while href:
        response = client.get(href)
        assert response.status_code == 200, href
        found = Page(response.get_data(as_text=True))
        rows += found.rows
        href = found.next_page
    return rows


@pytest.fixture
def county_dashboard(client, login, seeded, overseers):
    login(overseers.county_inspector)
    response = client.get("/t/county-a/dashboard")
    assert response.status_code == 200
    return Page(response.get_data(as_text=True))


def test_every_number_on_the_county_dashboard_equals_the_rows_of_its_list(client, county_dashboard):
    assert len(county_dashboard.counts) > 40  # tables and charts alike
    assert sum(n for _, n in county_dashboard.counts) > 40  # the seeds show, not only zeros
    wrong = [
        f"{href}: dashboard says {n}, list has {len(rows)}"
        for href, n in county_dashboard.counts
        if n != len(rows := list_rows(client, href))
    ]
    assert not wrong, "\n".join(wrong)


def test_every_sections_figures_lead_somewhere_nonempty(client, county_dashboard):
    linked = {href.split("?")[0].rsplit("/", 1)[-1] for href, n in county_dashboard.counts if n}
    assert {"warnings", "steps", "reports", "villages"} <= linked


def test_every_average_on_the_county_dashboard_is_the_mean_of_its_list(client, county_dashboard):
    figures = [(h, shown) for h, shown in county_dashboard.averages if "/dashboard/steps" in h]
    assert len(figures) >= 2  # average time taken and allowed, per item
    for href, shown in figures:
        rows = list_rows(client, href)
        means = {
            round(mean(float(r["data-taken"]) for r in rows), 1),
            round(mean(float(r["data-allowed"]) for r in rows), 1),
        }
        assert float(shown) in means, f"{href}: {shown} is not the mean of {len(rows)} rows"
