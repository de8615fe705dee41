from __future__ import annotations

from pathlib import Path

from ingest.pdf import pdf_page_to_layout
from ingest.stitch import contents_to_table, resolve_roles
from ingest.tables import layout_to_content
from ingest.tasks import table_to_tasks
from schema.records import Cell, Column, Grid, PageContent


def _table(path: Path):
    pages = [pdf_page_to_layout(str(path), n)[0] for n in (1, 2)]
    return contents_to_table([layout_to_content(p) for p in pages])


def test_expected_column_beats_completion_column():
    cols = resolve_roles(
        [
            Column("Nhiệm vụ", "task"),
            Column("Thời gian dự kiến", "deadline"),
            Column("Sản phẩm", "product"),
            Column("Sản phẩm hoàn thành", "product_done"),
            Column("Thời gian hoàn thành", "deadline_done"),
        ]
    )
    assert [c.role for c in cols] == ["task", "deadline", "product", "other", "other"]


def test_completion_column_alone_is_the_deadline():
    cols = resolve_roles([Column("Nội dung", "task"), Column("Thời gian hoàn thành", "deadline_done")])
    assert [c.role for c in cols] == ["task", "deadline"]


def test_a_role_seen_twice_keeps_its_first_column():
    cols = resolve_roles([Column("Nhiệm vụ", "task"), Column("Nội dung", "task")])
    assert [c.role for c in cols] == ["task", "other"]


def test_continued_page_without_header_and_split_row(data_dir: Path):
    table = _table(data_dir / "no-header-continuation.pdf")
    assert [c.role for c in table.columns] == ["number", "task", "product", "lead", "deadline"]
    sections, tasks, _ = table_to_tasks(table, 2025)
    assert [s.text for s in sections] == ["I. CÔNG TÁC CHỈ ĐẠO"]
    assert [t.number for t in tasks] == ["1", "2", "3", "4"]
    assert tasks[1].task == "Kiểm tra nội bộ cuối năm theo kế hoạch"
    assert tasks[1].page == 1
    assert tasks[3].page == 2 and tasks[3].deadline.isoformat() == "2025-06-30"


def test_merged_cells_apply_to_each_row_even_across_pages(samples_dir: Path):
    path = samples_dir / "rendered" / "tieuhoc-2026.pdf"
    layouts = [pdf_page_to_layout(str(path), n)[0] for n in (1, 2, 3)]
    table = contents_to_table([layout_to_content(p) for p in layouts])
    _, tasks, _ = table_to_tasks(table, 2026)
    leads = {t.number: t.lead for t in tasks}
    # "Phó Hiệu trưởng" is one cell for tasks 3-6, and task 6 starts page 2.
    assert [leads[n] for n in "3456"] == ["Phó Hiệu trưởng"] * 4
    assert next(t for t in tasks if t.number == "6").page == 2
    partners = {t.number: t.extra["Đơn vị phối hợp"] for t in tasks}
    assert [partners[n] for n in "1234"] == ["Tổ Văn phòng"] * 4


def _page(page_no: int, rows: list[list[str]]) -> PageContent:
    """One ruled table of equal rows; a cell's lines are its text split at "|"."""
    xs = (50.0, 80.0, 350.0, 450.0)
    ys = tuple(100.0 + 40 * r for r in range(len(rows) + 1))
    cells = tuple(
        Cell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1]), tuple(text.split("|")) if text else (), 0.9, 3)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    )
    grid = Grid(page_no, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells)
    return PageContent(page_no, 595.0, 842.0, "ocr", (grid,), ())


def test_a_repeated_header_gives_back_a_role_the_first_one_lost():
    """The first page's "STT" is read "srT"; the second page's header reads it, and the row split by the break
    (no number, starting with a capital) is joined."""
    first = _page(
        1, [["srT", "Nhiệm vụ", "Thời gian"], ["1", "Kiện toàn Ban Chỉ đạo", "Quý I"], ["2", "Thu phí theo", ""]]
    )
    second = _page(2, [["STT", "Nhiệm vụ", "Thời gian"], ["", "Thông tư số 09/2024/TT-BGDĐT", "Hằng quý"]])
    table = contents_to_table([first, second])
    assert [c.role for c in table.columns] == ["number", "task", "deadline"]
    _, tasks, _ = table_to_tasks(table, 2025)
    assert [(t.number, t.task) for t in tasks] == [
        ("1", "Kiện toàn Ban Chỉ đạo"),
        ("2", "Thu phí theo Thông tư số 09/2024/TT-BGDĐT"),
    ]


def test_a_first_column_of_row_numbers_is_the_number_column_whatever_its_spoiled_header():
    """ "TT" read "Xx!"; the next page starts with task 4, its number misread "ổ", not the rest of task 3."""
    first = _page(
        1,
        [
            ["Xx!", "Nhiệm vụ", "Thời hạn"],
            ["1", "Rà soát quy chế", "Quý I"],
            ["2", "Kiện toàn tổ", "Quý II"],
            ["3", "Thu phí", "Quý IV"],
        ],
    )
    second = _page(2, [["ổ", "Rà soát văn bản", "Quý III"]])
    table = contents_to_table([first, second])
    assert [c.role for c in table.columns] == ["number", "task", "deadline"]
    _, tasks, _ = table_to_tasks(table, 2025)
    assert [t.task for t in tasks] == ["Rà soát quy chế", "Kiện toàn tổ", "Thu phí", "Rà soát văn bản"]


def test_a_header_cell_over_two_body_columns_is_parted_by_its_roles():
    """The scan lost the wall between "Sản phẩm" and "Thời hạn hoàn thành" in the header, not below it."""
    xs, ys = (50.0, 80.0, 300.0, 400.0, 480.0), (100.0, 140.0, 180.0)
    header = [
        Cell(0, 0, 1, 1, (50.0, 100.0, 80.0, 140.0), ("TT",), 0.9, 1),
        Cell(0, 1, 1, 1, (80.0, 100.0, 300.0, 140.0), ("Nhiệm vụ",), 0.9, 2),
        Cell(0, 2, 1, 2, (300.0, 100.0, 480.0, 140.0), ("Sản phẩm Thời hạn hoàn", "thành"), 0.9, 6),
    ]
    body = [
        Cell(1, c, 1, 1, (xs[c], 140.0, xs[c + 1], 180.0), (text,), 0.9, 2)
        for c, text in enumerate(["1", "Rà soát quy chế", "Quy chế", "Quý I/2025"])
    ]
    grid = Grid(1, (50.0, 100.0, 480.0, 180.0), xs, ys, tuple(header + body))
    table = contents_to_table([PageContent(1, 595.0, 842.0, "ocr", (grid,), ())])
    assert [(c.header, c.role) for c in table.columns][2:] == [
        ("Sản phẩm", "product"),
        ("Thời hạn hoàn thành", "deadline"),
    ]
    _, tasks, _ = table_to_tasks(table, 2025)
    assert (tasks[0].product, tasks[0].deadline.isoformat()) == ("Quy chế", "2025-03-31")


def test_a_column_number_row_ocr_garbled_is_still_no_task():
    """Under the repeated header, "(1) (2) (3)" read as "(D (2) @)"; the row split by the page break follows it."""
    first = _page(
        1, [["TT", "Nhiệm vụ", "Thời gian"], ["(1)", "(2)", "(3)"], ["1", "Xây dựng quy chế chi tiêu", "Quý I"]]
    )
    second = _page(2, [["TT", "Nhiệm vụ", "Thời gian"], ["(D", "(2)", "@)"], ["", "nội bộ năm 2024", ""]])
    _, tasks, _ = table_to_tasks(contents_to_table([first, second]), 2024)
    assert [t.task for t in tasks] == ["Xây dựng quy chế chi tiêu nội bộ năm 2024"]


def test_the_column_whose_cells_read_as_deadlines_is_the_deadline_column():
    """A fax read "Bộ phận phối hợp" as "-Bồghện tối hạ", near enough "Thời hạn" to take the deadline role
    from "Thời gian hoàn thành"; the cells tell which is which. The "(1) (2)" row read "1 (2)" is no task."""
    rows = [
        ["Nhiệm vụ", "-Bồghện tối hạ", "Thời gian hoàn thành"],
        ["1 (2)", "®", "(3)"],
        ["Xây dựng kế hoạch CCHC", "Phó Hiệu trưởng", "Tháng 01/2028"],
        ["Kiện toàn Ban Chỉ đạo", "Các tổ trưởng", "Quý I/2028"],
        ["Báo cáo định kỳ", "Văn thư, Kế toán", "Hằng quý"],
    ]
    table = contents_to_table([_page(1, rows)])
    assert [c.role for c in table.columns] == ["task", "other", "deadline"]
    _, tasks, _ = table_to_tasks(table, 2028)
    assert [t.deadline_text for t in tasks] == ["Tháng 01/2028", "Quý I/2028", "Hằng quý"]
    assert tasks[0].extra == {"-Bồghện tối hạ": "Phó Hiệu trưởng"}


def _wide_page(page_no: int, rows: list[list[str]]) -> PageContent:
    """One ruled table of as many columns as its first row, 100 points wide each (the first 30)."""
    xs = tuple([50.0, 80.0] + [80.0 + 100 * c for c in range(1, len(rows[0]))])
    ys = tuple(100.0 + 40 * r for r in range(len(rows) + 1))
    cells = tuple(
        Cell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1]), (text,) if text else (), 0.9, 3)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    )
    return PageContent(
        page_no, 595.0, 842.0, "ocr", (Grid(page_no, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells),), ()
    )


def test_a_lead_cell_run_over_a_page_break_fills_the_rows_it_left_blank():
    """A merged lead cell begun on a page's last row shows its text there only; the next page's blank
    top cell is the same run. A note column's blank top cell stays blank."""
    header = ["TT", "Nhiệm vụ", "Bộ phận chủ trì", "Thời hạn", "Ghi chú"]
    first = _wide_page(1, [header, ["1", "Lập dự toán", "Kế toán", "Tháng 1", "Theo hướng dẫn"]])
    second = _wide_page(2, [["2", "Công khai tài chính", "", "Quý I", ""], ["3", "Kiểm kê", "Văn thư", "Quý IV", ""]])
    _, tasks, _ = table_to_tasks(contents_to_table([first, second]), 2024)
    assert [t.lead for t in tasks] == ["Kế toán", "Kế toán", "Văn thư"]
    assert [t.note for t in tasks] == ["Theo hướng dẫn", None, None]


def test_a_page_top_row_whose_number_the_scan_lost_is_the_row_between():
    """Page 2 opens with a row with no number, a new sentence, before row 32: it is row 31, not the rest of 30."""
    first = _page(
        1, [["TT", "Nhiệm vụ", "Thời hạn"], ["29", "Cập nhật dữ liệu", "Quý I"], ["30", "Tổ chức họp", "Quý II"]]
    )
    second = _page(2, [["", "Sử dụng sổ liên lạc điện tử", "Quý III"], ["32", "Số hóa hồ sơ", "Quý IV"]])
    _, tasks, _ = table_to_tasks(contents_to_table([first, second]), 2025)
    assert [(t.number, t.task) for t in tasks] == [
        ("29", "Cập nhật dữ liệu"),
        ("30", "Tổ chức họp"),
        ("31", "Sử dụng sổ liên lạc điện tử"),
        ("32", "Số hóa hồ sơ"),
    ]
    split = _page(2, [["", "theo Thông tư số 09/2024", ""], ["31", "Số hóa hồ sơ", "Quý IV"]])
    _, tasks, _ = table_to_tasks(contents_to_table([first, split]), 2025)
    assert [t.task for t in tasks][-2:] == ["Tổ chức họp theo Thông tư số 09/2024", "Số hóa hồ sơ"]


def test_a_heading_that_opens_a_page_with_its_number_in_its_text_is_no_rest_of_the_row_before():
    """Page 2 opens with "VI/ CẢI CÁCH TÀI CHÍNH CÔNG" in the task column and no number: a section, not the
    rest of task 20, and the lead run on the page before does not carry over to it."""
    header = ["TT", "Nhiệm vụ", "Bộ phận chủ trì", "Thời hạn"]
    first = _wide_page(1, [header, ["20", "Xét nâng bậc lương thường xuyên", "Văn phòng", "Quý IV"]])
    second = _wide_page(2, [["", "VI/ CẢI CÁCH TÀI CHÍNH CÔNG", "", ""], ["21", "Lập dự toán", "Kế toán", "Quý I"]])
    _, tasks, _ = table_to_tasks(contents_to_table([first, second]), 2032)
    assert [t.task for t in tasks] == ["Xét nâng bậc lương thường xuyên", "Lập dự toán"]
    assert tasks[-1].section == "VI/ CẢI CÁCH TÀI CHÍNH CÔNG"
