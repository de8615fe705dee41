"""The office's questions: cchc plans, tasks, coverage, schools, remove, user (issue 4)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc.cli import main
from cchc.queries import ROW_KEYS, TaskFilter, find_tasks
from schema.export import TASK_KEYS
from schema.store import Store

PLANS = ("thcs-2024.txt", "rendered/tieuhoc-2026.pdf")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> str:
    """Two plans (2024 and 2026) imported once for the module; tests that change it copy it."""
    path = str(tmp_path_factory.mktemp("queries") / "q.sqlite")
    result = CliRunner().invoke(
        main, ["import", *(str(samples_dir / p) for p in PLANS), "--db", path, "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    return path


def _tasks(db: str, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["tasks", "--db", db, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_rows_are_the_export_task_keys_plus_plan(db):
    rows = _tasks(db)
    assert len(rows) == 19 + 24
    assert all(list(r) == list(ROW_KEYS) for r in rows)
    assert list(ROW_KEYS) == ["file", "organization", "year", *TASK_KEYS]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chi so cai cach", "Chỉ số cải cách"),
        ("day manh", "Đẩy mạnh"),
        ("KHONG DUNG TIEN MAT", "không dùng tiền mặt"),
        ("Chỉ số", "Chỉ số"),
    ],
)
def test_search_ignores_case_and_tone_marks(db, query, expected):
    rows = _tasks(db, "--search", query)
    assert rows
    fields = ("task", "product", "lead", "note")
    assert all(expected.lower() in " ".join(r[f] or "" for f in fields).lower() for r in rows)


def test_search_is_served_by_the_fts_index(db):
    plan = (
        sqlite3.connect(db)
        .execute("EXPLAIN QUERY PLAN SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH '\"day manh\"'")
        .fetchall()
    )
    assert any("VIRTUAL TABLE INDEX" in row[-1] for row in plan)


def test_deadline_bounds_are_inclusive_and_drop_rows_without_one(db):
    all_rows = _tasks(db)
    day = "2024-12-31"
    before = _tasks(db, "--due-before", day)
    after = _tasks(db, "--due-after", day)
    assert any(r["deadline"] == day for r in before) and any(r["deadline"] == day for r in after)
    assert all(r["deadline"] and r["deadline"] <= day for r in before)
    assert all(r["deadline"] and r["deadline"] >= day for r in after)
    dated = [r for r in all_rows if r["deadline"]]
    on_day = [r for r in dated if r["deadline"] == day]
    assert len(before) + len(after) == len(dated) + len(on_day)


def test_filters_combine(db):
    rows = _tasks(db, "--school", "minh duc", "--year", "2024", "--area", "tthc")
    assert rows and all(r["organization"] == "Trường THCS Minh Đức" and r["area"] == "tthc" for r in rows)
    assert _tasks(db, "--school", "minh duc", "--year", "2026") == []
    code = rows[0]["catalogue_code"]
    by_code = _tasks(db, "--code", code.lower())
    assert by_code and all(r["catalogue_code"] == code for r in by_code)
    assert all(r["link_status"] == "auto" for r in _tasks(db, "--link-status", "auto"))


def test_bad_filters_are_usage_errors(db):
    runner = CliRunner()
    for args in (["--due-before", "30/6/2025"], ["--area", "education"], ["--format", "pdf"]):
        result = runner.invoke(main, ["tasks", "--db", db, *args])
        assert result.exit_code == 2, args
    assert runner.invoke(main, ["tasks", "--db", db, "--format", "xlsx"]).exit_code == 2  # needs --out


def test_csv_and_xlsx_exports(db, tmp_path):
    runner = CliRunner()
    csv = tmp_path / "t.csv"
    assert runner.invoke(main, ["tasks", "--db", db, "--format", "csv", "--out", str(csv)]).exit_code == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    xlsx = tmp_path / "t.xlsx"
    assert runner.invoke(main, ["tasks", "--db", db, "--format", "xlsx", "--out", str(xlsx)]).exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert [c.value for c in sheet[1]] == list(ROW_KEYS)
    assert sheet.freeze_panes == "B2"
    assert sheet[1][0].font.bold
    texts = [c.value for c in sheet["H"][1:]]  # the task column
    assert "Chỉ số cải cách hành chính" in " ".join(t for t in texts if t)
    assert 20 <= sheet.column_dimensions["H"].width <= 60


def test_plans_lists_every_import(db):
    result = CliRunner().invoke(main, ["plans", "--db", db, "--format", "json"])
    plans = json.loads(result.stdout)
    assert [(p["file"], p["year"], p["rows"], p["status"]) for p in plans] == [
        ("thcs-2024.txt", 2024, 19, "ok"),
        ("tieuhoc-2026.pdf", 2026, 24, "ok"),
    ]
    table = CliRunner().invoke(main, ["plans", "--db", db]).stdout
    assert table.splitlines()[0].split()[:3] == ["file", "organization", "year"]


def test_coverage_with_a_roster(db, tmp_path):
    copy = tmp_path / "c.sqlite"
    copy.write_bytes(Path(db).read_bytes())
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,code,type\nTrường THCS Minh Đức,79001,THCS\nTrường Tiểu học Hòa Bình,79002,TH\n"
        "Trường Mầm non Sen Hồng,79003,MN\n",
        encoding="utf-8-sig",
    )
    runner = CliRunner()
    assert runner.invoke(main, ["schools", "load", str(roster), "--db", str(copy)]).exit_code == 0
    result = runner.invoke(main, ["coverage", "--db", str(copy), "--format", "json"])
    data = json.loads(result.stdout)
    assert [s["code"] for s in data["without_plan"]] == ["79003"]
    school = "Trường THCS Minh Đức"
    linked = {r["catalogue_code"] for r in _tasks(str(copy), "--school", "minh duc") if r["catalogue_code"]}
    assert {c for c, n in data["matrix"][school].items() if n} == linked
    assert set(data["lacking"][school]) == set(data["codes"]) - linked
    only_2026 = json.loads(
        runner.invoke(main, ["coverage", "--db", str(copy), "--year", "2026", "--format", "json"]).stdout
    )
    assert list(only_2026["matrix"]) == ["TRƯỜNG TIỂU HỌC HÒA BÌNH"]
    assert sorted(s["code"] for s in only_2026["without_plan"]) == ["79001", "79003"]


def test_bad_roster_is_one_line(db, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("ten,ma\nA,1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["schools", "load", str(roster), "--db", db])
    assert result.exit_code == 1 and "missing column name, code" in result.stderr


def test_remove_keeps_the_file_unless_purged_and_updates_search(db, tmp_path, samples_dir):
    copy = tmp_path / "r.sqlite"
    copy.write_bytes(Path(db).read_bytes())
    files = tmp_path / "r.files"
    runner = CliRunner()
    # The copy's file store is empty: import again so the stored file exists.
    runner.invoke(main, ["import", str(samples_dir / PLANS[0]), "--db", str(copy), "--force", "--workers", "1"])
    stored = list(files.iterdir())
    assert len(stored) == 1
    assert _tasks(str(copy), "--search", "hoc phi truc tuyen")
    result = runner.invoke(main, ["remove", "thcs-2024.txt", "--db", str(copy)])
    assert result.exit_code == 0 and "19 task rows" in result.stderr
    assert stored[0].exists()
    assert _tasks(str(copy), "--search", "hoc phi truc tuyen") == []  # the index forgot its rows
    assert len(_tasks(str(copy))) == 24
    assert runner.invoke(main, ["remove", "thcs-2024.txt", "--db", str(copy)]).exit_code == 2
    sha = json.loads(runner.invoke(main, ["plans", "--db", str(copy), "--format", "json"]).stdout)[0]["sha256"]
    assert runner.invoke(main, ["remove", sha[:10], "--db", str(copy), "--purge"]).exit_code == 0
    assert _tasks(str(copy)) == []


def test_user_passwords_are_stored_hashed(db, tmp_path):
    copy = tmp_path / "u.sqlite"
    copy.write_bytes(Path(db).read_bytes())
    result = CliRunner().invoke(
        main, ["user", "add", "lan", "--db", str(copy), "--password-stdin"], input="mật khẩu dài\n"
    )
    assert result.exit_code == 0, result.output
    (stored,) = sqlite3.connect(copy).execute("select password_hash from users where name='lan'").fetchone()
    assert "mật khẩu" not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
    short = CliRunner().invoke(main, ["user", "add", "an", "--db", str(copy), "--password-stdin"], input="123\n")
    assert short.exit_code == 2


def test_serving_beyond_this_machine_needs_a_user(db, tmp_path):
    copy = tmp_path / "s.sqlite"
    copy.write_bytes(Path(db).read_bytes())
    result = CliRunner().invoke(main, ["serve", "--db", str(copy), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "cchc user add" in result.stderr


def test_query_module_pages_and_sorts(db):
    store = Store.open(db)
    try:
        first = find_tasks(store, TaskFilter(), sort="deadline", limit=10)
        second = find_tasks(store, TaskFilter(), sort="deadline", limit=10, offset=10)
        assert first.total == second.total == 43
        assert {r["id"] for r in first.rows}.isdisjoint(r["id"] for r in second.rows)
        dated = [r["deadline"] for r in first.rows + second.rows]
        assert None not in dated and dated == sorted(dated)  # rows without a deadline come last
        last = find_tasks(store, TaskFilter(), sort="deadline", descending=True, offset=40).rows
        assert last[-1]["deadline"] is None
        with pytest.raises(ValueError, match="cannot sort"):
            find_tasks(store, TaskFilter(), sort="task; drop table tasks")
    finally:
        store.close()


def test_an_old_database_is_searchable_after_its_upgrade(data_dir, tmp_path):
    old = tmp_path / "old.sqlite"
    old.write_bytes((data_dir / "db-0001.sqlite").read_bytes())
    rows = _tasks(str(old), "--search", "chi so cchc")
    assert rows and all("chỉ số cchc" in r["task"].lower() for r in rows)
    assert all(r["area"] for r in rows)  # linked on first use too
