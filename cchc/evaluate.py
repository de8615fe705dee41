"""Measuring an export against hand-checked gold: rows found, exact texts, deadlines, header facts.

Used by the golden regression tests and by ``make bench``. Output rows are
aligned to gold rows in document order by task text, so a misread STT does not
make a row "lost".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from normalize.text import nfc

HEADER_FACTS = ("organization", "parent", "place", "issued_date", "year", "doc_number", "title", "signer")
MATCH_SCORE = 60.0
"""Task texts at least this similar (0–100) are the same row."""
LOOKAHEAD = 4


@dataclass
class Score:
    """How an exported plan compares with its gold."""

    gold_rows: int
    found: int = 0
    exact: int = 0
    deadlines: int = 0
    gold_words: int = 0
    word_errors: int = 0
    extra_rows: int = 0
    header: dict[str, bool] = field(default_factory=dict)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def rows_found(self) -> float:
        """Share of gold rows found."""
        return self.found / self.gold_rows if self.gold_rows else 1.0

    @property
    def texts_exact(self) -> float:
        """Share of gold rows whose task text came out exactly."""
        return self.exact / self.gold_rows if self.gold_rows else 1.0

    @property
    def deadlines_right(self) -> float:
        """Share of gold rows whose deadline came out right."""
        return self.deadlines / self.gold_rows if self.gold_rows else 1.0

    @property
    def words_right(self) -> float:
        """1 − word error rate over the task texts of gold rows (unfound rows count as all wrong)."""
        return 1 - self.word_errors / self.gold_words if self.gold_words else 1.0

    @property
    def header_right(self) -> float:
        """Share of header facts equal to gold."""
        return sum(self.header.values()) / len(self.header) if self.header else 1.0

    def summary(self) -> dict[str, float]:
        """The figures as a dict of shares (0–1)."""
        return {
            "rows_found": round(self.rows_found, 4),
            "texts_exact": round(self.texts_exact, 4),
            "deadlines_right": round(self.deadlines_right, 4),
            "words_right": round(self.words_right, 4),
            "header_right": round(self.header_right, 4),
        }


def words(text: str | None) -> list[str]:
    """Whitespace tokens after NFC: the unit of the word error rate."""
    return nfc(text or "").split()


def align(pred: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs (pred index, gold index) of the same rows, in order."""
    pairs = []
    start = 0
    for gi, g in enumerate(gold):
        best, best_score = None, MATCH_SCORE
        for pi in range(start, min(len(pred), start + LOOKAHEAD + 1)):
            score = fuzz.ratio(pred[pi].get("task") or "", g.get("task") or "")
            if score >= best_score:
                best, best_score = pi, score
        if best is not None:
            pairs.append((best, gi))
            start = best + 1
    return pairs


def score_plan(pred: dict[str, Any], gold: dict[str, Any]) -> Score:
    """Compare one exported plan with its gold plan."""
    g_tasks, p_tasks = gold["tasks"], pred["tasks"]
    score = Score(gold_rows=len(g_tasks))
    matched = dict((gi, pi) for pi, gi in align(p_tasks, g_tasks))
    for gi, g in enumerate(g_tasks):
        gw = words(g["task"])
        score.gold_words += len(gw)
        pi = matched.get(gi)
        if pi is None:
            score.word_errors += len(gw)
            continue
        p = p_tasks[pi]
        score.pairs.append((p, g))
        score.found += 1
        score.exact += p["task"] == g["task"]
        score.deadlines += p["deadline"] == g["deadline"]
        score.word_errors += min(len(gw), Levenshtein.distance(words(p["task"]), gw))
    score.extra_rows = len(p_tasks) - len(matched)
    score.header = {key: pred.get(key) == gold.get(key) for key in HEADER_FACTS}
    return score


def gold_on_page(gold: dict[str, Any], digital: dict[str, Any], page: int) -> dict[str, Any]:
    """The gold plan cut to the rows the born-digital rendering prints on ``page``.

    The born-digital variant reads every row exactly (its text layer is the gold
    text), so its page numbers say which gold rows a one-page image holds.
    """
    on_page = {t["task"] for t in digital["tasks"] if t["page"] == page}
    return {**gold, "tasks": [t for t in gold["tasks"] if t["task"] in on_page]}
