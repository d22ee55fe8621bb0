"""personnel: appointments and the cadres' relatives register

Revision ID: personnel_0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls, tenant_keys
from core.tenant_keys import Reference

revision = "personnel_0001"
down_revision = None
branch_labels = ("personnel",)
depends_on = "0005"

TABLES = ("personnel_appointments", "personnel_cadre_relatives")


def upgrade():
    op.create_table(
        "personnel_appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("person_name", sa.String(length=50), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("post", sa.String(length=20), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        tenant_keys.reference(
            op, Reference("personnel_appointments", "case_id", "cases", "SET NULL")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_personnel_appointments_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        tenant_keys.reference(op, Reference("personnel_appointments", "village_id", "villages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personnel_appointments")),
    )
    with op.batch_alter_table("personnel_appointments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_personnel_appointments_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_personnel_appointments_tenant_id_village_id",
            ["tenant_id", "village_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_personnel_appointments_tenant_id_id_number",
            ["tenant_id", "id_number"],
            unique=False,
        )

    op.create_table(
        "personnel_cadre_relatives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("cadre_name", sa.String(length=50), nullable=False),
        sa.Column("cadre_role", sa.String(length=40), nullable=False),
        sa.Column("relative_name", sa.String(length=50), nullable=False),
        sa.Column("relative_id_number", sa.String(length=18), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_personnel_cadre_relatives_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        tenant_keys.reference(op, Reference("personnel_cadre_relatives", "village_id", "villages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personnel_cadre_relatives")),
        sa.UniqueConstraint(
            "tenant_id",
            "village_id",
            "cadre_name",
            "relative_id_number",
            name="uq_personnel_cadre_relatives_tenant_id_village_cadre_relative",
        ),
    )
    with op.batch_alter_table("personnel_cadre_relatives", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_personnel_cadre_relatives_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_personnel_cadre_relatives_tenant_id_relative_id_number",
            ["tenant_id", "relative_id_number"],
            unique=False,
        )

    for table in TABLES:
        rls.protect(op, table)


def downgrade():
    for table in TABLES:
        rls.unprotect(op, table)
    op.drop_table("personnel_cadre_relatives")
    op.drop_table("personnel_appointments")
