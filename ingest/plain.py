"""Plain-text plans (``.txt``): running text and, where the text holds it, the task table.

A table survives in text as tab-separated or ``|``-separated rows; those are
read like a ruled table. Text where the columns of a scanned table were
interleaved line by line (the usual output of page-level OCR) is not a table
any more: its header facts are imported, its rows are not, and the plan is
``partial`` with a warning. Rows are never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.stitch import resolve_roles
from normalize.match import ROLE_SYNONYMS, best_match, header_row_roles
from normalize.text import clean, strip_markup
from schema.records import Column, RawRow, RawTable, TextLine

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
LABEL_SCORE = 90.0
"""A bare line reads as a scattered column label only when it matches this well."""


@dataclass(frozen=True)
class PlainDocument:
    """A plain-text plan: its running text, its table if recoverable, and warnings."""

    lines: tuple[TextLine, ...]
    table: RawTable | None
    warnings: tuple[str, ...]
    scattered_labels: int
    """Column labels found on lines of their own: a table whose columns were interleaved."""


def _cells(line: str) -> list[str | None] | None:
    if "\t" in line and line.count("\t") >= 2:
        return [clean(strip_markup(c)) for c in line.rstrip("\n").split("\t")]
    if _PIPE_ROW.match(line) and not _PIPE_RULE.match(line):
        return [clean(strip_markup(c)) for c in line.strip().strip("|").split("|")]
    return None


def _header_columns(cells: list[str | None]) -> list[Column] | None:
    matches = header_row_roles(cells)
    if matches is None:
        return None
    return resolve_roles([Column(c, m.value if m else None) for c, m in zip(cells, matches, strict=True)])


def text_to_document(text: str) -> PlainDocument:
    """Split a plain-text plan into running text lines and its task table."""
    lines: list[TextLine] = []
    columns: list[Column] | None = None
    rows: list[RawRow] = []
    warnings: list[str] = []
    scattered = set()
    for raw in text.splitlines():
        if _PIPE_RULE.match(raw) and "|" in raw:
            continue
        cells = _cells(raw)
        if cells is not None:
            header = _header_columns(cells)
            if header is not None:
                if columns is None:
                    columns = header
                continue  # the header, or its repetition on a later page
            if columns is None:
                lines.append(TextLine(None, clean(strip_markup(raw.replace("\t", " "))) or ""))
                continue
            values = (cells + [None] * len(columns))[: len(columns)]
            if len(cells) > len(columns) and any(cells[len(columns) :]):
                warnings.append(f"a table row has {len(cells)} cells for {len(columns)} columns; extra cells dropped")
            if any(values):
                rows.append(RawRow(None, None, tuple(values)))
            continue
        is_heading = bool(_MD_HEADING.match(raw))
        line = clean(strip_markup(_MD_HEADING.sub("", raw)))
        if not line:
            continue
        if len(line.split()) <= 5:
            label = best_match(line, ROLE_SYNONYMS, score_cutoff=LABEL_SCORE)
            if label is not None and label.value != "other":
                scattered.add(label.value)
        lines.append(TextLine(None, line, None, None, is_heading))
    table = RawTable(tuple(columns), tuple(rows), tuple(warnings)) if columns else None
    return PlainDocument(tuple(lines), table, tuple(warnings), len(scattered))
