"""supervision: supervision orders (督查令), rectifications, cadre records and village ratings

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

#: created in this order, dropped in the reverse
TABLES = (
    "supervision_orders",
    "supervision_order_warnings",
    "supervision_rectifications",
    "village_ratings",
    "cadre_evaluations",
)


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, core.db.UTCDateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def _owned(table: str, *columns, fks=(), extra=()) -> None:
    """A tenant-owned table: its columns, ``tenant_id``, primary key and foreign keys."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        *columns,
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        *extra,
        *(_fk(table, column, target, ondelete) for column, target, ondelete in fks),
        _fk(table, "tenant_id", "tenants", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    op.create_index(op.f(f"ix_{table}_tenant_id"), table, ["tenant_id"], unique=False)


def upgrade():
    _owned(
        "supervision_orders",
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("colour", sa.String(length=8), nullable=False),
        sa.Column("failing", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("responsible", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        _utc("issued_at"),
        _utc("updated_at"),
        _utc("accepted_at", nullable=True),
        _utc("overdue_at", nullable=True),
        fks=(("issued_by_id", "users", "SET NULL"), ("village_id", "villages", "CASCADE")),
        extra=(
            sa.CheckConstraint(
                "colour IN ('blue', 'yellow', 'red')", name=op.f("ck_supervision_orders_colour")
            ),
        ),
    )
    op.create_index(
        "ix_supervision_orders_tenant_id_status_deadline",
        "supervision_orders",
        ["tenant_id", "status", "deadline"],
        unique=False,
    )
    op.create_index(
        "ix_supervision_orders_tenant_id_village_id",
        "supervision_orders",
        ["tenant_id", "village_id"],
        unique=False,
    )
    _owned(
        "supervision_order_warnings",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("warning_id", sa.Integer(), nullable=False),
        fks=(
            ("order_id", "supervision_orders", "CASCADE"),
            ("warning_id", "warnings", "CASCADE"),
        ),
        extra=(
            sa.UniqueConstraint(
                "tenant_id",
                "order_id",
                "warning_id",
                name=op.f("uq_supervision_order_warnings_tenant_id_order_id_warning_id"),
            ),
        ),
    )
    _owned(
        "supervision_rectifications",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attachment_ids", sa.JSON(), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        _utc("submitted_at"),
        sa.Column("verdict", sa.String(length=16), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("judged_by_id", sa.Integer(), nullable=True),
        _utc("judged_at", nullable=True),
        fks=(
            ("judged_by_id", "users", "SET NULL"),
            ("order_id", "supervision_orders", "CASCADE"),
            ("submitted_by_id", "users", "SET NULL"),
        ),
    )
    op.create_index(
        "ix_supervision_rectifications_tenant_id_order_id",
        "supervision_rectifications",
        ["tenant_id", "order_id"],
        unique=False,
    )
    _owned(
        "village_ratings",
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("grade", sa.String(length=1), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        _utc("computed_at"),
        _utc("notified_at", nullable=True),
        fks=(("village_id", "villages", "CASCADE"),),
        extra=(
            sa.CheckConstraint(
                "grade IN ('A', 'B', 'C', 'D')", name=op.f("ck_village_ratings_grade")
            ),
            sa.UniqueConstraint(
                "tenant_id",
                "village_id",
                "period",
                name=op.f("uq_village_ratings_tenant_id_village_id_period"),
            ),
        ),
    )
    _owned(
        "cadre_evaluations",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=8), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        _utc("entered_at"),
        fks=(("entered_by_id", "users", "SET NULL"), ("user_id", "users", "CASCADE")),
        extra=(
            sa.UniqueConstraint(
                "tenant_id",
                "user_id",
                "year",
                name=op.f("uq_cadre_evaluations_tenant_id_user_id_year"),
            ),
        ),
    )
    for table in TABLES:
        rls.protect(op, table)


def downgrade():
    for table in reversed(TABLES):
        rls.unprotect(op, table)
        op.drop_table(table)  # its indexes go with it
