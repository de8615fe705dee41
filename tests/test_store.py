from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cchc.pipeline import Importer
from schema import store as store_module
from schema.errors import SchemaError
from schema.store import MIGRATIONS, Store


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def test_database_of_the_first_schema_upgrades_and_keeps_its_plans(data_dir: Path, tmp_path: Path):
    """tests/data/db-0001.sqlite was written by the first release (schema 0001)."""
    old = tmp_path / "old.sqlite"
    shutil.copy(data_dir / "db-0001.sqlite", old)
    assert sqlite3.connect(old).execute("select version_num from alembic_version").fetchone() == ("0001",)
    store = Store.open(str(old))
    try:
        (plan,) = store.plans()
    finally:
        store.close()
    assert sqlite3.connect(old).execute("select version_num from alembic_version").fetchone() == (_head(),)
    assert plan.header.organization == "Trường THCS Minh Đức"
    assert len(plan.tasks) == 19 and plan.tasks[0].number == "1"


def test_database_from_a_newer_cchc_is_refused(tmp_path: Path):
    db = tmp_path / "new.sqlite"
    Store.open(str(db)).close()
    con = sqlite3.connect(db)
    con.execute("update alembic_version set version_num = '9999'")
    con.commit()
    with pytest.raises(SchemaError, match="newer cchc"):
        Store.open(str(db))


def test_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(SchemaError, match="does not exist"):
        Store.open(str(tmp_path / "no" / "such" / "db.sqlite"))


def test_a_failure_while_saving_leaves_no_partial_rows(fresh_store: Store, samples_dir: Path, monkeypatch):
    real = store_module._plan_row

    def half_then_fail(plan):
        real(plan)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_module, "_plan_row", half_then_fail)
    (result,) = Importer(fresh_store, workers=1).run([samples_dir / "thcs-2024.txt"])
    assert result.status == "failed" and "disk full" in result.message
    con = sqlite3.connect(fresh_store.location.url.removeprefix("sqlite:///"))
    assert con.execute("select status from documents").fetchall() == [("failed",)]
    assert con.execute("select count(*) from tasks").fetchone() == (0,)
    assert con.execute("select count(*) from plans").fetchone() == (0,)
