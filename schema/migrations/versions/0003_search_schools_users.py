"""Folded search text with an FTS5 index (SQLite), the school roster, web users.

Existing tasks get their search text computed here. The FTS5 table is kept by
triggers on ``tasks``: a later migration that has SQLite rebuild that table
(batch mode) must create the triggers again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from schema.search import search_text

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FTS_TRIGGERS = (
    """CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
         INSERT INTO tasks_fts(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
    """CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
         INSERT INTO tasks_fts(tasks_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
       END""",
    """CREATE TRIGGER tasks_fts_update AFTER UPDATE OF search_text ON tasks BEGIN
         INSERT INTO tasks_fts(tasks_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
         INSERT INTO tasks_fts(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
)


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=True))
    bind = op.get_bind()
    tasks = sa.table(
        "tasks",
        sa.column("id", sa.Integer),
        sa.column("task", sa.Text),
        sa.column("product", sa.Text),
        sa.column("lead", sa.Text),
        sa.column("note", sa.Text),
        sa.column("search_text", sa.Text),
    )
    rows = bind.execute(sa.select(tasks.c.id, tasks.c.task, tasks.c.product, tasks.c.lead, tasks.c.note)).all()
    for row in rows:
        bind.execute(
            tasks.update()
            .where(tasks.c.id == row.id)
            .values(search_text=search_text(row.task, row.product, row.lead, row.note))
        )
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE tasks_fts USING fts5(search_text, content='tasks', content_rowid='id')")
        for trigger in FTS_TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO tasks_fts(tasks_fts) VALUES ('rebuild')")
    else:
        op.create_index("ix_tasks_search_text", "tasks", ["search_text"])

    op.create_table(
        "schools",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=True),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_schools_code", "schools", ["code"], unique=True)
    op.create_index("ix_schools_name_key", "schools", ["name_key"])
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_users_name", "users", ["name"], unique=True)
    # Most queries filter plans by year and tasks by plan; sort by deadline.
    op.create_index("ix_tasks_plan_deadline", "tasks", ["plan_id", "deadline"])


def downgrade() -> None:
    op.drop_index("ix_tasks_plan_deadline", table_name="tasks")
    op.drop_table("users")
    op.drop_table("schools")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("tasks_fts_insert", "tasks_fts_delete", "tasks_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS tasks_fts")
    else:
        op.drop_index("ix_tasks_search_text", table_name="tasks")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_column("search_text")
