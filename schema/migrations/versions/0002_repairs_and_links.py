"""Text repairs, catalogue links, manual links.

Existing tasks get empty repairs and no link; cchc links them the first time it opens the database.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 15:56:42.981907
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("catalogue_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_versions_active"), ["active"], unique=False)

    op.create_table(
        "manual_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("linked_by", sa.String(length=128), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("manual_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manual_links_task_id"), ["task_id"], unique=True)

    op.create_table(
        "catalogue_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("year_from", sa.Integer(), nullable=True),
        sa.Column("year_to", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["version_id"], ["catalogue_versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id", "code"),
    )
    with op.batch_alter_table("catalogue_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_entries_version_id"), ["version_id"], unique=False)

    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("repairs", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))

    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("repairs", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column("lead_units", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column("area", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("catalogue_code", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("catalogue_score", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("link_status", sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f("ix_tasks_area"), ["area"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_catalogue_code"), ["catalogue_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_link_status"), ["link_status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasks_link_status"))
        batch_op.drop_index(batch_op.f("ix_tasks_catalogue_code"))
        batch_op.drop_index(batch_op.f("ix_tasks_area"))
        batch_op.drop_column("link_status")
        batch_op.drop_column("catalogue_score")
        batch_op.drop_column("catalogue_code")
        batch_op.drop_column("area")
        batch_op.drop_column("lead_units")
        batch_op.drop_column("repairs")

    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("repairs")

    with op.batch_alter_table("catalogue_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_entries_version_id"))

    op.drop_table("catalogue_entries")
    with op.batch_alter_table("manual_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manual_links_task_id"))

    op.drop_table("manual_links")
    with op.batch_alter_table("catalogue_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_versions_active"))

    op.drop_table("catalogue_versions")
