"""Must-show 2: no seeded ID number, phone number or full name appears on any public page."""

import re

from core.testing import csrf_token
from tests.core.public.seed import PEOPLE

HREF = re.compile(r'(?:href|src)="(/p/[^"#?]+)')


def _walk(client, start: str) -> dict[str, str]:
    """Every public page reachable from ``start`` by its links, with its text."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        seen[url] = text
        queue += [
            link for link in HREF.findall(text) if link not in seen and not link.endswith(".png")
        ]
    return seen


def test_no_personal_data_appears_unmasked_on_any_public_page(client, village_world):
    first = village_world.start(title=f"{PEOPLE.applicant[0]}的帮扶申请")
    village_world.start(title=f"{PEOPLE.recipient[0]}（{PEOPLE.phone}）")
    token = csrf_token(client, village_world.url)
    text = f"{PEOPLE.applicant[0]} {PEOPLE.phone} {PEOPLE.applicant[1]} 占用集体土地。"
    report = client.post(
        f"{village_world.url}/complaints",
        data={"csrf_token": token, "text": text, "phone": PEOPLE.phone},
    )
    assert report.status_code == 303
    pages = _walk(client, village_world.url)
    pages |= _walk(client, f"/p/town-a1/cases/{first['code']}")
    pages |= _walk(client, report.location.removeprefix("http://localhost"))
    assert any("/cases/" in url for url in pages) and any("/notices/" in url for url in pages)
    assert any("/items/" in url for url in pages)
    assert any("/complaints/" in url for url in pages)
    secrets = [
        PEOPLE.applicant[0],
        PEOPLE.applicant[1],
        PEOPLE.recipient[0],
        PEOPLE.recipient[1],
        PEOPLE.child[0],
        PEOPLE.child[1],
        PEOPLE.officer_id,
        PEOPLE.phone,
        PEOPLE.other_phone,
    ]
    for url, text in pages.items():
        for secret in secrets:
            assert secret not in text, (url, secret)
