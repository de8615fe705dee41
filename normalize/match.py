"""Fuzzy matching of labels (column headers, section words) against a vocabulary.

Matching is accent-insensitive (:func:`normalize.text.fold_key`) because scanned
headers lose their tone marks too. One signature for every caller::

    best_match(raw, vocab, *, score_cutoff=80.0) -> Match | None
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from rapidfuzz import fuzz

from normalize.text import fold_key

DEFAULT_SCORE_CUTOFF = 80.0
SCORE_BAND = 5.0
"""Synonyms scoring within this many points of the best count as equally good; the longest wins."""
CONTAINS_MAX_RATIO = 2.5
"""A synonym is looked for inside a label at most this many times its length (headers are short)."""
"""Synonyms scoring within this many points of the best count as equally good; the longest wins."""


@dataclass(frozen=True)
class Match:
    """Why a raw label was read as a vocabulary entry."""

    raw: str
    """The text as printed."""
    value: str
    """The vocabulary key chosen."""
    synonym: str
    """The synonym that matched."""
    score: float
    """0–100."""
    scorer: str
    """``ratio`` (whole label) or ``contains`` (the synonym inside a longer label)."""


def _score(label: str, synonym: str) -> tuple[float, str]:
    whole = fuzz.ratio(label, synonym)
    if len(synonym) < len(label) <= CONTAINS_MAX_RATIO * len(synonym):
        # The synonym printed inside a longer header ("Đơn vị chủ trì thực hiện").
        inside = fuzz.partial_ratio(synonym, label)
        if len(synonym) >= 6 and inside > whole:
            return inside, "contains"
    return whole, "ratio"


def best_match(
    raw: str,
    vocab: Mapping[str, Sequence[str]],
    *,
    score_cutoff: float = DEFAULT_SCORE_CUTOFF,
) -> Match | None:
    """Match ``raw`` against ``vocab`` (value → synonyms).

    Among the synonyms that score best (within :data:`SCORE_BAND`), the longest wins,
    so "Nội dung công việc" is read by its own synonym and not by "Nội dung".

    >>> best_match("Sản phẩm hoàn thành", {"product": ["Sản phẩm"], "done": ["Sản phẩm hoàn thành"]}).value
    'done'
    """
    label = fold_key(raw)
    if not label:
        return None
    passing: list[tuple[float, int, Match]] = []
    for value, synonyms in vocab.items():
        for synonym in synonyms:
            key = fold_key(synonym)
            score, scorer = _score(label, key)
            if score >= score_cutoff:
                passing.append((score, len(key), Match(raw, value, synonym, score, scorer)))
    if not passing:
        return None
    top = max(score for score, _, _ in passing)
    near = [p for p in passing if p[0] >= top - SCORE_BAND]
    return max(near, key=lambda p: (p[1], p[0]))[2]


class Role(str, Enum):
    """What a task-table column holds."""

    number = "number"
    task = "task"
    product = "product"
    lead = "lead"
    deadline = "deadline"
    note = "note"
    product_done = "product_done"
    """A completion column ("Sản phẩm hoàn thành"): the product only when no expected one exists."""
    deadline_done = "deadline_done"
    """A completion column ("Thời gian hoàn thành"): the deadline only when no expected one exists."""
    other = "other"
    """Recognised as a column of the genre but kept in ``extra`` ("Đơn vị phối hợp")."""


ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    Role.number.value: ("STT", "TT", "Số TT", "Số thứ tự"),
    Role.task.value: (
        "Nhiệm vụ",
        "Nội dung",
        "Nội dung công việc",
        "Nội dung nhiệm vụ",
        "Công việc",
        "Nhiệm vụ, giải pháp",
        "Nhiệm vụ cụ thể",
        "Nội dung thực hiện",
    ),
    Role.product.value: (
        "Sản phẩm",
        "Sản phẩm đầu ra",
        "Kết quả/sản phẩm",
        "Sản phẩm dự kiến",
        "Kết quả dự kiến",
        "Hình thức sản phẩm",
        "Kết quả đầu ra",
    ),
    Role.lead.value: (
        "Cơ quan chủ trì",
        "Đơn vị chủ trì",
        "Bộ phận thực hiện",
        "Người thực hiện",
        "Người phụ trách",
        "Cá nhân chủ trì",
        "Cơ quan chủ trì/Công chức thực hiện",
        "Bộ phận chủ trì",
        "Phụ trách",
        "Người chịu trách nhiệm",
        "Đơn vị thực hiện",
        "Người chủ trì",
        "Chủ trì",
        "Cá nhân thực hiện",
    ),
    Role.deadline.value: (
        "Thời gian dự kiến",
        "Thời gian thực hiện",
        "Thời hạn",
        "Tiến độ",
        "Thời hạn hoàn thành",
        "Thời gian dự kiến hoàn thành",
        "Tiến độ thực hiện",
        "Thời gian",
    ),
    Role.deadline_done.value: ("Thời gian hoàn thành",),
    Role.product_done.value: ("Sản phẩm hoàn thành", "Kết quả thực hiện", "Kết quả hoàn thành"),
    Role.note.value: ("Ghi chú",),
    Role.other.value: (
        "Đơn vị phối hợp",
        "Cơ quan phối hợp",
        "Bộ phận phối hợp",
        "Phối hợp",
        "Kinh phí",
        "Thời gian bắt đầu",
        "Ngày bắt đầu",
    ),
}
"""Column headers of the genre, by role. Matched whole, accent-insensitive; longest wins."""


def header_role(raw: str) -> Match | None:
    """The role of a task-table column, from its header cell as printed."""
    return best_match(raw, ROLE_SYNONYMS)


MIN_HEADER_ROLES = 2
HEADER_SHARE = 0.6
"""Share of a row's filled cells that must read as column labels for the row to be a header."""


def header_row_roles(texts: Sequence[str | None]) -> list[Match | None] | None:
    """Read a table row as a header row: the role of each cell, or ``None`` if it is not one.

    A header row names at least two roles (the task column, or three others), and
    most of its filled cells are column labels, so a task row that happens to
    contain "thực hiện" is not taken for a header.
    """
    matches = [header_role(t) if t else None for t in texts]
    roles = {m.value for m in matches if m}
    filled = sum(1 for t in texts if t)
    if len(roles) < MIN_HEADER_ROLES or not (Role.task.value in roles or len(roles) >= 3):
        return None
    if sum(m is not None for m in matches) < HEADER_SHARE * filled:
        return None
    return matches
