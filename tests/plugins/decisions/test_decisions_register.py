"""The register of resolutions: written by resolving meetings, browsed by staff, exported to
Excel and imported back with a per-row error report."""

from sqlalchemy import select

from plugins.decisions import register
from plugins.decisions.models import Resolution

MATTER = {
    "matter": "村集体仓库出租",
    "category": "集体资产购置或处置",
    "amount": "80000.00",
    "reason": "仓库闲置",
    "draft_resolution": "同意以每年8万元公开出租村集体仓库",
    "opinions": "党员、村民代表均同意",
}


def resolutions(sess):
    sess.expire_all()
    return sess.scalars(select(Resolution).order_by(Resolution.id)).all()


def test_a_four_deliberations_case_records_its_resolution(sess, town, start, run_case):
    case = start("decisions.major_matter", town.people.committee, MATTER)
    run_case(case["id"], town.tenant.slug)
    [row] = resolutions(sess)
    assert (row.village_id, row.case_id, row.case_code) == (
        town.village.id,
        case["id"],
        case["code"],
    )
    assert row.matter == "村集体仓库出租"
    assert row.meeting == "村民会议或村民代表会议决议"
    assert (row.expected, row.present, row.votes_for, row.votes_against) == (30, 30, 30, 0)
    assert row.resolution == "同意以每年8万元公开出租村集体仓库"


def test_the_villagers_meeting_of_village_rules_is_a_resolution(sess, town, start, run_case):
    case = start("decisions.village_rules", town.people.committee)
    run_case(case["id"], town.tenant.slug)
    [row] = resolutions(sess)
    assert row.meeting == "村民会议表决"


def test_the_ledger_page_lists_the_resolutions(sess, town, start, run_case, login, client):
    case = start("decisions.major_matter", town.people.committee, MATTER)
    run_case(case["id"], town.tenant.slug)
    login(town.people.supervisor)
    page = client.get(f"/t/{town.tenant.slug}/decisions/resolutions")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "村集体仓库出租" in text and case["code"] in text


def page(town):
    return f"/t/{town.tenant.slug}/decisions/resolutions"


ROW = {
    "village_code": "990101001001",
    "village_name": "甲一村",
    "case_code": "",
    "matter": "修订村规民约",
    "meeting": "村民会议",
    "meeting_date": "2026-03-01",
    "expected": 500,
    "present": 320,
    "votes_for": 300,
    "votes_against": 10,
    "votes_abstain": 10,
    "resolution": "通过修订后的村规民约",
}


def test_import_keeps_good_rows_and_reports_bad_ones(ledger, sess, client, login, town):
    bad = [
        ROW | {"village_code": "990201001001"},  # a village of another county
        ROW | {"present": 600},
        ROW | {"meeting_date": "2026-02-30"},
    ]
    response = ledger.upload(
        page(town), ledger.sheet(register.COLUMNS, [ROW, *bad, ROW | {"matter": "道路硬化"}])
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "已导入 <strong>2</strong> 行" in text
    assert "本乡镇没有代码为 990201001001 的村" in text
    assert "实到人数：不能多于应到人数" in text
    assert "没有这一天" in text
    assert [r.matter for r in resolutions(sess)] == ["修订村规民约", "道路硬化"]


def test_export_then_import_gives_the_same_register(ledger, sess, client, login, town):
    ledger.upload(
        page(town),
        ledger.sheet(register.COLUMNS, [ROW, ROW | {"matter": "道路硬化", "case_code": "A1-9"}]),
    )
    exported = client.get(f"/t/{town.tenant.slug}/decisions/resolutions.xlsx")
    assert exported.status_code == 200
    before = sorted((register.as_row(r) for r in resolutions(sess)), key=lambda r: r["matter"])
    for row in resolutions(sess):
        sess.delete(row)
    sess.commit()
    ledger.upload(page(town), exported.data)
    after = sorted((register.as_row(r) for r in resolutions(sess)), key=lambda r: r["matter"])
    assert after == before


def test_village_staff_cannot_import(ledger, town):
    data = ledger.sheet(register.COLUMNS, [ROW])
    assert ledger.upload(page(town), data, user=town.people.director).status_code == 403


def test_the_pages_are_gone_where_the_plugin_is_off(app, sess, client, login, town):
    from tenants.operations import set_enabled_plugins

    host = app.extensions["qingdan.plugins"]
    set_enabled_plugins(
        sess, host, town.tenant, [k for k in host.loaded_keys() if k != "decisions"]
    )
    sess.commit()
    login(town.admin)
    assert client.get(f"/t/{town.tenant.slug}/decisions/resolutions").status_code == 404
    other = town.world.a2.slug
    login(town.world.users.a2_admin)
    assert client.get(f"/t/{other}/decisions/resolutions").status_code == 200


def test_another_township_never_sees_the_register(sess, town, start, run_case, login, client):
    case = start("decisions.major_matter", town.people.committee, MATTER)
    run_case(case["id"], town.tenant.slug)
    login(town.world.users.a2_admin)
    page = client.get(f"/t/{town.world.a2.slug}/decisions/resolutions").get_data(as_text=True)
    assert "村集体仓库出租" not in page
    assert client.get(f"/t/{town.tenant.slug}/decisions/resolutions").status_code == 404
    login(town.world.users.county_admin)
    county = client.get(f"/t/{town.county.slug}/decisions/resolutions").get_data(as_text=True)
    assert "村集体仓库出租" in county


def test_the_villager_panel_shows_the_latest_resolutions(app, town, start, run_case):
    from core.plugins import tenant_hook

    case = start("decisions.major_matter", town.people.committee, MATTER)
    run_case(case["id"], town.tenant.slug)
    with app.test_request_context():
        batches = tenant_hook(town.tenant, "qingdan_public_panels")(
            tenant=town.tenant, village=town.village
        )
    [panel] = [p for batch in batches for p in batch if p["key"] == "decisions"]
    assert "村集体仓库出租" in panel["html"] and "同意 30" in panel["html"]
