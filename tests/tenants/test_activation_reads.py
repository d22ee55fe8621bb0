"""Which plugins are on is read once per transaction, and never stale within it."""

from sqlalchemy import event, select

from core import db
from tenants.models import PluginActivation
from tenants.operations import enabled_plugin_keys, set_enabled_plugins


def _reads(app, sess, tenant, times: int) -> tuple[int, frozenset[str]]:
    host = app.extensions["qingdan.plugins"]
    count = 0

    def counted(_conn, _cursor, statement, *_args):
        nonlocal count
        count += "plugin_activations" in statement

    engine = sess.get_bind()
    event.listen(engine, "before_cursor_execute", counted)
    try:
        found = [enabled_plugin_keys(sess, host, tenant) for _ in range(times)]
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    assert len(set(found)) == 1
    return count, found[0]


def test_asking_again_in_a_transaction_reads_nothing(app, sess, world):
    first, enabled = _reads(app, sess, world.a1, 1)
    assert first == 1
    assert _reads(app, sess, world.a1, 5) == (0, enabled)
    sess.commit()
    assert _reads(app, sess, world.a1, 2) == (1, enabled)


def test_a_change_in_the_same_session_is_seen_flushed_or_not(app, sess, world):
    host = app.extensions["qingdan.plugins"]
    with app.app_context(), db.system_scope(sess):
        set_enabled_plugins(sess, host, world.a1, ["finance"])
        assert enabled_plugin_keys(sess, host, world.a1) == {"finance"}
        row = sess.scalar(
            select(PluginActivation).where(
                PluginActivation.tenant_id == world.a1.id, PluginActivation.plugin_key == "relief"
            )
        )
        row.enabled = True  # not flushed
        assert enabled_plugin_keys(sess, host, world.a1) == {"finance", "relief"}
