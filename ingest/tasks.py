"""Rows of the task table read as headings (sections) and tasks.

A heading is a row whose one cell spans the row, or a row with text only in the
task column ("II | NHIỆM VỤ"). It becomes the ``section`` of the tasks under
it and is never a task itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from normalize.dates import parse_deadline
from normalize.match import Role
from normalize.numbering import repair_numbers
from normalize.text import clean
from schema.records import Column, RawRow, RawTable, Section, Task

_LEADING_NUMBER = re.compile(r"^((?:[IVXLC]+|\d+(?:\.\d+)*)|[IVXLCHlỊ1|]{1,4}(?=[.)]))[.)]?\s+(\S.*)$", re.DOTALL)
"""A heading that prints its number in the same cell: "II. NHIỆM VỤ" (or, through OCR, "I1. …")."""
_NUMBER_JUNK = " „“”\"'`,;:_-~"
"""Marks OCR leaves around a row number ("„2")."""


def _value(row: RawRow, index: int | None) -> str | None:
    return row.values[index] if index is not None else None


def _extra_keys(columns: Sequence[Column]) -> dict[int, str]:
    keys: dict[int, str] = {}
    used: set[str] = set()
    for i, col in enumerate(columns):
        if col.role not in (None, Role.other.value):
            continue
        key = clean(col.header) or f"Cột {i + 1}"
        base, n = key, 2
        while key in used:
            key, n = f"{base} ({n})", n + 1
        used.add(key)
        keys[i] = key
    return keys


def _section_text(number: str | None, title: str) -> str:
    if not number:
        return title
    if number.endswith((".", ")")):
        return f"{number} {title}"
    return f"{number}. {title}"


def _deeper(number: str | None, section_number: str | None) -> bool:
    """True for "1.3" under section "1": a task number, not a heading number."""
    if not number or not section_number:
        return False
    parent = section_number.rstrip(".)")
    return number.startswith(parent + ".") and number.count(".") > parent.count(".")


def _is_ocr(row: RawRow) -> bool:
    return row.conf is not None and row.conf < 1.0


def table_to_tasks(table: RawTable, year: int | None) -> tuple[list[Section], list[Task], list[str]]:
    """Read each row as a heading or a task, with deadlines parsed against ``year``."""
    roles = [c.role for c in table.columns]

    def find(role: Role) -> int | None:
        return roles.index(role.value) if role.value in roles else None

    i_number, i_task = find(Role.number), find(Role.task)
    i_product, i_lead = find(Role.product), find(Role.lead)
    i_deadline, i_note = find(Role.deadline), find(Role.note)
    extra_keys = _extra_keys(table.columns)
    rows = list(table.rows)

    # Numbers first: a heading may print its number in its text ("II. NHIỆM VỤ"),
    # and OCR-damaged numbers are mended from the sequence they sit in.
    numbers: list[str | None] = []
    titles: list[str | None] = []
    for row in rows:
        number = clean((_value(row, i_number) or "").strip(_NUMBER_JUNK))
        text = _value(row, i_task)
        title = text or next((v for v in row.values if v), None)
        only_text = text and not any(v for i, v in enumerate(row.values) if v and i not in (i_number, i_task))
        if number is None and title and (row.spanning or only_text) and (m := _LEADING_NUMBER.match(title)):
            number, title = m.group(1), m.group(2)
        numbers.append(number)
        titles.append(title)
    numbers = repair_numbers(numbers, ocr=[_is_ocr(row) for row in rows])

    sections: list[Section] = []
    tasks: list[Task] = []
    warnings: list[str] = []
    current: Section | None = None
    for pos, row in enumerate(rows):
        number, text = numbers[pos], _value(row, i_task)
        others = [v for i, v in enumerate(row.values) if v and i not in (i_number, i_task)]
        if row.spanning or (text and not others):
            next_number = numbers[pos + 1] if pos + 1 < len(rows) else None
            is_task = (
                not row.spanning
                and current is not None
                and _deeper(number, current.number)
                and not (next_number and number and next_number.startswith(number.rstrip(".)") + "."))
            )
            if not is_task:
                title = titles[pos] or ""
                printed = text if clean(_value(row, i_number)) is None else None
                keep_printed = printed and not _is_ocr(row) and printed.endswith(title)
                current = Section(number, title, printed if keep_printed else _section_text(number, title), row.page_no)
                sections.append(current)
                continue
        deadline_text = _value(row, i_deadline)
        parsed = parse_deadline(deadline_text, year)
        if parsed.warning:
            warnings.append(f"task {number or len(tasks) + 1}: {parsed.warning}; deadline left empty")
        tasks.append(
            Task(
                index=len(tasks) + 1,
                number=number,
                section=current.text if current else None,
                task=text,
                task_raw=text,
                product=_value(row, i_product),
                lead=_value(row, i_lead),
                note=_value(row, i_note),
                deadline=parsed.date,
                deadline_text=deadline_text,
                extra={key: row.values[i] for i, key in extra_keys.items()},
                page=row.page_no,
                bbox=row.bbox,
                confidence=row.conf,
            )
        )
    return sections, tasks, warnings
