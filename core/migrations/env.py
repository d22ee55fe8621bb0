"""Alembic environment. Run through ``qingdan init-db`` (``core.schema.upgrade``).

On SQLite, batch migrations rebuild a table by copying it and dropping the original; were
foreign keys enforced, dropping a parent would delete its children's rows (ON DELETE CASCADE).
So enforcement is off while migrations run (SQLite allows switching it only before the
transaction's first write), and the result is checked before it is committed.
"""

from alembic import context

from core.schema import all_metadata

config = context.config
connection = config.attributes["connection"]
sqlite = connection.dialect.name == "sqlite"
if sqlite:
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    if connection.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("SQLite migrations need a connection that has not written yet")
context.configure(
    connection=connection,
    target_metadata=all_metadata(),
    compare_type=True,
    render_as_batch=sqlite,
)
with context.begin_transaction():
    context.run_migrations()
if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
    raise RuntimeError("the migrated SQLite database breaks its foreign keys")
