from __future__ import annotations

from ingest.tasks import table_to_tasks
from schema.records import Column, RawRow, RawTable

COLUMNS = (
    Column("STT", "number"),
    Column("Nhiệm vụ", "task"),
    Column("Sản phẩm", "product"),
    Column("Đơn vị phối hợp", "other"),
    Column("Thời gian", "deadline"),
)


def _rows(*values, spanning=()):
    return tuple(RawRow(1, (0, 0, 1, 1), v, 1.0, i in spanning) for i, v in enumerate(values))


def test_headings_become_sections_of_the_rows_under_them():
    table = RawTable(
        COLUMNS,
        _rows(
            ("II", "NHIỆM VỤ", None, None, None),
            ("1", "Công tác chỉ đạo", None, None, None),
            ("1.1", "Kế hoạch CCHC", "Kế hoạch", "Văn phòng", "31/01/2024"),
            (None, "2. Cải cách thể chế", None, None, None),
            ("2.1", "Rà soát quy chế", "Quy chế", None, "Quý II"),
        ),
    )
    sections, tasks, warnings = table_to_tasks(table, 2024)
    assert [s.text for s in sections] == ["II. NHIỆM VỤ", "1. Công tác chỉ đạo", "2. Cải cách thể chế"]
    assert [(t.number, t.section) for t in tasks] == [("1.1", "1. Công tác chỉ đạo"), ("2.1", "2. Cải cách thể chế")]
    assert tasks[0].extra == {"Đơn vị phối hợp": "Văn phòng"}
    assert tasks[1].extra == {"Đơn vị phối hợp": None}
    assert tasks[1].deadline.isoformat() == "2024-06-30"
    assert warnings == []


def test_spanning_heading_keeps_its_printed_number():
    table = RawTable(COLUMNS, _rows((None, "I. CÔNG TÁC CHỈ ĐẠO", None, None, None), spanning={0}))
    sections, tasks, _ = table_to_tasks(table, 2024)
    assert (sections[0].number, sections[0].text) == ("I", "I. CÔNG TÁC CHỈ ĐẠO")
    assert tasks == []


def test_task_with_empty_cells_under_its_section_is_still_a_task():
    table = RawTable(
        COLUMNS,
        _rows(("1", "Công tác chỉ đạo", None, None, None), ("1.1", "Việc chưa giao", None, None, None)),
    )
    sections, tasks, _ = table_to_tasks(table, 2024)
    assert [s.number for s in sections] == ["1"]
    assert [t.number for t in tasks] == ["1.1"]


def test_impossible_deadline_warns():
    table = RawTable(COLUMNS, _rows(("1", "Rà soát", "Quyết định", None, "31/4/2025")))
    _, tasks, warnings = table_to_tasks(table, 2025)
    assert tasks[0].deadline is None and tasks[0].deadline_text == "31/4/2025"
    assert warnings and "impossible date" in warnings[0]


def test_ids_are_row_indexes_from_one():
    table = RawTable(COLUMNS, _rows(("1", "A", "x", None, None), ("2", "B", "y", None, None)))
    _, tasks, _ = table_to_tasks(table, 2024)
    assert [t.index for t in tasks] == [1, 2]
