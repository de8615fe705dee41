"""Ruled tables from ruling lines, and words assigned to their cells by geometry.

The same grid builder serves text-layer pages (rulings are vector edges) and
scans (rulings come from :mod:`ingest.lines`): ``rulings_to_segments →
segments_to_regions → region_to_grid``, then :func:`words_to_cells`.

A grid slot (row *r*, column *c*) joins its right or lower neighbour when the
ruling between them is missing over most of its length, so merged cells (one
lead for a block of tasks) and broken scan lines both come out right.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from normalize.match import header_row_roles
from normalize.text import clean
from schema.records import BBox, Cell, Grid, PageContent, PageLayout, Ruling, TextLine, Word

_T = TypeVar("_T")

CLUSTER_TOLERANCE = 3.0
"""Points: rulings closer than this are one line (double borders, scan jitter)."""
JOIN_GAP = 6.0
"""Points: collinear pieces separated by less than this are one line."""
WALL_COVERAGE = 0.05
"""Share of a slot's side, away from its corners, a ruling must cover to separate two cells.

A merged cell has no ruling across it at all (0 on every sample scan once the
corners, where the rulings around it end, are left out), while a fax breaks a
ruling into pieces that still cover a tenth to a half of it: such a wall
stands, or two task rows, or a product and its deadline, would be read as one.
"""
WALL_TRIM = 4.0
"""Points at each end of a slot's side left out of its coverage: the rulings around a merged cell end there."""
MIN_TABLE_SIZE = 30.0
"""Points: smaller ruled boxes (boxes around a stamp, underlines) are not tables."""
LINE_SPREAD = 0.6
"""Letter heights two runs' middles may lie apart and still be one printed line."""
COLUMN_GAP = 1.5
"""Letter heights: a wider gap inside a line separates two blocks (the header's two columns)."""
CENTER_TOLERANCE = 0.06
"""Share of page width: a line this close to the page centre counts as centred."""
INDENT = 0.04
"""Share of page width a centred line starts right of the body's left margin."""


@dataclass(frozen=True)
class Segment:
    """A merged ruling: ``pos`` is its y (horizontal) or x (vertical); ``lo``–``hi`` its extent."""

    horizontal: bool
    pos: float
    lo: float
    hi: float


def rulings_to_segments(rulings: Iterable[Ruling]) -> list[Segment]:
    """Merge collinear, overlapping or nearly touching rulings into segments."""
    pieces: dict[bool, list[tuple[float, float, float]]] = {True: [], False: []}
    for r in rulings:
        if r.horizontal:
            pieces[True].append(((r.top + r.bottom) / 2, min(r.x0, r.x1), max(r.x0, r.x1)))
        else:
            pieces[False].append(((r.x0 + r.x1) / 2, min(r.top, r.bottom), max(r.top, r.bottom)))
    out: list[Segment] = []
    for horizontal, items in pieces.items():
        items.sort()
        lines: list[list[tuple[float, float, float]]] = []
        for item in items:
            if lines and item[0] - lines[-1][-1][0] <= CLUSTER_TOLERANCE:
                lines[-1].append(item)
            else:
                lines.append([item])
        for group in lines:
            pos = statistics.median(p for p, _, _ in group)
            spans = sorted((lo, hi) for _, lo, hi in group)
            cur_lo, cur_hi = spans[0]
            for lo, hi in spans[1:]:
                if lo <= cur_hi + JOIN_GAP:
                    cur_hi = max(cur_hi, hi)
                else:
                    out.append(Segment(horizontal, pos, cur_lo, cur_hi))
                    cur_lo, cur_hi = lo, hi
            out.append(Segment(horizontal, pos, cur_lo, cur_hi))
    return out


def _touches(h: Segment, v: Segment, tol: float = CLUSTER_TOLERANCE * 2) -> bool:
    return h.lo - tol <= v.pos <= h.hi + tol and v.lo - tol <= h.pos <= v.hi + tol


def segments_to_regions(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Group segments into connected ruled structures (candidate tables)."""
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, s in enumerate(segments) if s.horizontal]
    vs = [i for i, s in enumerate(segments) if not s.horizontal]
    for i in hs:
        for j in vs:
            if _touches(segments[i], segments[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segments):
        groups.setdefault(find(i), []).append(s)
    regions = []
    for group in groups.values():
        n_h = sum(s.horizontal for s in group)
        if n_h >= 2 and len(group) - n_h >= 2:
            regions.append(group)
    return regions


def _cluster(values: Iterable[float], tol: float = CLUSTER_TOLERANCE) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [statistics.median(g) for g in out]


def _coverage(segments: Iterable[Segment], pos: float, lo: float, hi: float) -> float:
    """Share of ``lo``–``hi`` covered by segments lying at ``pos``."""
    length = hi - lo
    if length <= 0:
        return 1.0
    spans = sorted(
        (max(lo, s.lo), min(hi, s.hi))
        for s in segments
        if abs(s.pos - pos) <= CLUSTER_TOLERANCE and s.hi > lo and s.lo < hi
    )
    covered, cur = 0.0, lo
    for a, b in spans:
        a = max(a, cur)
        if b > a:
            covered += b - a
            cur = b
    return covered / length


def _inner(lo: float, hi: float) -> tuple[float, float]:
    """A slot's side without its corners (the whole side when it is too short to trim)."""
    return (lo + WALL_TRIM, hi - WALL_TRIM) if hi - lo > 4 * WALL_TRIM else (lo, hi)


def _merge_slots(
    n_rows: int, n_cols: int, open_right: set[tuple[int, int]], open_below: set[tuple[int, int]]
) -> dict[int, list[tuple[int, int]]]:
    """Group grid slots joined through missing walls (union-find); each group is one cell."""
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r, c in open_right:
        parent[find(r * n_cols + c)] = find(r * n_cols + c + 1)
    for r, c in open_below:
        parent[find(r * n_cols + c)] = find((r + 1) * n_cols + c)
    slots: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            slots.setdefault(find(r * n_cols + c), []).append((r, c))
    return slots


def _is_rectangle(members: Sequence[tuple[int, int]]) -> bool:
    rows = {r for r, _ in members}
    cols = {c for _, c in members}
    return len(members) == (max(rows) - min(rows) + 1) * (max(cols) - min(cols) + 1)


def region_to_grid(region: Sequence[Segment], page_no: int) -> Grid | None:
    """Build the cells of one ruled region; ``None`` if it is too small to be a table."""
    hs = [s for s in region if s.horizontal]
    vs = [s for s in region if not s.horizontal]
    xs = _cluster(s.pos for s in vs)
    ys = _cluster(s.pos for s in hs)
    if len(xs) < 2 or len(ys) < 2 or xs[-1] - xs[0] < MIN_TABLE_SIZE or ys[-1] - ys[0] < MIN_TABLE_SIZE / 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    open_right = {
        (r, c)
        for r in range(n_rows)
        for c in range(n_cols - 1)
        if _coverage(vs, xs[c + 1], *_inner(ys[r], ys[r + 1])) < WALL_COVERAGE
    }
    open_below = {
        (r, c)
        for r in range(n_rows - 1)
        for c in range(n_cols)
        if _coverage(hs, ys[r + 1], *_inner(xs[c], xs[c + 1])) < WALL_COVERAGE
    }
    slots = _merge_slots(n_rows, n_cols, open_right, open_below)
    # A cell is a rectangle. A group that is not one came from a wall broken in a
    # bad scan: one missing corner joins a task row to the section row under it,
    # or a task cell to the lead cell beside it. Within such a group, trust either
    # the row walls or the column walls, whichever gives rectangles and keeps the
    # merged cells whole (the fewer cells).
    ragged = {slot for members in slots.values() if not _is_rectangle(members) for slot in members}
    if ragged:
        choices = [
            _merge_slots(n_rows, n_cols, open_right, open_below - ragged),
            _merge_slots(n_rows, n_cols, open_right - ragged, open_below),
        ]
        square = [c for c in choices if all(_is_rectangle(m) for m in c.values())]
        slots = min(square or choices[:1], key=len)
    cells = []
    for members in slots.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members)
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members)
        cells.append(Cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]), ()))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(page_no, (xs[0], ys[0], xs[-1], ys[-1]), tuple(xs), tuple(ys), tuple(cells))


def _center(b: BBox) -> tuple[float, float]:
    return (b[0] + b[2]) / 2, (b[1] + b[3]) / 2


def words_to_lines(words: Sequence[Word], *, split_gaps: bool = False) -> list[list[Word]]:
    """Group words into printed lines, top to bottom, each left to right.

    With ``split_gaps``, the lines are runs of words side by side (:func:`_runs`),
    cut where a gap is wider than :data:`COLUMN_GAP` letter heights, so a
    two-column header block gives two lines per row, left before right.
    """
    if split_gaps:
        runs = _runs(words)
        rows = _rows(runs, key=lambda run: _union(w.bbox for w in run), joins=_side_by_side)
        return [run for row in rows for run in sorted(row, key=lambda run: run[0].bbox[0])]
    return [sorted(line, key=lambda w: w.bbox[0]) for line in _rows(list(words), key=lambda w: w.bbox)]


def _centre_in_band(box: BBox, row: Sequence[BBox]) -> bool:
    """A word belongs to a line when its centre lies in the line's band (give or take a fifth of its height)."""
    top, bottom = statistics.median(b[1] for b in row), statistics.median(b[3] for b in row)
    cy, h = (box[1] + box[3]) / 2, box[3] - box[1]
    return top - 0.2 * h <= cy <= bottom + 0.2 * h


def _side_by_side(box: BBox, row: Sequence[BBox]) -> bool:
    """True when a run shares the row: it stands beside every run of it, at the same height.

    The same height: the two overlap by half the smaller. Beside, not under: a
    title under a larger heading, reaching past both its ends, is a row of its own.
    """
    top, bottom = statistics.median(b[1] for b in row), statistics.median(b[3] for b in row)
    overlap = min(box[3], bottom) - max(box[1], top)
    beside = all(box[0] >= b[2] or box[2] <= b[0] for b in row)
    return beside and overlap >= 0.5 * min(box[3] - box[1], bottom - top)


def _rows(
    items: list[_T], key: Callable[[_T], BBox], joins: Callable[[BBox, Sequence[BBox]], bool] = _centre_in_band
) -> list[list[_T]]:
    """Group boxes into rows, top to bottom: each joins the row above when ``joins`` says it stands in it."""
    boxed = sorted(((key(it), it) for it in items), key=lambda pair: (pair[0][1] + pair[0][3]) / 2)
    rows: list[list[_T]] = []
    boxes: list[BBox] = []  # the boxes of the last row
    for box, item in boxed:
        if rows and joins(box, boxes):
            rows[-1].append(item)
            boxes.append(box)
            continue
        rows.append([item])
        boxes = [box]
    return rows


def _runs(words: Sequence[Word]) -> list[list[Word]]:
    """Words that read on from one another, each run left to right.

    Two words read on when they stand side by side on one printed line: their
    heights overlap by half the smaller one, and the gap between them is at
    most :data:`COLUMN_GAP` letter heights. So the columns of a header or
    signature block part, and a signer's name set in a larger type stays one
    run, however the smaller lines beside it fall. Two runs whose middles lie
    more than :data:`LINE_SPREAD` of a letter height apart are two lines, even
    where a box a scan stretched over both overlaps each.
    """
    order = sorted(words, key=lambda w: w.bbox[0])
    parent = list(range(len(order)))
    # Per run (at its root): how many words, and the sums of their middles and heights.
    sums = [[1, (w.bbox[1] + w.bbox[3]) / 2, w.bbox[3] - w.bbox[1]] for w in order]
    reach = COLUMN_GAP * max((w.bbox[3] - w.bbox[1] for w in order), default=0.0)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a == b:
            return
        (na, ca, ha), (nb, cb, hb) = sums[a], sums[b]
        if abs(ca / na - cb / nb) > LINE_SPREAD * max(ha / na, hb / nb):
            return
        parent[b] = a
        sums[a] = [na + nb, ca + cb, ha + hb]

    for i, a in enumerate(order):
        ha = a.bbox[3] - a.bbox[1]
        for j in range(i + 1, len(order)):
            b = order[j]
            gap = b.bbox[0] - a.bbox[2]
            if gap > reach:
                break  # every later word starts further right
            hb = b.bbox[3] - b.bbox[1]
            overlap = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
            if gap <= COLUMN_GAP * max(ha, hb) and overlap >= 0.5 * min(ha, hb):
                join(i, j)
    runs: dict[int, list[Word]] = {}
    for i, w in enumerate(order):
        runs.setdefault(find(i), []).append(w)
    return list(runs.values())


def _line_text(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)


def _union(boxes: Iterable[BBox]) -> BBox:
    boxes = list(boxes)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def words_to_cells(grid: Grid, words: Sequence[Word]) -> tuple[Grid, list[Word]]:
    """Put each word in the cell holding its centre; return the filled grid and the words left over."""
    buckets: dict[int, list[Word]] = {i: [] for i in range(len(grid.cells))}
    rest: list[Word] = []
    for w in words:
        cx, cy = _center(w.bbox)
        for i, cell in enumerate(grid.cells):
            x0, y0, x1, y1 = cell.bbox
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                buckets[i].append(w)
                break
        else:
            rest.append(w)
    cells = []
    for i, cell in enumerate(grid.cells):
        parted = _parted_header(grid, cell, buckets[i]) or _parted_continuation(grid, cell, buckets[i])
        cells.extend(parted or [_filled(cell, buckets[i])])
    return Grid(grid.page_no, grid.bbox, grid.xs, grid.ys, tuple(cells)), rest


def _filled(cell: Cell, inside: Sequence[Word]) -> Cell:
    printed = _wrapped_dashes(cell.bbox, words_to_lines(inside))
    lines = tuple(t for t in (clean(_line_text(line)) for line in printed) if t)
    conf = statistics.fmean(w.conf for w in inside) if inside else None
    return Cell(cell.row, cell.col, cell.rowspan, cell.colspan, cell.bbox, lines, conf, len(inside))


def _wrapped_dashes(box: BBox, lines: list[list[Word]]) -> list[list[Word]]:
    """Join a line to the one above when the cell's width, not the writer, broke them at a dash.

    A line that starts with a dash is a list item ("Kế hoạch" / "- Báo cáo"), unless
    the line above ran so close to the cell's edge that the dash could not follow it
    there ("… gửi Phòng Văn hóa" / "- Xã hội phường"). The text's right edge is taken
    as far in from the cell's right wall as its left edge is from the left wall.
    """
    if not any(line[0].text[:1] in "-–" for line in lines[1:]):
        return lines
    pad = max(0.0, min(line[0].bbox[0] for line in lines) - box[0])
    limit = box[2] - pad
    gaps = [b.bbox[0] - a.bbox[2] for line in lines for a, b in zip(line, line[1:], strict=False)]
    space = statistics.median(gaps) if gaps else 0.0
    out = [lines[0]]
    for line in lines[1:]:
        first, last = line[0], out[-1][-1]
        dash = first.text[:1] in "-–" and last.text[-1:].isalnum()
        width = (first.bbox[2] - first.bbox[0]) / max(1, len(first.text))
        if dash and last.bbox[2] + space + width > limit:
            out[-1] = [*out[-1], *line]
        else:
            out.append(line)
    return out


MIN_PARTED_COLUMNS = 3
"""A header row is parted by the columns below it only in a table of this many columns or more."""


def _parted_header(grid: Grid, cell: Cell, inside: Sequence[Word]) -> list[Cell] | None:
    """A header row a bad scan left without its column walls, parted by the columns below it.

    The top row read as one cell across the table ("TT Nhiệm vụ Bộ phận chủ trì … Ghi chú") is
    parted where the body's columns are, when the parts read as a header row. A title or section
    row across the table reads as none and stays whole.
    """
    parted = _parted_top_row(grid, cell, inside)
    if parted is None or header_row_roles([" ".join(p.lines) or None for p in parted]) is None:
        return None
    return parted


def _parted_continuation(grid: Grid, cell: Cell, inside: Sequence[Word]) -> list[Cell] | None:
    """The top of a row a page broke, too short for a scan to keep its column walls, parted by the columns.

    A row's last lines at the top of the next page may be shorter than the
    strokes taken for rulings, so they read as one cell across the table ("áp
    dụng hiệu quả (ít nhất 01 sáng kiến cấp trường)."). It is parted where the
    body's columns are when its words, specks (one letter) aside, lie in one column but the
    first, and the text is not in capitals: a section row starts in the first
    column, a title runs across the columns or is set in capitals.
    """
    parted = _parted_top_row(grid, cell, inside)
    if parted is None:
        return None
    texts = ["".join(p.lines) for p in parted]
    filled = [n for n, text in enumerate(texts) if sum(c.isalnum() for c in text) > 1]  # a speck reads as one
    letters = [c for c in "".join(texts) if c.isalpha()]
    if len(filled) != 1 or filled[0] == 0 or letters == [c.upper() for c in letters]:
        return None
    return parted


def _parted_top_row(grid: Grid, cell: Cell, inside: Sequence[Word]) -> list[Cell] | None:
    """A grid's top row read as one cell across the table, parted at the columns below it."""
    columns = len(grid.xs) - 1
    if cell.row != 0 or cell.rowspan != 1 or cell.colspan != columns or columns < MIN_PARTED_COLUMNS:
        return None
    parts: list[list[Word]] = [[] for _ in range(columns)]
    for w in inside:
        cx = _center(w.bbox)[0]
        parts[max(0, min(columns - 1, sum(cx > x for x in grid.xs[1:-1])))].append(w)
    return [
        _filled(Cell(0, c, 1, 1, (grid.xs[c], cell.bbox[1], grid.xs[c + 1], cell.bbox[3]), (), None), words)
        for c, words in enumerate(parts)
    ]


def _drop_stray_segments(segments: list[Segment]) -> list[Segment]:
    """Drop rulings that meet no ruling of the other direction (underlines, strike-outs)."""
    hs = [s for s in segments if s.horizontal]
    vs = [s for s in segments if not s.horizontal]
    keep = []
    for s in segments:
        others = vs if s.horizontal else hs
        if any(_touches(s, o) if s.horizontal else _touches(o, s) for o in others):
            keep.append(s)
    return keep


def rulings_to_grids(rulings: Iterable[Ruling], page_no: int) -> list[Grid]:
    """The empty grids of every ruled table on a page, top to bottom."""
    segments = _drop_stray_segments(rulings_to_segments(rulings))
    grids = [g for g in (region_to_grid(r, page_no) for r in segments_to_regions(segments)) if g is not None]
    return sorted(grids, key=lambda g: g.bbox[1])


def layout_to_content(layout: PageLayout) -> PageContent:
    """Find the page's ruled tables, fill their cells, and keep the rest as text lines."""
    grids: list[Grid] = []
    words: list[Word] = list(layout.words)
    for grid in rulings_to_grids(layout.rulings, layout.page_no):
        filled, words = words_to_cells(grid, words)
        grids.append(filled)
    grouped = [line for line in words_to_lines(words, split_gaps=True) if clean(_line_text(line))]
    boxes = [_union(w.bbox for w in line) for line in grouped]
    margin = min((b[0] for b in boxes), default=0.0)
    lines = []
    for line, box in zip(grouped, boxes, strict=True):
        mid = (box[0] + box[2]) / 2
        # Centred: symmetric about the page centre and indented from the body's left margin.
        centered = (
            abs(mid - layout.width / 2) <= CENTER_TOLERANCE * layout.width and box[0] > margin + INDENT * layout.width
        )
        conf = statistics.fmean(w.conf for w in line)
        lines.append(TextLine(layout.page_no, clean(_line_text(line)) or "", box, conf, centered))
    return PageContent(
        layout.page_no, layout.width, layout.height, layout.method, tuple(grids), tuple(lines), layout.warnings
    )
