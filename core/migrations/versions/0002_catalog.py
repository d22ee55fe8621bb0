"""catalog: items, versions, responsibility and negative lists, item switches, tenant settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TENANT_TABLES = ("items", "item_versions", "responsibilities", "prohibitions", "item_switches")


def upgrade():
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("plugin", sa.String(length=64), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_items_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
        sa.UniqueConstraint("tenant_id", "key", name=op.f("uq_items_tenant_id_key")),
    )
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_items_domain"), ["domain"], unique=False)
        batch_op.create_index(batch_op.f("ix_items_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "prohibitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("rule", sa.String(length=100), nullable=True),
        sa.Column("plugin", sa.String(length=64), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_prohibitions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prohibitions")),
    )
    with op.batch_alter_table("prohibitions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_prohibitions_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "responsibilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role_key", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("plugin", sa.String(length=64), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["role_key"], ["roles.key"], name=op.f("fk_responsibilities_role_key_roles")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_responsibilities_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsibilities")),
    )
    with op.batch_alter_table("responsibilities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_responsibilities_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "item_switches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_item_switches_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_item_switches_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_switches")),
        sa.UniqueConstraint(
            "tenant_id", "item_id", name=op.f("uq_item_switches_tenant_id_item_id")
        ),
    )
    with op.batch_alter_table("item_switches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_switches_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "item_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("format", sa.Integer(), nullable=False),
        sa.Column("definition_json", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("published_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_item_versions_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_item_versions_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_item_versions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_versions")),
        sa.UniqueConstraint(
            "tenant_id", "item_id", "number", name=op.f("uq_item_versions_tenant_id_item_id_number")
        ),
    )
    with op.batch_alter_table("item_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_versions_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_item_versions_tenant_id"), ["tenant_id"], unique=False)

    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settings", sa.JSON(), nullable=False, server_default="{}"))

    for table in TENANT_TABLES:
        rls.protect(op, table)


def downgrade():
    for table in TENANT_TABLES:
        rls.unprotect(op, table)
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_column("settings")

    with op.batch_alter_table("item_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_versions_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_item_versions_item_id"))

    op.drop_table("item_versions")
    with op.batch_alter_table("item_switches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_switches_tenant_id"))

    op.drop_table("item_switches")
    with op.batch_alter_table("responsibilities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_responsibilities_tenant_id"))

    op.drop_table("responsibilities")
    with op.batch_alter_table("prohibitions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prohibitions_tenant_id"))

    op.drop_table("prohibitions")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_items_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_items_domain"))

    op.drop_table("items")
