from __future__ import annotations

from pathlib import Path

from cchc.pipeline import text_to_plan
from ingest.files import path_to_source
from ingest.plain import text_to_document


def test_tab_separated_table(samples_dir: Path):
    doc = text_to_document((samples_dir / "thcs-2024.txt").read_text(encoding="utf-8"))
    assert [c.role for c in doc.table.columns] == ["number", "task", "product", "lead", "deadline"]
    assert len(doc.table.rows) == 23  # 19 tasks and 4 headings; the repeated header is dropped


def test_markdown_pipe_table():
    text = "\n".join(
        [
            "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025",
            "| TT | Nội dung | Đơn vị chủ trì | Thời hạn |",
            "|---|---|---|---|",
            "| 1 | Ban hành kế hoạch | Hiệu trưởng | Tháng 1 |",
        ]
    )
    doc = text_to_document(text)
    assert doc.table.rows[0].values == ("1", "Ban hành kế hoạch", "Hiệu trưởng", "Tháng 1")


def test_interleaved_ocr_text_is_partial_and_invents_no_rows(samples_dir: Path):
    path = samples_dir / "mamnon-2025.txt"
    plan = text_to_plan(path_to_source(path), path.read_text(encoding="utf-8"))
    assert plan.status == "partial"
    assert plan.tasks == ()
    assert any("interleaved" in w for w in plan.warnings)
    assert plan.header.signer == "Vũ Thị Thoan" and plan.header.year == 2025
