"""Two processes syncing the plugins' default items of one county at once (PostgreSQL).

The first requests after a start or a database restart all sync. The second sync must wait
for the first and find its items, not collide with them: a collision seen by the friendly
"key already used" check was a 422 for a request that did nothing wrong.
"""

import logging
import threading

import pytest
from sqlalchemy import func, select

from core import db
from core.app import create_app
from core.catalog import operations as ops
from core.catalog.models import Item
from tenants.models import Tenant


@pytest.mark.postgres
def test_a_second_sync_waits_for_the_first_and_finds_its_items(qingdan_config, app, world, caplog):
    caplog.set_level(logging.INFO, logger="core.catalog.operations")
    processes = [create_app(qingdan_config) for _ in range(2)]  # each with its own memory
    first, second = (p.extensions["qingdan.sessionmaker"]() for p in processes)
    errors, finished = [], threading.Event()

    def sync_second():
        try:
            with db.system_scope(second):
                host = processes[1].extensions["qingdan.plugins"]
                ops.sync_plugin_items(second, host, second.get(Tenant, world.a.id))
                second.commit()
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finished.set()

    with db.system_scope(first):
        host = processes[0].extensions["qingdan.plugins"]
        ops.sync_plugin_items(first, host, first.get(Tenant, world.a.id))
        thread = threading.Thread(target=sync_second)
        thread.start()
        assert not finished.wait(1), "the second sync did not wait for the first"
        first.commit()
    thread.join(timeout=30)
    for sess in (first, second):
        sess.close()
    assert errors == []
    assert "synced by another process" not in caplog.text
    with app.app_context(), db.system_scope() as sess:
        shipped = {clean["key"] for _plugin, clean in ops.shipped_items(host)}
        count = select(func.count(Item.id)).where(
            Item.tenant_id == world.a.id, Item.origin == "plugin"
        )
        assert shipped and sess.scalar(count) == len(shipped)
