from __future__ import annotations

from pathlib import Path

import pdfplumber

from ingest.pdf import pdf_page_to_layout
from ingest.tasks import table_to_tasks
from ingest.unruled import layouts_to_unruled_table
from schema.records import PageLayout, Word


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


def _borderless(samples_dir: Path, name: str) -> list:
    path = samples_dir / "rendered" / f"{name}-borderless.pdf"
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
    return [pdf_page_to_layout(str(path), n)[0] for n in range(1, pages + 1)]


def test_column_number_row_and_short_section_rows_without_rulings(samples_dir: Path):
    """The "(1) (2) …" row is not read into the labels, nor the section rows into the tasks above them."""
    table = layouts_to_unruled_table(_borderless(samples_dir, "tieuhoc-2026"))
    assert [c.header for c in table.columns] == [
        "TT",
        "Nội dung công việc",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Kết quả/sản phẩm",
        "Thời gian thực hiện",
        "Ghi chú",
    ]
    sections, tasks, _ = table_to_tasks(table, 2026)
    assert len(sections) == 7 and sections[1].text == "II. CẢI CÁCH THỂ CHẾ"
    assert len(tasks) == 24 and [t.number for t in tasks] == [str(n) for n in range(1, 25)]
    assert tasks[-1].task == "Sử dụng hộp thư điện tử công vụ trong trao đổi công việc"


def test_labels_set_close_together_are_parted_and_unnumbered_rows_part_at_their_gaps(samples_dir: Path):
    """ "Thời gian" and "Ghi chú" print as one block; the objectives have no numbers; rows break across pages."""
    table = layouts_to_unruled_table(_borderless(samples_dir, "mamnon-2025"))
    assert [c.header for c in table.columns][-2:] == ["Thời gian hoàn thành", "Ghi chú"]
    sections, tasks, _ = table_to_tasks(table, 2025)
    assert sections[0].text == "MỤC TIÊU (cụ thể, rõ ràng)" and len(sections) == 9
    assert len(tasks) == 47
    objectives = [t for t in tasks if t.number is None]
    assert len(objectives) == 4 and objectives[1].task.startswith("Trên cơ sở các tiêu chí")
    assert tasks[-1].number == "7.5" and tasks[-1].page == 8


def _line(y: float, *cells: tuple[float, str]) -> list[Word]:
    """The words of one printed line: each cell's text set from its x, 5 points a letter."""
    words = []
    for x, text in cells:
        for token in text.split():
            words.append(Word(token, (x, y, x + 5 * len(token), y + 11), 0.95))
            x += 5 * len(token) + 3
    return words


def _page(page_no: int, *lines: list[Word]) -> PageLayout:
    return PageLayout(page_no, 595, 842, "text", tuple(w for line in lines for w in line), (), None)


def test_a_header_that_ends_its_page_is_measured_on_the_next_and_short_sections_stay_rows():
    """No number column: the sections fit the task column, and are known by their numbers' order."""
    body = (60.0, 270.0, 340.0, 410.0)
    first = _page(
        1,
        _line(700, (60, "Kế hoạch này gồm các nhiệm vụ cụ thể dưới đây, áp dụng cho toàn trường.")),
        _line(780, (138, "Nhiệm vụ"), (278, "Chủ trì"), (341, "Phối hợp"), (406, "Thời hạn")),
    )
    rows = [  # the sections sit as close to the rows as the lines of one cell
        (62, "1. Công tác chỉ đạo", "", "", ""),
        (76, "Xây dựng Kế hoạch cải cách hành chính", "Hiệu trưởng", "Tổ VP", "Tháng 1/2034"),
        (90, "của nhà trường đúng hạn.", "", "", ""),
        (110, "Báo cáo định kỳ kết quả CCHC", "Văn thư", "Kế toán", "Hằng quý"),
        (124, "2. Cải cách thể chế", "", "", ""),
        (138, "Rà soát văn bản nội bộ của trường", "Phó HT", "Tổ VP", "Quý II/2034"),
        (152, "theo quy định mới.", "", "", ""),
    ]
    second = _page(2, *(_line(y, *((x, t) for x, t in zip(body, texts, strict=True) if t)) for y, *texts in rows))
    table = layouts_to_unruled_table([first, second])
    sections, tasks, _ = table_to_tasks(table, 2034)
    assert [s.text for s in sections] == ["1. Công tác chỉ đạo", "2. Cải cách thể chế"]
    assert [t.task for t in tasks] == [
        "Xây dựng Kế hoạch cải cách hành chính của nhà trường đúng hạn.",
        "Báo cáo định kỳ kết quả CCHC",
        "Rà soát văn bản nội bộ của trường theo quy định mới.",
    ]
    assert [t.lead for t in tasks] == ["Hiệu trưởng", "Văn thư", "Phó HT"]
