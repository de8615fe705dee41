"""Task tables printed without ruling lines, read from the alignment of their words.

Used only when no ruled task table is found. The header row is found as a line
whose gap-separated blocks read as column labels (a block that sets two labels
close together is parted where the rows below leave a gap); a "(1) (2) (3) …"
row under it is skipped. The columns are the empty strips the rows below leave
between the labels (on the next page when the header ends its page). A row
starts where the number column holds a number or letter; a row with no number
starts after a wider vertical gap, or, at the top of a page, where a sentence
starts after one that ended. A short numbered line from the first column into
the next ("2. CẢI CÁCH THỂ CHẾ") is a section row, as is, in a table with no
number column, one that fits the task column and numbers the section after the
last ("4. Cải cách tổ chức bộ máy" after "3. …"); every other line adds to the
row above it, and a header repeated on a new page lets the row the page broke
go on. The table ends at a paragraph whose words lie across the columns'
boundaries, or at the signature block.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.stitch import is_numbering_row, resolve_roles
from ingest.tables import words_to_lines
from normalize.match import Role, header_role, header_row_roles
from normalize.numbering import ROMANS
from normalize.text import clean, fold, join_lines
from schema.records import BBox, Column, PageLayout, RawRow, RawTable, Word

BLOCK_GAP = 1.2
"""Letter heights: a wider gap inside a line separates two columns' blocks."""
ROW_GAP = 0.35
"""Letter heights: a line with no row number starts a row after a gap this much wider than the lines' own spacing."""
_ROW_NUMBER = re.compile(r"^(?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]?$")
_HEADING = re.compile(r"^(?:[IVXLC]+|\d{1,2}|[A-ZĐ])[.)]\s+\S")
MAX_HEADING_WORDS = 20
"""A section row is this short, or twice as long when it is set in capitals."""
MAX_CROSSINGS = 2
"""Words of the rows below that may cross the gap where one label block is parted in two."""
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
    leading: float
    """The usual gap between two lines of one cell: the narrowest tenth of the gaps under the header."""

    def index(self, role: Role) -> int | None:
        """The column of ``role``, or ``None`` when the table has none."""
        roles = [c.role for c in self.columns]
        return roles.index(role.value) if role.value in roles else None

    @property
    def task(self) -> int:
        """The task column (the first column when no label names it)."""
        found = self.index(Role.task)
        return 0 if found is None else found


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


def _header(lines: list[list[Word]], start: int, following: Sequence[list[Word]] = ()) -> tuple[_Columns, int] | None:
    """Columns from a header at ``lines[start]`` (labels may wrap onto the next line).

    The columns are measured on the rows under it, on the next pages (``following``)
    too when the header ends its page.
    """
    blocks = _blocks(lines[start])
    if len(blocks) < 3:
        return None
    labels = [[*b] for b in blocks]
    top_counts = [len(b) for b in blocks]
    used = start + 1
    # A wrapped label ("Cơ quan" / "chủ trì") continues under its block.
    while used < len(lines) and used <= start + 2:
        below = _blocks(lines[used])
        if is_numbering_row([_text(b) for b in below]):
            break
        spans = [_box(b) for b in labels]
        fits = all(any(_under(_box(b), s) for s in spans) for b in below)
        if not fits or _is_heading(lines[used]) or any(_ROW_NUMBER.match(_text(b)) for b in below):
            break
        for b in below:
            target = min(
                range(len(labels)), key=lambda i: abs((spans[i][0] + spans[i][2]) / 2 - (_box(b)[0] + _box(b)[2]) / 2)
            )
            labels[target].extend(b)
        used += 1
    if used < len(lines) and is_numbering_row([_text(b) for b in _blocks(lines[used])]):
        used += 1  # the "(1) (2) (3) …" row under the labels
    sample = [*lines[used:], *following][:BODY_LINES]
    body = [w for line in sample if not _is_heading(line) for w in line]
    labels = _parted_labels(labels, top_counts, body)
    texts = [_text(b) for b in labels]
    matches = header_row_roles(texts)
    if matches is None:
        return None
    boxes = [_box(b) for b in labels]
    left = min([boxes[0][0], *(w.bbox[0] for w in body)])
    right = max([boxes[-1][2], *(w.bbox[2] for w in body)])
    width = (right - left) or 1.0
    edges = [(_gutter(body, boxes[i], boxes[i + 1]) - left) / width for i in range(len(boxes) - 1)]
    columns = resolve_roles(
        [Column(t, m.value if m else None, b[0], b[2]) for t, m, b in zip(texts, matches, boxes, strict=True)]
    )
    return _Columns(columns, edges, left, right, _leading(sample)), used


def _parted_labels(labels: list[list[Word]], top_counts: Sequence[int], body: Sequence[Word]) -> list[list[Word]]:
    """Part a block that sets two labels close together ("Thời hạn Bộ phận chủ" / "trì").

    A block is parted between two words of its first line where the halves read as
    labels of different roles (the best such place wins), if the words of the rows
    below leave that gap empty (at most ``MAX_CROSSINGS`` words across it). Wrapped
    words go with the half above them.
    """
    parted: list[list[Word]] = []
    for words, n in zip(labels, top_counts, strict=True):
        best: tuple[float, list[Word], list[Word]] | None = None
        for k in range(1, n):
            cut = (words[k - 1].bbox[2] + words[k].bbox[0]) / 2
            if _crossings(body, cut) > MAX_CROSSINGS:
                continue
            below = words[n:]
            first = [*words[:k], *(w for w in below if (w.bbox[0] + w.bbox[2]) / 2 < cut)]
            second = [*words[k:n], *(w for w in below if (w.bbox[0] + w.bbox[2]) / 2 >= cut)]
            a, b = header_role(_text(first)), header_role(_text(second))
            if a and b and a.value != b.value and (best is None or a.score + b.score > best[0]):
                best = (a.score + b.score, first, second)
        parted.extend([best[1], best[2]] if best else [words])
    return parted


def _leading(lines: Sequence[Sequence[Word]]) -> float:
    tops = [min(w.bbox[1] for w in line) for line in lines]
    bottoms = [max(w.bbox[3] for w in line) for line in lines]
    gaps = sorted(t - b for b, t in zip(bottoms, tops[1:], strict=False) if t > b)
    return gaps[len(gaps) // 10] if gaps else 0.0


def _under(block: BBox, label: BBox) -> bool:
    """A block that may be the wrapped rest of a label: flush under it, or centred under it and not twice as wide."""
    if label[0] - 5 <= block[0] and block[2] <= label[2] + 25:
        return True
    centre = (block[0] + block[2]) / 2
    return label[0] <= centre <= label[2] and block[2] - block[0] <= 2 * (label[2] - label[0])


def _crossings(words: Sequence[Word], x: float) -> int:
    """How many words lie across the vertical line at ``x``."""
    return sum(1 for w in words if w.bbox[0] < x < w.bbox[2])


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
        key = (-_crossings(body, mid), x1 - x0)
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


def _straddles(line: Sequence[Word], cols: _Columns) -> bool:
    """A word lies across a column boundary: running text, not cells set close together."""
    width = (cols.right - cols.left) or 1.0
    return any(
        (w.bbox[0] - cols.left) / width < edge < (w.bbox[2] - cols.left) / width for w in line for edge in cols.edges
    )


def _cells(line: Sequence[Word], cols: _Columns) -> list[str]:
    cells: list[list[str]] = [[] for _ in cols.columns]
    for w in line:
        cells[_column_of(w, cols)].append(w.text)
    return [" ".join(c) for c in cells]


def _heading_cells(line: Sequence[Word], cols: _Columns) -> list[str] | None:
    """The cells of a section row ("2. CẢI CÁCH THỂ CHẾ"), or ``None`` for any other line.

    A section row is one short numbered run of words from the first column into the
    next. Its words stay together, whatever columns they cross: the number in the
    number column (when the table has one), the title in the task column. Across
    two columns or more it is the whole row's heading.
    """
    if not _is_heading(line) or len(_blocks(line)) > 1 or _column_of(line[0], cols) != 0:
        return None
    if _column_of(line[-1], cols) == 0:
        return None
    texts = [""] * len(cols.columns)
    number_col = cols.index(Role.number)
    if number_col is not None and not _spans(line, cols):
        number, title = _text(line).split(maxsplit=1)
        texts[number_col], texts[cols.task] = number, title
    else:
        texts[cols.task] = _text(line)
    return texts


def _section_label(line: Sequence[Word]) -> str:
    """The number or letter a section row opens with ("4" of "4. Cải cách tổ chức bộ máy")."""
    return _text(line).split(maxsplit=1)[0].rstrip(".)")


def _numbering(label: str) -> str:
    """The kind of a section's label: "digit", "roman" or "letter" ("I" counts as Roman)."""
    return "digit" if label.isdigit() else "roman" if label in ROMANS else "letter"


def _follows(label: str, previous: str | None) -> bool:
    """True when section ``label`` comes right after section ``previous`` ("4" after "3", "V" after "IV").

    A first label ("1", "I", "A") follows no section, or one numbered another way
    (the first of a lower level: "1." under "II. NHIỆM VỤ").
    """
    if previous is None or _numbering(label) != _numbering(previous):
        return label in ("1", "I", "A")
    if label.isdigit():
        return int(label) == int(previous) + 1
    if label in ROMANS:
        return ROMANS.index(label) == ROMANS.index(previous) + 1
    return len(label) == len(previous) == 1 and ord(label) == ord(previous) + 1


def _short_heading_cells(line: Sequence[Word], cols: _Columns, previous: str | None) -> list[str] | None:
    """A section row short enough to stay in the task column of a table with no number column.

    Only the section after the last one, or the first, is taken ("4. Cải cách
    tổ chức bộ máy" after "3. …"): a number may open a line inside a task's text too.
    """
    if cols.index(Role.number) is not None or not _is_heading(line) or len(_blocks(line)) > 1:
        return None
    if {_column_of(w, cols) for w in line} != {cols.task} or not _follows(_section_label(line), previous):
        return None
    texts = [""] * len(cols.columns)
    texts[cols.task] = _text(line)
    return texts


def _is_heading(line: Sequence[Word]) -> bool:
    """A short numbered line across the table ("II. CẢI CÁCH THỂ CHẾ"): a section row."""
    text = _text(line)
    limit = MAX_HEADING_WORDS * (2 if text.isupper() else 1)
    return bool(_HEADING.match(text)) and len(text.split()) <= limit


def layouts_to_unruled_table(layouts: Sequence[PageLayout]) -> RawTable | None:
    """The task table of pages that have no ruled table, or ``None``."""
    cols: _Columns | None = None
    rows: list[RawRow] = []
    current: list[list[str]] | None = None
    current_box: BBox | None = None
    current_page: int | None = None
    last_bottom = 0.0

    spanning = False
    confs: list[float] = []
    section: str | None = None
    after_short = False

    def flush() -> None:
        nonlocal current
        if current is not None and any(current):
            values = tuple(join_lines(cell) for cell in current)
            conf = statistics.fmean(confs) if confs else None
            rows.append(RawRow(current_page, current_box, values, conf, spanning))
        current = None
        confs.clear()

    pages = [words_to_lines(layout.words) for layout in layouts]
    for n, (layout, lines) in enumerate(zip(layouts, pages, strict=True)):
        following = [line for later in pages[n + 1 :] for line in later][:BODY_LINES]
        page_top = True
        i = 0
        while i < len(lines):
            line = lines[i]
            found = _header(lines, i, following)
            if found is not None:
                # A header repeated on a new page: the row the page broke goes on under it.
                if cols is None:
                    cols = found[0]
                i = found[1]
                continue
            if cols is None:
                i += 1
                continue
            short = _short_heading_cells(line, cols, section)
            heading = _heading_cells(line, cols) or short
            if heading:
                section = _section_label(line)
            if not heading and (_END.match(fold(_text(line))) or (_spans(line, cols) and _straddles(line, cols))):
                flush()
                if rows:
                    return _finish(cols, rows)
                i += 1
                continue
            texts = heading or _cells(line, cols)
            height = statistics.median(w.bbox[3] - w.bbox[1] for w in line)
            top = min(w.bbox[1] for w in line)
            number_col = cols.index(Role.number)
            number = texts[number_col].strip() if number_col is not None else ""
            if heading or after_short:  # a section row that fits its cell has no second line
                starts = True
            elif number:
                starts = bool(_ROW_NUMBER.match(number))
            elif current is not None and page_top:
                starts = _opens_row(texts[cols.task], current[cols.task])
            else:
                starts = current is None or top - last_bottom > cols.leading + ROW_GAP * height
            box = (cols.left, top, cols.right, max(w.bbox[3] for w in line))
            if starts or current is None:
                flush()
                current = [[t] if t else [] for t in texts]
                current_box, current_page = box, layout.page_no
                spanning = _spans(line, cols) and heading is not None
            else:
                for cell, t in zip(current, texts, strict=True):
                    if t:
                        cell.append(t)
            after_short = short is not None
            confs.extend(w.conf for w in line)
            last_bottom = box[3]
            page_top = False
            i += 1
    flush()
    return _finish(cols, rows) if cols is not None and rows else None


def _opens_row(text: str, above: Sequence[str]) -> bool:
    """Without row numbers, a page's first line opens a row when it starts a sentence after one that ended."""
    return text[:1].isupper() and (not above or above[-1].rstrip()[-1:] in ".;:!?)”")


def _finish(cols: _Columns, rows: list[RawRow]) -> RawTable:
    return RawTable(
        tuple(cols.columns),
        tuple(rows),
        ("the task table has no ruling lines; its columns were read from the alignment of its words",),
    )
