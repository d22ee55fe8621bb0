"""QR codes: SVG and PNG per village, item, case and notice, encoding stable public URLs."""

import pytest

from core.public import views


@pytest.fixture
def encoded(monkeypatch):
    """What each QR code was asked to encode."""
    seen = []
    real_svg, real_png = views.qr.qr_svg, views.qr.qr_png
    monkeypatch.setattr(
        views.qr, "qr_svg", lambda data, **kw: seen.append(data) or real_svg(data, **kw)
    )
    monkeypatch.setattr(
        views.qr, "qr_png", lambda data, **kw: seen.append(data) or real_png(data, **kw)
    )
    return seen


def test_the_village_code_encodes_the_village_page(client, village_world, encoded):
    svg = client.get(f"{village_world.url}/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert encoded == [f"http://localhost{village_world.url}"]


def test_codes_come_as_png_too(client, village_world):
    png = client.get(f"{village_world.url}/qr.png")
    assert png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")


def test_case_notice_and_item_codes_use_codes_and_keys(client, village_world, encoded):
    case = village_world.start()
    for path in (
        f"/p/town-a1/cases/{case['code']}",
        "/p/town-a1/notices/1",
        f"{village_world.url}/items/local.help",
    ):
        assert client.get(f"{path}/qr.svg").status_code == 200
        assert client.get(path).status_code == 200
    assert encoded == [
        f"http://localhost/p/town-a1/cases/{case['code']}",
        "http://localhost/p/town-a1/notices/1",
        f"http://localhost{village_world.url}/items/local.help",
    ]


def test_a_code_for_a_missing_page_is_not_made(client, village_world):
    assert client.get("/p/town-a1/cases/NOPE/qr.svg").status_code == 404
    assert client.get("/p/town-a2/notices/1/qr.png").status_code == 404
