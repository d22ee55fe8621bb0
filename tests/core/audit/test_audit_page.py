"""``/t/<slug>/admin/audit``: the tenant's events, newest first, for its admins only."""

import re

from core.audit import record

PAGE = "/t/town-a1/admin/audit"


def seqs_on(response) -> list[int]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [
        int(s) for s in re.findall(r'data-label="序号">(\d+)<', response.get_data(as_text=True))
    ]


def test_admins_see_their_events_newest_first(client, world, login, chain):
    login(world.users.a1_admin)
    response = client.get(PAGE)
    shown = seqs_on(response)
    assert shown == sorted(shown, reverse=True) and shown[0] == chain.events[-1].seq
    page = response.get_data(as_text=True)
    assert "授予角色" in page and "第5步" in page and "系统" in page


def test_the_county_admin_reads_a_townships_log(client, world, login, chain):
    login(world.users.county_admin)
    assert chain.events[0].seq in seqs_on(client.get(PAGE))


def test_events_can_be_filtered_by_action(client, world, login, chain):
    login(world.users.a1_admin)
    shown = seqs_on(client.get(PAGE, query_string={"action": "test.step"}))
    assert shown == [e.seq for e in reversed(chain.events)]
    assert seqs_on(client.get(PAGE, query_string={"action": "nothing.such"})) == []


def test_a_long_log_is_paginated(client, world, login, sess):
    for n in range(60):
        record(sess, tenant_id=world.a1.id, action="t", subject_type="t", subject_id=n, payload={})
    sess.commit()
    login(world.users.a1_admin)
    first = client.get(PAGE, query_string={"action": "t"})
    assert len(seqs_on(first)) == 50 and "下一页" in first.get_data(as_text=True)
    second = client.get(PAGE, query_string={"action": "t", "page": 2})
    assert len(seqs_on(second)) == 10 and "上一页" in second.get_data(as_text=True)
    assert set(seqs_on(first)).isdisjoint(seqs_on(second))


def test_only_admins_may_read_the_log(client, world, login):
    login(world.users.a1_secretary)
    assert client.get(PAGE).status_code == 403


def test_foreign_tenants_answer_404(client, world, login):
    login(world.users.a2_admin)
    assert client.get(PAGE).status_code == 404
    login(world.users.county_b_admin)
    assert client.get(PAGE).status_code == 404
    assert client.get("/t/county-a/admin/audit").status_code == 404
    assert client.get("/t/nowhere/admin/audit").status_code == 404


def test_strangers_are_sent_to_log_in(client, world):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
