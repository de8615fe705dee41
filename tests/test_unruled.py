from __future__ import annotations

from pathlib import Path

from ingest.pdf import pdf_page_to_layout
from ingest.tasks import table_to_tasks
from ingest.unruled import layouts_to_unruled_table


def test_table_without_rulings_is_read_from_word_alignment(samples_dir: Path):
    path = samples_dir / "rendered" / "thcs-2024-borderless.pdf"
    layouts = [pdf_page_to_layout(str(path), n)[0] for n in range(1, 6)]
    assert not any(layout.rulings for layout in layouts)
    table = layouts_to_unruled_table(layouts)
    assert [c.role for c in table.columns] == ["number", "task", "product", "lead", "deadline"]
    sections, tasks, _ = table_to_tasks(table, 2024)
    assert [s.text for s in sections][:2] == ["I. MỤC TIÊU (cụ thể, rõ ràng)", "II. NHIỆM VỤ"]
    assert len(tasks) == 19
    assert tasks[2].number == "1.1" and tasks[2].task == "Kế hoạch cải cách hành chính năm"
    assert tasks[2].lead == "Ban Giám hiệu, Tổ Văn phòng." and tasks[2].deadline.isoformat() == "2024-01-31"


def test_running_text_alone_is_no_table(data_dir: Path):
    layout, _ = pdf_page_to_layout(str(data_dir / "letter.pdf"), 1)
    assert layouts_to_unruled_table([layout]) is None
