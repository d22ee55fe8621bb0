"""Alembic environment. Run through ``qingdan init-db`` (``core.schema.upgrade``)."""

from alembic import context

from core.schema import all_metadata

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=all_metadata(),
    compare_type=True,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
