"""The task table across pages: column roles, continued pages, split rows, merged cells.

Column roles come from the header text, never from position (see
:data:`normalize.match.ROLE_SYNONYMS`). A page whose table has no header
continues the previous page's columns by geometry: each cell goes to the column
whose position, relative to the table's width, it covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from normalize.dates import reads_as_deadline
from normalize.match import Role, header_role, header_row_roles
from normalize.text import clean, join_lines
from schema.records import BBox, Cell, Column, Grid, PageContent, RawRow, RawTable

HEADER_SCAN_ROWS = 4
"""The header is looked for in the first rows of each table."""
MIN_GEOMETRY_MATCH = 0.6
"""Share of a continued table's columns that must line up with the previous page's."""
MIN_JUDGED_CELLS = 3
"""Filled body cells a column needs before its content may decide its role."""
NUMBERED_SHARE = 0.5
"""Share of a first column's filled cells that must read as row numbers to make it the number column."""
DEADLINE_SHARE = 0.5
"""Share of a column's filled cells that must read as deadlines for it to be, or stay, the deadline column."""
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
_ROW_NUMBER = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]?$", re.IGNORECASE)


def _cell_text(cell: Cell) -> str:
    return clean(" ".join(cell.lines)) or ""


@dataclass
class _Header:
    first_body_row: int
    columns: list[Column]
    spans: list[tuple[float, float]]
    """Each column's x-range on this grid."""


def _header_rows(grid: Grid) -> tuple[int, int] | None:
    """The first and last grid rows of the header, if this table starts with one."""
    n_rows = len(grid.ys) - 1
    for r in range(min(HEADER_SCAN_ROWS, n_rows)):
        starting = [c for c in grid.cells if c.row == r and c.lines]
        if header_row_roles([_cell_text(c) for c in starting]) is not None:
            last = max(c.row + c.rowspan - 1 for c in starting)
            return r, min(last, n_rows - 1)
    return None


def _read_header(grid: Grid, first: int, last: int) -> _Header:
    n_cols = len(grid.xs) - 1
    lowest: list[Cell] = []
    for c in range(n_cols):
        cell = next(x for x in grid.cells if x.row <= last < x.row + x.rowspan and x.col <= c < x.col + x.colspan)
        if cell not in lowest:
            lowest.append(cell)
    columns, spans = [], []
    for cell in lowest:
        parts = []
        for r in range(first, cell.row):
            parent = next(
                (x for x in grid.cells if x.row <= r < x.row + x.rowspan and x.col <= cell.col < x.col + x.colspan),
                None,
            )
            if parent is not None and parent is not cell and _cell_text(parent) not in parts:
                parts.append(_cell_text(parent))
        parts.append(_cell_text(cell))
        header = clean(" ".join(p for p in parts if p))
        parted = cell.colspan == 2 and any(x.row > last and x.col == cell.col + 1 for x in grid.cells)
        halves = _two_headers(header) if parted and header else None
        if halves:  # a wall the scan lost between two headers that the body keeps apart
            middle = grid.xs[cell.col + 1]
            for text, (x0, x1) in zip(halves, ((cell.bbox[0], middle), (middle, cell.bbox[2])), strict=True):
                columns.append(Column(text, header_role(text).value, x0, x1))
                spans.append((x0, x1))
            continue
        match = header_role(header) if header else None
        columns.append(Column(header, match.value if match else None, cell.bbox[0], cell.bbox[2]))
        spans.append((cell.bbox[0], cell.bbox[2]))
    body = last + 1
    if body < len(grid.ys) - 1 and is_numbering_row([_cell_text(c) for c in grid.cells if c.row == body and c.lines]):
        body += 1
    return _Header(body, columns, spans)


def _two_headers(text: str) -> tuple[str, str] | None:
    """Part one header cell's text into two headers of different roles: "Sản phẩm Thời hạn hoàn thành".

    Where several places part it so, the one whose halves read best wins.
    """
    words = text.split()
    best: tuple[float, tuple[str, str]] | None = None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        a, b = header_role(first), header_role(second)
        if a and b and a.value != b.value and (best is None or a.score + b.score > best[0]):
            best = (a.score + b.score, (first, second))
    return best[1] if best else None


def is_numbering_row(texts: Sequence[str]) -> bool:
    """The "(1) (2) (3) …" row under a header: short cells, many of them numbers or brackets.

    OCR reads "(1)" as "q@)", "(D" or "6).": a body row never has only short cells.
    """
    if len(texts) < 3 or any(len(t) > 5 for t in texts):  # "1 (2)": a speck before a number
        return False
    numbers = sum(bool(_COLUMN_NUMBERS.match(t)) for t in texts)
    marked = sum(bool(re.search(r"[\d()]", t)) for t in texts)
    return numbers >= 0.4 * len(texts) or marked >= 0.5 * len(texts)


def resolve_roles(columns: Sequence[Column]) -> list[Column]:
    """Settle expected against completion columns and duplicate roles.

    When a plan has both an expected column ("Thời gian dự kiến") and a
    completion column ("Thời gian hoàn thành"), the expected one is the deadline
    and the completion one goes to ``extra``; alone, a completion column is the
    deadline. The same holds for products. A role seen twice keeps its first column.
    """
    roles = [c.role for c in columns]
    out: list[Column] = []
    taken: set[str] = set()
    for col in columns:
        role = col.role
        if role == Role.deadline_done.value:
            role = Role.other.value if Role.deadline.value in roles else Role.deadline.value
        elif role == Role.product_done.value:
            role = Role.other.value if Role.product.value in roles else Role.product.value
        if role in taken and role != Role.other.value:
            role = Role.other.value
        if role is not None and role != Role.other.value:
            taken.add(role)
        out.append(Column(col.header, role, col.x0, col.x1))
    return out


def _relative(span: tuple[float, float], bbox: BBox) -> tuple[float, float]:
    width = (bbox[2] - bbox[0]) or 1.0
    return (span[0] - bbox[0]) / width, (span[1] - bbox[0]) / width


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class _State:
    columns: list[Column] = field(default_factory=list)
    relative: list[tuple[float, float]] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    open_merges: dict[int, tuple[str | None, bool]] = field(default_factory=dict)
    """Columns whose cell ended the previous page, with its text, and whether it was merged over rows there."""
    warnings: list[str] = field(default_factory=list)


def _map_spans(state: _State, spans: Sequence[tuple[float, float]], bbox: BBox) -> list[int | None] | None:
    """Map this grid's column spans onto the table's columns by relative position."""
    mapping: list[int | None] = []
    hits = 0
    for span in spans:
        rel = _relative(span, bbox)
        best, best_ov = None, 0.0
        for j, ref in enumerate(state.relative):
            ov = _overlap(rel, ref)
            if ov > best_ov:
                best, best_ov = j, ov
        width = min(rel[1] - rel[0], state.relative[best][1] - state.relative[best][0]) if best is not None else 0
        if best is not None and width > 0 and best_ov >= 0.5 * width:
            mapping.append(best)
            hits += 1
        else:
            mapping.append(None)
    if hits < MIN_GEOMETRY_MATCH * min(len(spans), len(state.columns)):
        return None
    return mapping


def _columns_of(cell: Cell, col_spans: Sequence[tuple[float, float]], mapping: Sequence[int | None]) -> list[int]:
    """Table columns whose centre lies inside the cell."""
    out = []
    for (x0, x1), j in zip(col_spans, mapping, strict=True):
        mid = (x0 + x1) / 2
        if j is not None and cell.bbox[0] - 1 <= mid <= cell.bbox[2] + 1 and j not in out:
            out.append(j)
    return out


def _grid_rows(
    grid: Grid,
    first_body_row: int,
    col_spans: Sequence[tuple[float, float]],
    mapping: Sequence[int | None],
    state: _State,
) -> list[RawRow]:
    """Read the body of one grid into rows of the table's columns."""
    n_cols = len(state.columns)
    n_rows = len(grid.ys) - 1
    roles = [c.role for c in state.columns]
    key_col = roles.index(Role.task.value) if Role.task.value in roles else None
    placed: list[tuple[Cell, list[int]]] = [
        (cell, _columns_of(cell, col_spans, mapping)) for cell in grid.cells if cell.row + cell.rowspan > first_body_row
    ]

    # Logical rows: grid rows covered by one task cell are one row.
    groups: list[list[int]] = []
    r = first_body_row
    while r < n_rows:
        end = r
        if key_col is not None:
            for cell, cols in placed:
                if key_col in cols and cell.row <= r < cell.row + cell.rowspan:
                    end = max(end, min(cell.row + cell.rowspan - 1, n_rows - 1))
        groups.append(list(range(r, end + 1)))
        r = end + 1

    # A merged cell continued from the previous page fills the rows it covers here.
    inherited: dict[int, tuple[Cell, str | None]] = {}
    for j, (text, merged) in state.open_merges.items():
        for cell, cols in placed:
            # A run of one cell over the page break shows its text on the first page only: the blank part
            # here is merged over rows, or it is the lead column, which no task leaves empty.
            carried = merged or cell.rowspan > 1 or roles[j] == Role.lead.value
            if j in cols and cell.row == first_body_row and not cell.lines and carried:
                inherited[j] = (cell, text)
    state.open_merges = {}

    rows: list[RawRow] = []
    for group in groups:
        values: list[str | None] = [None] * n_cols
        spanning = False
        words, weighted = 0, 0.0
        seen: set[int] = set()
        for cell, cols in placed:
            if not cols or not any(cell.row <= g < cell.row + cell.rowspan for g in group):
                continue
            if id(cell) not in seen:
                seen.add(id(cell))
                if cell.conf is not None:
                    words += cell.words
                    weighted += cell.conf * cell.words
            j = cols[0]
            if len(cols) >= max(2, n_cols - 1) and cell.lines:
                spanning = True
                j = key_col if key_col in cols else j  # a heading's text belongs in the task column
            text = join_lines(cell.lines)
            if text:
                values[j] = text if values[j] is None else join_lines([values[j], text])
        if not any(values):
            continue
        covered = [
            j for j, (cell, _) in inherited.items() if any(cell.row <= g < cell.row + cell.rowspan for g in group)
        ]
        if covered and not rows and _heading_like(values, spanning, roles):
            inherited = {}  # a heading opens the page: the merged cell above ended with the last page
        for j in covered:
            if j in inherited and values[j] is None:
                values[j] = inherited[j][1]
        bbox = (grid.bbox[0], grid.ys[group[0]], grid.bbox[2], grid.ys[group[-1] + 1])
        rows.append(RawRow(grid.page_no, bbox, tuple(values), weighted / words if words else None, spanning))

    # Remember the cells that end this page: a merged one may run on over the break.
    last_row = n_rows - 1
    for cell, cols in placed:
        if cols and cell.row + cell.rowspan - 1 == last_row and cell.lines and len(cols) == 1:
            state.open_merges[cols[0]] = (join_lines(cell.lines), cell.rowspan > 1)
    return rows


def _heading_like(values: Sequence[str | None], spanning: bool, roles: Sequence[str | None]) -> bool:
    """A numbered row with text only in its number and task columns, or one spanning cell.

    (The rest of a row split by the page break has text in the task column too, but no number; a heading may
    print its number in its text: "VI/ CẢI CÁCH TÀI CHÍNH CÔNG".)
    """
    if spanning:
        return True
    keep = {Role.number.value, Role.task.value}
    task = values[list(roles).index(Role.task.value)] if Role.task.value in roles else None
    numbered = (
        Role.number.value not in roles
        or bool(values[list(roles).index(Role.number.value)])
        or bool(task and _NUMBERED_HEADING.match(task))
    )
    return numbered and not any(v for v, role in zip(values, roles, strict=True) if role not in keep)


def _looks_continued(prev: RawRow, row: RawRow, after: RawRow | None, columns: Sequence[Column]) -> bool:
    """Tell whether ``row`` (first on a page) is the rest of ``prev`` (last on the previous page).

    A row with no number is the rest, unless the row ``after`` it is numbered
    two on from ``prev`` and it opens a sentence: then it is the row between,
    whose number the scan lost. A heading that prints its number in the task
    column, alone in its row ("VI/ CẢI CÁCH TÀI CHÍNH CÔNG"), opens a section.
    """
    if prev.spanning or row.spanning:
        return False
    roles = [c.role for c in columns]
    if Role.number.value in roles:
        at = roles.index(Role.number.value)
        if row.values[at]:
            return False
        task = row.values[roles.index(Role.task.value)] if Role.task.value in roles else None
        alone = not any(v for v, role in zip(row.values, roles, strict=True) if role != Role.task.value)
        if task and alone and _NUMBERED_HEADING.match(task):
            return False
        skipped = after is not None and _numbered_after(prev.values[at], after.values[at], 2)
        return not (skipped and task and task[0].isupper())
    first = next((v for v in row.values if v), "")
    return bool(first) and first[0].islower()


_NUMBERED_HEADING = re.compile(r"(?:[IVX]+|[A-ZĐ])[./)]\s+\S")
"""A heading's number printed in its own text: "VI/ CẢI CÁCH TÀI CHÍNH CÔNG", "B. Cải cách thể chế"."""
_TRAILING_NUMBER = re.compile(r"(.*?)(\d+)\.?")
"""A row number's last part, and what comes before it ("3." in "3.4")."""


def _numbered_after(first: str | None, later: str | None, step: int) -> bool:
    """True when ``later`` numbers the row ``step`` rows after ``first`` ("30" and "32", "3.4" and "3.6")."""
    a, b = _TRAILING_NUMBER.fullmatch((first or "").strip()), _TRAILING_NUMBER.fullmatch((later or "").strip())
    return bool(a and b) and a.group(1) == b.group(1) and int(b.group(2)) - int(a.group(2)) == step


def _append_rows(state: _State, rows: list[RawRow], continued_page: bool) -> None:
    after = rows[1] if len(rows) > 1 else None
    if continued_page and rows and state.rows and _looks_continued(state.rows[-1], rows[0], after, state.columns):
        prev, cont = state.rows[-1], rows.pop(0)
        merged = tuple(
            # The same text on both halves is one merged cell carried over the page break.
            (a if a == b else join_lines([a, b])) if a and b else (a or b)
            for a, b in zip(prev.values, cont.values, strict=True)
        )
        confs = [c for c in (prev.conf, cont.conf) if c is not None]
        state.rows[-1] = RawRow(prev.page_no, prev.bbox, merged, sum(confs) / len(confs) if confs else None, False)
    state.rows.extend(rows)


def contents_to_table(contents: Sequence[PageContent]) -> RawTable | None:
    """Stitch the task table from the ruled tables of every page; ``None`` if there is none."""
    state = _State()
    for content in contents:
        for grid in content.grids:
            header_rows = _header_rows(grid)
            if header_rows is not None:
                header = _read_header(grid, *header_rows)
                if not state.columns:
                    columns = resolve_roles(header.columns)
                    columns = _number_column_by_content(grid, header.first_body_row, columns)
                    state.columns = _deadline_column_by_content(grid, header.first_body_row, columns)
                    state.relative = [_relative(s, grid.bbox) for s in header.spans]
                    mapping: list[int | None] | None = list(range(len(state.columns)))
                    continued = False
                else:
                    mapping = _map_header(state, header, grid.bbox)
                    continued = True
                spans, first_body = header.spans, header.first_body_row
            elif state.columns:
                spans = [(grid.xs[c], grid.xs[c + 1]) for c in range(len(grid.xs) - 1)]
                mapping = _map_spans(state, spans, grid.bbox)
                first_body, continued = 0, True
                if mapping is None:
                    continue
            else:
                continue
            rows = _grid_rows(grid, first_body, spans, mapping, state)
            _append_rows(state, rows, continued)
    if not state.columns:
        return None
    return RawTable(tuple(state.columns), tuple(state.rows), tuple(state.warnings))


def _body_texts(grid: Grid, first_body_row: int, col: int, *, single: bool = False) -> list[str]:
    """The filled body cells that start in column ``col``; with ``single``, only those one column wide."""
    return [
        text
        for c in grid.cells
        if c.col == col and c.row >= first_body_row and (c.colspan == 1 or not single) and (text := _cell_text(c))
    ]


def _number_column_by_content(grid: Grid, first_body_row: int, columns: list[Column]) -> list[Column]:
    """Give the number role to a first column whose header a bad scan spoiled ("Xx!" for "TT").

    Only when no column has the role, and most of the column's filled body
    cells read as row numbers ("1", "3.2", "IV", "a").
    """
    if not columns or columns[0].role is not None or any(c.role == Role.number.value for c in columns):
        return columns
    texts = _body_texts(grid, first_body_row, 0)
    numbers = sum(bool(_ROW_NUMBER.match(t)) for t in texts)
    if len(texts) < MIN_JUDGED_CELLS or numbers < NUMBERED_SHARE * len(texts):
        return columns
    first = columns[0]
    return [Column(first.header, Role.number.value, first.x0, first.x1), *columns[1:]]


def _deadline_column_by_content(grid: Grid, first_body_row: int, columns: list[Column]) -> list[Column]:
    """Give the deadline role to the column whose cells read as deadlines, where a spoiled header took it.

    A fax can turn "Bộ phận phối hợp" into a near "Thời hạn" ("-Bồghện tối hạ"). When
    most filled body cells of the deadline column read as no deadline, and most of
    another column's do (a column kept in ``extra``, or of no role), the two swap.
    """
    roles = [c.role for c in columns]
    if Role.deadline.value not in roles:
        return columns

    def share(index: int) -> float:
        texts = _body_texts(grid, first_body_row, index, single=True)
        if len(texts) < MIN_JUDGED_CELLS:
            return 0.0
        return sum(map(reads_as_deadline, texts)) / len(texts)

    held = roles.index(Role.deadline.value)
    if share(held) >= DEADLINE_SHARE:
        return columns
    for index, col in enumerate(columns):
        if col.role in (None, Role.other.value) and share(index) >= DEADLINE_SHARE:
            out = list(columns)
            out[held] = Column(columns[held].header, Role.other.value, columns[held].x0, columns[held].x1)
            out[index] = Column(col.header, Role.deadline.value, col.x0, col.x1)
            return out
    return columns


def _map_header(state: _State, header: _Header, bbox: BBox) -> list[int | None]:
    """Map a repeated header onto the table's columns: same role or same text, else by position.

    A role the first header lost to a bad scan ("STT" read as "srT") is taken
    from the repeated one, where the column it maps to has none.
    """
    resolved = resolve_roles(header.columns)
    by_position = _map_spans(state, header.spans, bbox) or [None] * len(resolved)
    mapping: list[int | None] = []
    for col, pos in zip(resolved, by_position, strict=True):
        same = [
            j
            for j, ref in enumerate(state.columns)
            if (col.role and col.role != Role.other.value and ref.role == col.role)
            or (col.header and ref.header == col.header)
        ]
        mapping.append(same[0] if same else pos)
        known = {ref.role for ref in state.columns}
        if not same and pos is not None and state.columns[pos].role is None and col.role not in known:
            ref = state.columns[pos]
            state.columns[pos] = Column(ref.header, col.role, ref.x0, ref.x1)
    return mapping
