"""Task tables printed without ruling lines, read from the alignment of their words.

Used only when no ruled task table is found. The header row is found as a line
whose gap-separated blocks read as column labels; the columns are the spaces
between those labels; a row starts where the number column holds a number (or,
without a number column, after a wider vertical gap); every other line adds to
the row above it. The table ends at a paragraph that runs across the columns,
or at the signature block.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.stitch import resolve_roles
from ingest.tables import words_to_lines
from normalize.match import Role, header_row_roles
from normalize.text import clean, fold, join_lines
from schema.records import BBox, Column, PageLayout, RawRow, RawTable, Word

BLOCK_GAP = 1.2
"""Letter heights: a wider gap inside a line separates two columns' blocks."""
ROW_GAP = 1.6
"""Line heights: without a number column, a wider gap starts a new row."""
_ROW_NUMBER = re.compile(r"^(?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*)[.)]?$")
_HEADING = re.compile(r"^(?:[IVXLC]+|\d{1,2})[.)]\s+\S")
MAX_HEADING_WORDS = 14
BODY_LINES = 40
"""Lines under the header whose words show where the columns' gutters are."""
_END = re.compile(r"^(noi nhan|(kt|q|tm)\W+hieu truong|hieu truong$|tren day la)")


@dataclass
class _Columns:
    columns: list[Column]
    edges: list[float]
    """Relative boundaries (0–1 of the header's width) between consecutive columns."""
    left: float
    right: float


def _blocks(line: Sequence[Word]) -> list[list[Word]]:
    height = statistics.median(w.bbox[3] - w.bbox[1] for w in line)
    blocks = [[line[0]]]
    for prev, w in zip(line, line[1:], strict=False):
        if w.bbox[0] - prev.bbox[2] > BLOCK_GAP * height:
            blocks.append([])
        blocks[-1].append(w)
    return blocks


def _text(words: Sequence[Word]) -> str:
    return clean(" ".join(w.text for w in words)) or ""


def _box(words: Sequence[Word]) -> BBox:
    return (
        min(w.bbox[0] for w in words),
        min(w.bbox[1] for w in words),
        max(w.bbox[2] for w in words),
        max(w.bbox[3] for w in words),
    )


def _header(lines: list[list[Word]], start: int) -> tuple[_Columns, int] | None:
    """Columns from a header at ``lines[start]`` (labels may wrap onto the next line)."""
    blocks = _blocks(lines[start])
    if len(blocks) < 3:
        return None
    labels = [[*b] for b in blocks]
    used = start + 1
    # A wrapped label ("Cơ quan" / "chủ trì") continues under its block.
    while used < len(lines) and used <= start + 2:
        below = _blocks(lines[used])
        spans = [_box(b) for b in labels]
        fits = all(any(s[0] - 5 <= _box(b)[0] and _box(b)[2] <= s[2] + 25 for s in spans) for b in below)
        if not fits or any(_ROW_NUMBER.match(_text(b)) for b in below):
            break
        for b in below:
            target = min(
                range(len(labels)), key=lambda i: abs((spans[i][0] + spans[i][2]) / 2 - (_box(b)[0] + _box(b)[2]) / 2)
            )
            labels[target].extend(b)
        used += 1
    texts = [_text(b) for b in labels]
    matches = header_row_roles(texts)
    if matches is None:
        return None
    boxes = [_box(b) for b in labels]
    body = [w for line in lines[used : used + BODY_LINES] for block in _blocks(line) for w in block]
    left = min([boxes[0][0], *(w.bbox[0] for w in body)])
    right = max([boxes[-1][2], *(w.bbox[2] for w in body)])
    width = (right - left) or 1.0
    edges = [(_gutter(body, boxes[i], boxes[i + 1]) - left) / width for i in range(len(boxes) - 1)]
    columns = resolve_roles(
        [Column(t, m.value if m else None, b[0], b[2]) for t, m, b in zip(texts, matches, boxes, strict=True)]
    )
    return _Columns(columns, edges, left, right), used


def _gutter(body: Sequence[Word], a: BBox, b: BBox) -> float:
    """The x between two labels where the body's words leave the widest empty strip.

    Labels are often centred over their columns, so the boundary is not midway
    between them: it is where the text of the rows below leaves a gap.
    """
    lo, hi = (a[0] + a[2]) / 2, (b[0] + b[2]) / 2
    cuts = sorted({lo, hi, *(x for w in body for x in (w.bbox[0], w.bbox[2]) if lo < x < hi)})
    best, best_key = (lo + hi) / 2, (-1, 0.0)
    for x0, x1 in zip(cuts, cuts[1:], strict=False):
        mid = (x0 + x1) / 2
        crossing = sum(1 for w in body if w.bbox[0] < mid < w.bbox[2])
        key = (-crossing, x1 - x0)
        if key > best_key:
            best, best_key = mid, key
    return best


def _column_of(word: Word, cols: _Columns) -> int:
    mid = ((word.bbox[0] + word.bbox[2]) / 2 - cols.left) / ((cols.right - cols.left) or 1.0)
    return sum(mid > edge for edge in cols.edges)


def _spans(line: Sequence[Word], cols: _Columns) -> bool:
    """A single block of text that crosses two column boundaries or more."""
    if len(_blocks(line)) > 1:
        return False
    return _column_of(line[-1], cols) - _column_of(line[0], cols) >= 2


def _is_heading(line: Sequence[Word]) -> bool:
    """A short numbered line across the table ("II. CẢI CÁCH THỂ CHẾ"): a section row."""
    text = _text(line)
    return bool(_HEADING.match(text)) and len(text.split()) <= MAX_HEADING_WORDS


def layouts_to_unruled_table(layouts: Sequence[PageLayout]) -> RawTable | None:
    """The task table of pages that have no ruled table, or ``None``."""
    cols: _Columns | None = None
    rows: list[RawRow] = []
    current: list[list[str]] | None = None
    current_box: BBox | None = None
    current_page: int | None = None
    last_bottom = 0.0

    confs: list[float] = []

    def flush() -> None:
        nonlocal current
        if current is not None and any(current):
            values = tuple(join_lines(cell) for cell in current)
            rows.append(RawRow(current_page, current_box, values, statistics.fmean(confs) if confs else None))
        current = None
        confs.clear()

    for layout in layouts:
        lines = words_to_lines(layout.words)
        i = 0
        while i < len(lines):
            line = lines[i]
            found = _header(lines, i)
            if found is not None:
                flush()
                if cols is None:
                    cols = found[0]
                i = found[1]
                continue
            if cols is None:
                i += 1
                continue
            if _spans(line, cols) and _is_heading(line):
                flush()
                values = [None] * len(cols.columns)
                roles = [c.role for c in cols.columns]
                values[roles.index(Role.task.value) if Role.task.value in roles else 0] = _text(line)
                box = (cols.left, line[0].bbox[1], cols.right, max(w.bbox[3] for w in line))
                rows.append(RawRow(layout.page_no, box, tuple(values), _conf(line), True))
                last_bottom = box[3]
                i += 1
                continue
            if _END.match(fold(_text(line))) or _spans(line, cols):
                flush()
                if rows:
                    return _finish(cols, rows)
                i += 1
                continue
            cells: list[list[str]] = [[] for _ in cols.columns]
            for w in line:
                cells[_column_of(w, cols)].append(w.text)
            texts = [" ".join(c) for c in cells]
            roles = [c.role for c in cols.columns]
            height = statistics.median(w.bbox[3] - w.bbox[1] for w in line)
            top = min(w.bbox[1] for w in line)
            if Role.number.value in roles:
                starts = bool(_ROW_NUMBER.match(texts[roles.index(Role.number.value)].strip()))
            else:
                starts = current is None or top - last_bottom > ROW_GAP * height
            box = (cols.left, top, cols.right, max(w.bbox[3] for w in line))
            if starts or current is None:
                flush()
                current = [[t] if t else [] for t in texts]
                current_box, current_page = box, layout.page_no
            else:
                for cell, t in zip(current, texts, strict=True):
                    if t:
                        cell.append(t)
            confs.extend(w.conf for w in line)
            last_bottom = box[3]
            i += 1
    flush()
    return _finish(cols, rows) if cols is not None and rows else None


def _conf(words: Sequence[Word]) -> float:
    return statistics.fmean(w.conf for w in words)


def _finish(cols: _Columns, rows: list[RawRow]) -> RawTable:
    return RawTable(
        tuple(cols.columns),
        tuple(rows),
        ("the task table has no ruling lines; its columns were read from the alignment of its words",),
    )
