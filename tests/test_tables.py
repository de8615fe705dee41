from __future__ import annotations

import pytest

from ingest.tables import layout_to_content, rulings_to_grids, words_to_lines
from schema.records import PageLayout, Ruling, Word


def _box(x0: float, y0: float, x1: float, y1: float) -> list[Ruling]:
    return [Ruling(x0, y0, x1, y0), Ruling(x0, y1, x1, y1), Ruling(x0, y0, x0, y1), Ruling(x1, y0, x1, y1)]


def _table_with_merged_lead() -> list[Ruling]:
    """3 columns × 3 rows; the last column's cell spans rows 2-3 (no rule between them)."""
    xs, ys = [50, 100, 300, 400], [100, 130, 160, 190]
    rulings = [Ruling(x, ys[0], x, ys[-1]) for x in xs]
    rulings += [
        Ruling(xs[0], ys[0], xs[-1], ys[0]),
        Ruling(xs[0], ys[1], xs[-1], ys[1]),
        Ruling(xs[0], ys[-1], xs[-1], ys[-1]),
    ]
    rulings.append(Ruling(xs[0], ys[2], xs[2], ys[2]))  # stops before the last column
    return rulings


def test_grid_with_merged_cell():
    (grid,) = rulings_to_grids(_table_with_merged_lead(), 1)
    assert len(grid.xs) == 4 and len(grid.ys) == 4
    merged = [c for c in grid.cells if c.rowspan > 1]
    assert len(merged) == 1 and (merged[0].row, merged[0].col, merged[0].rowspan) == (1, 2, 2)


def test_broken_scan_line_still_separates_cells():
    rulings = [r for r in _table_with_merged_lead() if not (r.horizontal and r.top == 130)]
    rulings += [Ruling(50, 130, 150, 130), Ruling(154, 130.8, 400, 130.8)]  # a gap and a little jitter
    (grid,) = rulings_to_grids(rulings, 1)
    assert len(grid.ys) == 4
    assert all(c.rowspan == 1 for c in grid.cells if c.row == 0)


def test_a_row_wall_a_fax_left_in_pieces_still_separates_two_tasks():
    """Only the ends of the task column's rule survive (two fifths of it); the merged lead has none at all."""
    rulings = [r for r in _table_with_merged_lead() if not (r.horizontal and r.top == 160)]
    rulings += [Ruling(50, 160, 100, 160), Ruling(100, 160, 140, 160), Ruling(260, 160, 300, 160)]
    (grid,) = rulings_to_grids(rulings, 1)
    task_cells = [c for c in grid.cells if c.col == 1]
    assert [(c.row, c.rowspan) for c in task_cells] == [(0, 1), (1, 1), (2, 1)]
    merged = [c for c in grid.cells if c.rowspan > 1]
    assert [(c.row, c.col) for c in merged] == [(1, 2)]


def test_a_column_wall_a_fax_left_in_pieces_still_separates_two_cells():
    """Row 1 is a section row across the table, the rulings above and below ending just inside it;
    in row 2 only a piece of the wall between the last two columns is left."""
    xs, ys = [50, 100, 300, 400], [100, 130, 160, 190]
    rulings = [Ruling(xs[0], y, xs[-1], y) for y in ys]
    rulings += [Ruling(x, ys[0], x, ys[-1]) for x in (xs[0], xs[-1])]
    rulings += [Ruling(x, ys[0], x, ys[1] + 2) for x in xs[1:3]] + [Ruling(x, ys[2] - 2, x, ys[3]) for x in xs[1:2]]
    rulings.append(Ruling(xs[2], 165, xs[2], 172))
    (grid,) = rulings_to_grids(rulings, 1)
    assert [(c.row, c.col, c.colspan) for c in grid.cells if c.row >= 1] == [(1, 0, 3), (2, 0, 1), (2, 1, 1), (2, 2, 1)]


def test_a_wall_broken_at_one_corner_does_not_swallow_a_row():
    """A task row over a section row (one cell across); a fax lost the rule's last stretch."""
    xs, ys = [50, 100, 300, 400], [100, 130, 160, 190]
    rulings = [Ruling(x, ys[0], x, ys[2]) for x in xs]  # no column walls in the section row
    rulings += [Ruling(xs[0], ys[2], xs[0], ys[3]), Ruling(xs[-1], ys[2], xs[-1], ys[3])]
    rulings += [Ruling(xs[0], y, xs[-1], y) for y in (ys[0], ys[1], ys[3])]
    rulings.append(Ruling(xs[0], ys[2], 320, ys[2]))  # broken over most of the last column
    (grid,) = rulings_to_grids(rulings, 1)
    row = sorted((c.col, c.rowspan, c.colspan) for c in grid.cells if c.row == 1)
    assert row == [(0, 1, 1), (1, 1, 1), (2, 1, 1)]
    (section,) = [c for c in grid.cells if c.row == 2]
    assert section.colspan == 3 and section.rowspan == 1


def test_a_column_wall_broken_beside_a_merged_lead_keeps_the_lead_whole():
    """A lead cell spans three rows; the wall left of it is broken in the middle row."""
    xs, ys = [50, 100, 300, 400], [100, 130, 160, 190, 220]
    rulings = [Ruling(x, ys[0], x, ys[-1]) for x in (xs[0], xs[1], xs[3])]
    rulings += [Ruling(xs[2], ys[0], xs[2], ys[2] + 5), Ruling(xs[2], ys[3] - 5, xs[2], ys[-1])]
    rulings += [Ruling(xs[0], y, xs[-1], y) for y in (ys[0], ys[1], ys[-1])]
    rulings += [Ruling(xs[0], y, xs[2], y) for y in (ys[2], ys[3])]  # no row walls through the lead
    (grid,) = rulings_to_grids(rulings, 1)
    (lead,) = [c for c in grid.cells if c.col == 2 and c.row == 1]
    assert lead.rowspan == 3 and lead.colspan == 1
    assert sorted((c.row, c.col, c.colspan) for c in grid.cells if c.col < 2 and c.row > 0) == [
        (1, 0, 1),
        (1, 1, 1),
        (2, 0, 1),
        (2, 1, 1),
        (3, 0, 1),
        (3, 1, 1),
    ]


def test_underline_is_not_a_row_boundary():
    rulings = _table_with_merged_lead() + [Ruling(120, 150, 200, 150)]
    (grid,) = rulings_to_grids(rulings, 1)
    assert len(grid.ys) == 4


def test_words_go_to_cells_and_lines():
    words = [
        Word("Kế", (110, 105, 125, 115), 1.0),
        Word("hoạch", (128, 105, 160, 115), 1.0),
        Word("năm", (110, 117, 130, 127), 1.0),
        Word("Hiệu", (310, 140, 335, 150), 1.0),
        Word("Trang", (60, 300, 90, 310), 1.0),
    ]
    layout = PageLayout(1, 595, 842, "text", tuple(words), tuple(_table_with_merged_lead()))
    content = layout_to_content(layout)
    (grid,) = content.grids
    cell = next(c for c in grid.cells if c.row == 0 and c.col == 1)
    assert cell.lines == ("Kế hoạch", "năm")
    assert [line.text for line in content.lines] == ["Trang"]


def test_two_column_header_splits_into_two_lines():
    words = [
        Word("TRƯỜNG", (60, 50, 110, 62), 1.0),
        Word("THCS", (113, 50, 150, 62), 1.0),
        Word("CỘNG", (300, 50, 340, 62), 1.0),
        Word("HÒA", (343, 50, 370, 62), 1.0),
    ]
    lines = words_to_lines(words, split_gaps=True)
    assert [[w.text for w in line] for line in lines] == [["TRƯỜNG", "THCS"], ["CỘNG", "HÒA"]]


def _line_texts(boxes: list[tuple[str, float, float, float, float]]) -> list[str]:
    """The text lines outside tables that words read with these boxes make."""
    words = [Word(text, (x0, y0, x1, y1), 0.9) for text, x0, y0, x1, y1 in boxes]
    return [" ".join(w.text for w in line) for line in words_to_lines(words, split_gaps=True)]


def test_a_signers_name_in_larger_type_stays_one_line_beside_the_smaller_lines():
    """Real words of a 200-dpi scan: the name's words fall between two lines of the list of recipients."""
    words = [
        ("-", 57, 380, 60, 381),
        ("Công", 63, 375, 87, 386),
        ("đoàn;", 90, 375, 113, 385),
        ("-", 57, 394, 60, 395),
        ("Website", 63, 390, 99, 397),
        ("trường;", 102, 390, 134, 400),
        ("Lâm", 601, 381, 626, 399),
        ("Thị", 630, 381, 649, 393),
        ("Thu", 653, 381, 676, 391),
        ("Hằng", 680, 381, 710, 396),
    ]
    lines = _line_texts(words)
    assert lines == ["- Công đoàn;", "- Website trường;", "Lâm Thị Thu Hằng"]


def test_a_title_under_a_larger_heading_keeps_its_place():
    """A fax made the title's box reach up into the heading's: it still reads after it."""
    words = [
        ("KẾ", 263, 129, 285, 144),
        ("HOẠCH", 289, 129, 331, 144),
        ("Thực", 159, 135, 190, 166),
        ("hiện", 194, 140, 220, 152),
        ("công", 224, 140, 250, 152),
        ("tác", 254, 140, 275, 152),
    ]
    lines = _line_texts(words)
    assert lines == ["KẾ HOẠCH", "Thực hiện công tác"]


def test_a_box_a_fax_stretched_over_two_lines_does_not_join_them():
    """Real words of a fax: a misread word's box reaches from one line into the next."""
    words = [
        ("công", 71.0, 725.8, 95.0, 745.9),
        ("nghệ", 99.4, 726.7, 123.4, 738.7),
        ("Zoom,", 127.7, 726.7, 160.8, 737.8),
        ("Google.", 161.3, 726.7, 205.9, 740.2),
        ("tiệet", 207.0, 726.0, 233.0, 751.0),
        ("thay", 237.0, 727.0, 258.0, 738.0),
        ("tiết", 71.0, 742.1, 86.4, 752.2),
        ("kiệm", 90.7, 742.1, 117.1, 754.1),
        ("thời", 119.5, 740.2, 139.7, 754.1),
        ("gian", 143.5, 743.0, 164.6, 755.0),
        ("đi", 169.0, 743.0, 179.0, 752.0),
        ("lại...", 183.0, 743.0, 204.0, 754.0),
    ]
    lines = _line_texts(words)
    assert "công nghệ Zoom, Google." in lines[0]
    assert any(line.startswith("tiết kiệm thời gian đi lại...") for line in lines)


def _header_without_walls() -> list[Ruling]:
    """4 columns × 2 rows; the column walls stop at the body, as where a fax lost them in the header row."""
    xs, ys = [50, 100, 300, 400, 500], [100, 130, 190]
    rulings = [Ruling(x, ys[0], x, ys[-1]) for x in (xs[0], xs[-1])]
    rulings += [Ruling(x, ys[1], x, ys[-1]) for x in xs[1:-1]]
    rulings += [Ruling(xs[0], y, xs[-1], y) for y in ys]
    return rulings


def _word(text: str, x: float, y: float) -> Word:
    return Word(text, (x, y, x + 6 * len(text), y + 10), 0.9)


def test_a_header_row_that_lost_its_column_walls_is_parted_by_the_columns_below():
    header = [_word(t, x, 110) for t, x in (("TT", 60), ("Nhiệm", 150), ("vụ", 190), ("Thời", 310), ("hạn", 345))]
    header += [_word("Ghi", 410, 110), _word("chú", 432, 110)]
    body = [_word(t, x, 150) for t, x in (("1", 60), ("Rà", 110), ("soát", 130), ("Quý", 310), ("I", 340))]
    layout = PageLayout(1, 595, 842, "ocr", tuple(header + body), tuple(_header_without_walls()), 200)
    (grid,) = layout_to_content(layout).grids
    assert [" ".join(c.lines) for c in grid.row_cells(0)] == ["TT", "Nhiệm vụ", "Thời hạn", "Ghi chú"]


def test_a_title_row_across_the_table_stays_whole():
    title = [_word(t, x, 110) for t, x in (("Phụ", 150), ("lục", 175), ("kèm", 310), ("theo", 340))]
    body = [_word(t, x, 150) for t, x in (("1", 60), ("Rà", 110), ("soát", 130), ("Quý", 310), ("I", 340))]
    layout = PageLayout(1, 595, 842, "ocr", tuple(title + body), tuple(_header_without_walls()), 200)
    (grid,) = layout_to_content(layout).grids
    assert [" ".join(c.lines) for c in grid.row_cells(0)] == ["Phụ lục kèm theo"]


def _cell_lines(*lines: list[tuple[str, float]]) -> tuple[str, ...]:
    """The lines of cell (row 0, column 1) of the 3-column table, x 100–300, holding these words."""
    words = [
        Word(t, (x, 104 + 12 * i, x + 6 * len(t), 114 + 12 * i), 1.0) for i, line in enumerate(lines) for t, x in line
    ]
    layout = PageLayout(1, 595, 842, "text", tuple(words), tuple(_table_with_merged_lead()))
    (grid,) = layout_to_content(layout).grids
    return next(c for c in grid.cells if c.row == 0 and c.col == 1).lines


def test_a_name_the_cell_broke_at_its_dash_goes_on():
    # "hóa" ends 3 points from where the text may run (296): the dash could not follow it on that line.
    lines = _cell_lines(
        [("gửi", 104), ("Phòng", 126), ("Văn", 166), ("hóa", 275)], [("-", 104), ("Xã", 112), ("hội", 128)]
    )
    assert lines == ("gửi Phòng Văn hóa - Xã hội",)


def test_a_list_item_after_a_short_line_keeps_its_break():
    lines = _cell_lines([("Kế", 104), ("hoạch", 120)], [("-", 104), ("Báo", 112), ("cáo", 134)])
    assert lines == ("Kế hoạch", "- Báo cáo")


def test_the_top_of_a_row_a_page_broke_is_parted_into_its_column():
    """Too short for a scan to keep its column walls, the row's last line reads across the table at first."""
    tail = [_word(t, x, 110) for t, x in (("áp", 110), ("dụng", 130), ("hiệu", 165), ("quả.", 200))]
    body = [_word(t, x, 150) for t, x in (("2", 60), ("Rà", 110), ("soát", 130), ("Quý", 310), ("I", 340))]
    layout = PageLayout(1, 595, 842, "ocr", tuple(tail + body), tuple(_header_without_walls()), 200)
    (grid,) = layout_to_content(layout).grids
    assert [" ".join(c.lines) for c in grid.row_cells(0)] == ["", "áp dụng hiệu quả.", "", ""]


@pytest.mark.parametrize(
    "words",
    [
        [("2.", 60), ("Cải", 75), ("cách", 110), ("thể", 145), ("chế", 170)],  # a section row, from the first column
        [("CẢI", 150), ("CÁCH", 175), ("THỂ", 215), ("CHẾ", 245)],  # a heading in capitals
    ],
)
def test_a_section_row_at_the_top_of_a_page_stays_whole(words: list[tuple[str, float]]):
    top = [_word(t, x, 110) for t, x in words]
    body = [_word(t, x, 150) for t, x in (("1", 60), ("Rà", 110), ("soát", 130), ("Quý", 310), ("I", 340))]
    layout = PageLayout(1, 595, 842, "ocr", tuple(top + body), tuple(_header_without_walls()), 200)
    (grid,) = layout_to_content(layout).grids
    assert len(grid.row_cells(0)) == 1
