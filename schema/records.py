"""Typed records passed between pipeline stages.

Every stage is a function from one of these records to the next (see
``cchc/pipeline.py`` for the order). Units and indexing are part of each field's
contract:

- boxes are ``(x0, top, x1, bottom)`` in PDF points (1/72 inch) with the origin at
  the top-left of the upright page; for images, pixels × 72 / dpi;
- pages are counted from 1;
- confidences are 0–1; text-layer words have confidence 1.0;
- text is NFC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

BBox = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in PDF points, origin top-left."""

FileKind = Literal["pdf", "image", "txt"]
PageMethod = Literal["text", "ocr"]
PlanMethod = Literal["text", "ocr", "mixed", "plain"]
PlanStatus = Literal["ok", "partial"]

SUPPORTED_EXTENSIONS: dict[str, FileKind] = {
    "pdf": "pdf",
    "png": "image",
    "jpg": "image",
    "jpeg": "image",
    "tif": "image",
    "tiff": "image",
    "txt": "txt",
}
"""Importable file extensions and the reader each one goes to."""

NOT_YET_SUPPORTED = frozenset({"doc", "docx", "xls", "xlsx", "odt", "ods", "rtf"})
"""Office formats that get a "not supported yet" line instead of an import."""


@dataclass(frozen=True)
class SourceFile:
    """One input file, identified by the SHA-256 of its bytes."""

    path: str
    """The path as given at import."""
    name: str
    """The file's base name."""
    sha256: str
    """Hex digest of the bytes: the plan's identity."""
    kind: FileKind
    """Which reader handles it, decided from the bytes (not only the extension)."""
    ext: str
    """Lower-case extension without the dot, used for the stored copy."""
    size: int
    """Bytes."""
    page_count: int | None = None
    """Pages (PDF pages, image frames); ``None`` for plain text."""


@dataclass(frozen=True)
class PageJob:
    """One page to read: the unit of parallel work."""

    path: str
    """Filesystem path to open (the stored copy or the original)."""
    kind: FileKind
    page_no: int
    """Counted from 1."""


@dataclass(frozen=True)
class Word:
    """A word with its box on the upright page."""

    text: str
    bbox: BBox
    conf: float
    """0–1: Tesseract's word confidence, or 1.0 for a text-layer word."""
    readings: tuple[tuple[str, float], ...] = ()
    """Other readings of the word's letters that OCR weighed, with their cost in nats; empty for text-layer words."""


@dataclass(frozen=True)
class Ruling:
    """A straight ruling line (table border) on the upright page, in points."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        """True for a line wider than it is tall."""
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(frozen=True)
class PageLayout:
    """What a page holds once it is read: words and ruling lines, upright."""

    page_no: int
    """Counted from 1."""
    width: float
    """Points."""
    height: float
    """Points."""
    method: PageMethod
    """``text`` when the PDF text layer was used, ``ocr`` when the page was OCR'd."""
    words: tuple[Word, ...]
    rulings: tuple[Ruling, ...]
    dpi: float | None = None
    """Resolution the page was OCR'd at; ``None`` for text-layer pages."""
    rotation: int = 0
    """Degrees (0, 90, 180, 270) the page image was turned to be upright."""
    skew: float = 0.0
    """Degrees of skew corrected before OCR."""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextLine:
    """A line of running text (outside the task table)."""

    page_no: int | None
    """Counted from 1; ``None`` for plain-text input."""
    text: str
    bbox: BBox | None = None
    conf: float | None = None
    centered: bool = False
    """True when the line sits centred on the page (titles, signature blocks)."""


@dataclass(frozen=True)
class Cell:
    """A table cell on one page, with its printed lines."""

    row: int
    """First grid row it covers, from 0."""
    col: int
    """First grid column it covers, from 0."""
    rowspan: int
    colspan: int
    bbox: BBox
    lines: tuple[str, ...]
    """Printed lines, top to bottom, NFC."""
    conf: float | None = None
    """Mean word confidence, ``None`` for an empty cell."""
    words: int = 0
    """Number of words in the cell (weights the row's confidence)."""


@dataclass(frozen=True)
class Grid:
    """A ruled table found on one page."""

    page_no: int
    bbox: BBox
    xs: tuple[float, ...]
    """Column boundaries, left to right (points)."""
    ys: tuple[float, ...]
    """Row boundaries, top to bottom (points)."""
    cells: tuple[Cell, ...]

    def row_cells(self, row: int) -> list[Cell]:
        """Cells that cover grid row ``row``, left to right."""
        return sorted(
            (c for c in self.cells if c.row <= row < c.row + c.rowspan),
            key=lambda c: c.col,
        )


@dataclass(frozen=True)
class PageContent:
    """A page split into its ruled tables and the running text around them."""

    page_no: int
    width: float
    height: float
    method: PageMethod
    grids: tuple[Grid, ...]
    lines: tuple[TextLine, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """A task-table column and the role its header gives it."""

    header: str | None
    """Header text as printed (NFC, spaces collapsed); ``None`` if the table had none."""
    role: str | None
    """A :class:`normalize.match.Role` value, or ``None`` for an unrecognised column."""
    x0: float | None = None
    """Left edge on the page, used to continue the table on the next page."""
    x1: float | None = None


@dataclass(frozen=True)
class RawRow:
    """One body row of the task table, before it is read as a task or a heading."""

    page_no: int | None
    bbox: BBox | None
    values: tuple[str | None, ...]
    """One text per :class:`Column`, cell lines already joined."""
    conf: float | None = None
    spanning: bool = False
    """True when one cell spans the whole row (a heading)."""


@dataclass(frozen=True)
class RawTable:
    """The task table of a document, stitched across pages."""

    columns: tuple[Column, ...]
    rows: tuple[RawRow, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading row inside the task table."""

    number: str | None
    title: str
    text: str
    """As printed with its number prefix: "II. Cải cách thủ tục hành chính"."""
    page: int | None


@dataclass(frozen=True)
class Change:
    """One repair of a stored text: what OCR read, what it became, how sure, and why."""

    field: str
    """Which text: ``task``, ``product``, ``lead``, ``note``, ``section``, ``extra:<header>``,
    a header fact (``organization``, ``title``, …) or ``target:<n>`` (from 1)."""
    before: str
    after: str
    score: float
    """Confidence 0–1."""
    reason: str
    """``tone``, ``hat``, ``đ/d``, ``letters``, ``split``, ``join``, ``repeat``, ``punctuation``, ``date`` or
    ``tone placement`` (``+``-joined)."""
    applied: bool = True
    """False for a change below the confidence threshold: the text is flagged for review instead."""


@dataclass(frozen=True)
class Task:
    """A task row. Field meanings follow the export contract (see README)."""

    index: int
    """Row index from 1, in document order."""
    number: str | None
    section: str | None
    task: str | None
    task_raw: str | None
    product: str | None
    lead: str | None
    note: str | None
    deadline: date | None
    deadline_text: str | None
    extra: Mapping[str, str | None]
    page: int | None
    bbox: BBox | None
    confidence: float | None
    repairs: tuple[Change, ...] = ()
    """Text repairs made (and proposed) on this row's cells."""
    lead_units: tuple[str, ...] = ()
    """The lead's units with abbreviations expanded ("BGH" → "Ban Giám hiệu")."""
    area: str | None = None
    """Reform area (``tthc``, ``cong_vu``, …): the task's topic."""
    catalogue_code: str | None = None
    catalogue_score: float | None = None
    """0–1: how well the task matched its catalogue entry."""
    link_status: str | None = None
    """``auto``, ``review``, ``unlinked`` or ``manual``."""


@dataclass(frozen=True)
class Target:
    """A "chỉ tiêu" sentence and the percentage printed in it."""

    text: str
    percent: float | None


@dataclass(frozen=True)
class HeaderFacts:
    """Facts from the document's header, title and signature block."""

    organization: str | None = None
    parent: str | None = None
    place: str | None = None
    issued_date: date | None = None
    year: int | None = None
    doc_number: str | None = None
    title: str | None = None
    signer: str | None = None


@dataclass(frozen=True)
class PageInfo:
    """How one page was read, for the per-page status rows."""

    page_no: int
    method: PageMethod
    dpi: float | None
    rotation: int
    skew: float
    words: int
    confidence: float | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """Everything recovered from one document."""

    source: SourceFile
    method: PlanMethod
    status: PlanStatus
    header: HeaderFacts
    targets: tuple[Target, ...]
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    pages: tuple[PageInfo, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    repairs: tuple[Change, ...] = ()
    """Text repairs of the header facts and targets."""
    readings: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    """Other readings OCR weighed for the words read (see :attr:`Word.readings`), by the word's letters in lower
    case: evidence for repair. Empty for a text-layer PDF; not stored."""


@dataclass(frozen=True)
class CatalogueEntry:
    """One canonical CCHC task."""

    code: str
    area: str
    text: str
    aliases: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    """First and last year the entry applies to; ``None`` for any year."""

    def applies(self, year: int | None) -> bool:
        """True when the entry is valid in ``year`` (or the year is unknown)."""
        return self.years is None or year is None or self.years[0] <= year <= self.years[1]


@dataclass(frozen=True)
class Catalogue:
    """The entries of one catalogue version."""

    entries: tuple[CatalogueEntry, ...]

    def get(self, code: str) -> CatalogueEntry | None:
        """The entry with this code."""
        return next((e for e in self.entries if e.code == code), None)
