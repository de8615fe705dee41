from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc.cli import main
from schema.export import PLAN_KEYS, TASK_KEYS

DIGITAL = "rendered/tieuhoc-2026.pdf"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _import(runner: CliRunner, db: str, *paths, env=None, args=()):
    return runner.invoke(main, ["import", *map(str, paths), "--db", db, "--workers", "1", *args], env=env)


def test_import_and_export_contract(runner, samples_dir, out_db):
    result = _import(runner, out_db, samples_dir / "thcs-2024.txt", samples_dir / DIGITAL)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["file", "status", "pages", "method", "rows", "seconds"]
    assert lines[1].split()[1:4] == ["ok", "plain", "19"]  # a text file has no page count
    assert "tieuhoc-2026.pdf" in lines[2] and lines[2].split()[1:5] == ["ok", "3", "text", "24"]

    exported = runner.invoke(main, ["export", "--db", out_db, "--format", "json"])
    assert exported.exit_code == 0
    data = json.loads(exported.stdout)
    assert list(data) == ["plans"]
    first, second = data["plans"]
    assert list(first) == list(PLAN_KEYS) and list(first["tasks"][0]) == list(TASK_KEYS)
    assert (first["file"], first["method"], first["pages"]) == ("thcs-2024.txt", "plain", None)
    assert (second["file"], second["method"], second["pages"]) == ("tieuhoc-2026.pdf", "text", 3)
    assert [t["id"] for t in first["tasks"][:2]] == [f"{first['sha256'][:12]}-1", f"{first['sha256'][:12]}-2"]
    assert second["tasks"][0]["confidence"] == 1.0 and second["tasks"][0]["page"] == 1
    assert len(second["tasks"][0]["bbox"]) == 4
    assert second["parent"] == "ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH"


def test_csv_has_bom_and_one_row_per_task(runner, samples_dir, out_db, tmp_path):
    _import(runner, out_db, samples_dir / DIGITAL)
    out = tmp_path / "tasks.csv"
    result = runner.invoke(main, ["export", "--db", out_db, "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import pandas as pd

    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert len(frame) == 24
    assert list(frame.columns[:3]) == ["file", "organization", "year"]
    assert frame.loc[0, "organization"] == "TRƯỜNG TIỂU HỌC HÒA BÌNH"
    assert json.loads(frame.loc[0, "extra"]) == {"Đơn vị phối hợp": "Tổ Văn phòng"}


def test_reimport_is_a_duplicate_and_force_reprocesses(runner, samples_dir, out_db):
    assert _import(runner, out_db, samples_dir / DIGITAL).exit_code == 0
    again = _import(runner, out_db, samples_dir / DIGITAL)
    assert again.exit_code == 0 and " duplicate " in again.stdout
    forced = _import(runner, out_db, samples_dir / DIGITAL, args=["--force"])
    assert forced.exit_code == 0 and " ok " in forced.stdout
    data = json.loads(runner.invoke(main, ["export", "--db", out_db, "--format", "json"]).stdout)
    assert len(data["plans"]) == 1 and len(data["plans"][0]["tasks"]) == 24


def test_file_store_keeps_each_file_by_content(runner, samples_dir, out_db):
    _import(runner, out_db, samples_dir / DIGITAL)
    data = json.loads(runner.invoke(main, ["export", "--db", out_db, "--format", "json"]).stdout)
    stored = Path(out_db).with_suffix(".files") / f"{data['plans'][0]['sha256']}.pdf"
    assert stored.read_bytes() == (samples_dir / DIGITAL).read_bytes()


def _bad_inputs(folder: Path, samples_dir: Path, data_dir: Path) -> dict[str, str]:
    (folder / "empty.pdf").write_bytes(b"")
    digital = (samples_dir / DIGITAL).read_bytes()
    (folder / "truncated.pdf").write_bytes(digital[: len(digital) // 2])
    shutil.copy(data_dir / "encrypted.pdf", folder / "encrypted.pdf")
    (folder / "word.pdf").write_bytes(b"PK\x03\x04 a docx in disguise")
    shutil.copy(data_dir / "letter.pdf", folder / "letter.pdf")
    from tests.test_files import _png_header_only

    (folder / "bomb.png").write_bytes(_png_header_only(40_000, 40_000))
    (folder / "plan.docx").write_bytes(b"PK\x03\x04")
    return {
        "empty.pdf": "empty file",
        "truncated.pdf": "truncated PDF",
        "encrypted.pdf": "encrypted PDF",
        "word.pdf": "not a PDF",
        "letter.pdf": "is this a CCHC plan?",
        "bomb.png": "too large to decode",
        "plan.docx": "not supported yet",
    }


def test_bad_inputs_never_stop_a_batch(runner, samples_dir, data_dir, out_db, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    expected = _bad_inputs(folder, samples_dir, data_dir)
    shutil.copy(samples_dir / DIGITAL, folder / "good.pdf")
    result = _import(runner, out_db, folder)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(expected)
    for name, message in expected.items():
        (line,) = [e for e in errors if f"{name}:" in e]
        assert message in line, line
    assert any("good.pdf" in line and " ok " in line for line in result.stdout.splitlines())
    data = json.loads(runner.invoke(main, ["export", "--db", out_db, "--format", "json"]).stdout)
    assert [p["file"] for p in data["plans"]] == ["good.pdf"]


def test_failed_document_leaves_only_its_status_row(runner, data_dir, out_db):
    import sqlite3

    _import(runner, out_db, data_dir / "letter.pdf")
    con = sqlite3.connect(out_db)
    assert con.execute("select name, status from documents").fetchall() == [("letter.pdf", "failed")]
    assert con.execute("select error from documents").fetchone()[0].startswith("no task table found")
    for table in ("plans", "tasks", "sections", "targets", "pages"):
        assert con.execute(f"select count(*) from {table}").fetchone() == (0,)


def test_missing_tesseract_exits_3_and_digital_files_still_land(runner, samples_dir, out_db):
    env = {"CCHC_TESSERACT": "/nonexistent/tesseract"}
    result = _import(runner, out_db, samples_dir / "rendered/thcs-2024-page.png", samples_dir / DIGITAL, env=env)
    assert result.exit_code == 3
    assert "apt-get install tesseract-ocr" in result.stderr
    assert any("tieuhoc-2026.pdf" in line and " ok " in line for line in result.stdout.splitlines())


def test_usage_errors_exit_2(runner, out_db, tmp_path):
    assert runner.invoke(main, ["import", str(tmp_path / "nope.pdf"), "--db", out_db]).exit_code == 2
    assert runner.invoke(main, ["import", str(tmp_path), "--db", out_db, "--workers", "0"]).exit_code == 2
    assert runner.invoke(main, ["export", "--db", out_db, "--format", "xml"]).exit_code == 2
    assert runner.invoke(main, ["import", str(tmp_path), "--db", out_db]).exit_code == 2  # nothing to import


def test_bad_database_url_is_one_line(runner, samples_dir):
    result = runner.invoke(main, ["export", "--db", "nosuchdb://x", "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr.startswith("cchc: error: cannot use database URL")


def test_db_from_environment(runner, samples_dir, tmp_path):
    db = tmp_path / "env.sqlite"
    result = runner.invoke(
        main, ["import", str(samples_dir / "thcs-2024.txt"), "--workers", "1"], env={"CCHC_DB": str(db)}
    )
    assert result.exit_code == 0 and db.exists()


def test_console_script_parallel_run(samples_dir, tmp_path):
    """The installed command, with two workers, keeps stdout for data and stderr for messages."""
    cchc = Path(sys.executable).with_name("cchc")
    db = tmp_path / "p.sqlite"
    env = {**os.environ, "CCHC_DB": str(db)}
    files = [samples_dir / "thcs-2024.txt", samples_dir / "mamnon-2025.txt", samples_dir / DIGITAL]
    run = subprocess.run([cchc, "import", *map(str, files), "--workers", "2"], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert [line.split()[1] for line in run.stdout.splitlines()[1:]] == ["ok", "partial", "ok"]
    assert "partial: " in run.stderr and "interleaved" in run.stderr
    export = subprocess.run([cchc, "export", "--format", "json"], capture_output=True, text=True, env=env)
    assert [p["file"] for p in json.loads(export.stdout)["plans"]] == [
        "thcs-2024.txt",
        "mamnon-2025.txt",
        "tieuhoc-2026.pdf",
    ]


def test_repair_is_a_line_filter(runner):
    text = "Chi số CCHC (PAR Index)\n\nKê hoạch số 12/KH-THCS\ngiảm chi phí\n"
    result = runner.invoke(main, ["repair", "--audit"], input=text)
    assert result.exit_code == 0
    assert result.stdout == "Chỉ số CCHC (PAR Index)\n\nKế hoạch số 12/KH-THCS\ngiảm chi phí\n"
    audit = [line.split("\t") for line in result.stderr.splitlines()]
    assert [(a[0], a[1], a[2], a[5]) for a in audit] == [("1", "Chi", "Chỉ", "made"), ("3", "Kê", "Kế", "made")]


def _export(runner, db):
    return json.loads(runner.invoke(main, ["export", "--db", db, "--format", "json"]).stdout)


def test_every_task_is_linked_with_an_area(runner, samples_dir, out_db):
    assert _import(runner, out_db, samples_dir / "thcs-2024.txt").exit_code == 0
    (plan,) = _export(runner, out_db)["plans"]
    areas = {"chi_dao_dieu_hanh", "the_che", "tthc", "to_chuc_bo_may", "cong_vu", "tai_chinh_cong"}
    areas |= {"chinh_quyen_so", "muc_tieu", "khac"}
    for task in plan["tasks"]:
        assert task["area"] in areas
        assert task["link_status"] in ("auto", "review", "unlinked")
        assert (task["catalogue_code"] is None) == (task["link_status"] == "unlinked")
        assert task["catalogue_score"] is None or 0 <= task["catalogue_score"] <= 1
    cashless = next(t for t in plan["tasks"] if "không dùng tiền mặt" in t["task"])
    assert cashless["area"] == "tai_chinh_cong"  # printed under the procedures section, but about finance
    staff = next(t for t in plan["tasks"] if t["lead"] and "GV-NV" in t["lead"])
    assert staff["lead"] == "Ban Giám hiệu,GV-NV toàn trường"  # as printed
    assert staff["lead_units"] == ["Ban Giám hiệu", "Giáo viên, nhân viên toàn trường"]


def test_manual_link_is_recorded_and_survives_force(runner, samples_dir, out_db):
    assert _import(runner, out_db, samples_dir / "thcs-2024.txt").exit_code == 0
    task = _export(runner, out_db)["plans"][0]["tasks"][3]
    code = "KHAC-01" if task["catalogue_code"] != "KHAC-01" else "TTHC-01"
    linked = runner.invoke(main, ["link", task["id"], code, "--db", out_db, "--by", "Nguyễn Văn A"])
    assert linked.exit_code == 0, linked.output
    assert _import(runner, out_db, samples_dir / "thcs-2024.txt", args=["--force"]).exit_code == 0
    again = _export(runner, out_db)["plans"][0]["tasks"][3]
    assert (again["id"], again["catalogue_code"], again["link_status"]) == (task["id"], code, "manual")
    assert again["catalogue_score"] == 1.0


def test_link_errors_are_one_line(runner, samples_dir, out_db):
    assert _import(runner, out_db, samples_dir / "thcs-2024.txt").exit_code == 0
    task_id = _export(runner, out_db)["plans"][0]["tasks"][0]["id"]
    bad_code = runner.invoke(main, ["link", task_id, "NOPE-99", "--db", out_db])
    assert bad_code.exit_code == 2 and "NOPE-99" in bad_code.stderr and "Traceback" not in bad_code.output
    bad_task = runner.invoke(main, ["link", "0000-1", "TTHC-01", "--db", out_db])
    assert bad_task.exit_code == 2 and "0000-1" in bad_task.stderr


def test_catalogue_export_edit_load_relinks_and_keeps_manual_links(runner, samples_dir, out_db, tmp_path):
    assert _import(runner, out_db, samples_dir / "thcs-2024.txt").exit_code == 0
    tasks = _export(runner, out_db)["plans"][0]["tasks"]
    manual = tasks[0]
    assert runner.invoke(main, ["link", manual["id"], "KHAC-01", "--db", out_db]).exit_code == 0
    csv = tmp_path / "catalogue.csv"
    assert runner.invoke(main, ["catalogue", "export", str(csv), "--db", out_db]).exit_code == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    import pandas as pd

    frame = pd.read_csv(csv, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["code", "area", "text", "aliases", "years"]
    # A new version: one entry retired, so the tasks linked to it must be re-linked.
    retired = next(t["catalogue_code"] for t in tasks[1:] if t["catalogue_code"])
    frame = frame[frame["code"] != retired]
    frame.to_csv(csv, index=False, encoding="utf-8-sig")
    loaded = runner.invoke(main, ["catalogue", "load", str(csv), "--db", out_db])
    assert loaded.exit_code == 0, loaded.output
    after = _export(runner, out_db)["plans"][0]["tasks"]
    assert retired not in {t["catalogue_code"] for t in after}
    assert (after[0]["catalogue_code"], after[0]["link_status"]) == ("KHAC-01", "manual")
    listed = runner.invoke(main, ["catalogue", "list", "--db", out_db])
    assert listed.exit_code == 0 and retired not in listed.stdout and "KHAC-01" in listed.stdout


def test_bad_catalogue_file_is_one_line(runner, out_db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,area,text,aliases,years\nX-1,nowhere,Một việc,,\n", encoding="utf-8")
    result = runner.invoke(main, ["catalogue", "load", str(bad), "--db", out_db])
    assert result.exit_code == 1 and "bad.csv" in result.stderr and "nowhere" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_review_lists_the_queue(runner, samples_dir, out_db):
    assert _import(runner, out_db, samples_dir / "rendered" / "tieuhoc-2026.pdf").exit_code == 0
    tasks = _export(runner, out_db)["plans"][0]["tasks"]
    expected = {t["id"] for t in tasks if t["link_status"] == "review"}
    expected |= {t["id"] for t in tasks if any(not r["applied"] for r in t["repairs"])}
    result = runner.invoke(main, ["review", "--db", out_db, "--format", "json"])
    assert result.exit_code == 0
    queue = json.loads(result.stdout)
    assert expected and {item["id"] for item in queue} == expected


def test_a_first_schema_database_gets_links_on_first_use(runner, data_dir, tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copy(data_dir / "db-0001.sqlite", old)
    result = runner.invoke(main, ["export", "--db", str(old), "--format", "json"])
    assert result.exit_code == 0, result.output
    (plan,) = json.loads(result.stdout)["plans"]
    assert len(plan["tasks"]) == 19
    assert all(t["area"] and t["link_status"] in ("auto", "review", "unlinked") for t in plan["tasks"])
    assert all(t["repairs"] == [] for t in plan["tasks"])
